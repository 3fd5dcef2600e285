import { redisSecurity } from "../lib/controls";
import { redisServersOf, settingsOf } from "../lib/redis-server";
import { startUsersOf } from "../lib/redis-users";
import { stackRule } from "../lib/rule";

/** The settings the mandatory Kubernetes Redis rules judge. */
const JUDGED_SETTINGS = ["protected-mode", "port", "tls-port"];

export const k8sRedisConfigNotJudged = stackRule(
    {
        name: "k8s-redis-config-not-judged",
        description:
            "Redis servers on Kubernetes whose protected-mode, port, tls-port or ACL users the gate cannot read (a config or ACL file baked into the image, " +
            "a value unknown before deployment, a start script it cannot follow) are reported here instead of passing unseen.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [redisSecurity("TLS", "Encrypt client and replication traffic with TLS", "encryption/")],
        remediation:
            "Give redis-server its configuration from a ConfigMap or Secret of the same program, mounted into the pod, and start it with a plain command " +
            "(redis-server /path/redis.conf); then the gate judges it.",
    },
    (stack, report) => {
        for (const { workload, process, where } of redisServersOf(stack)) {
            const refused = new Set<string>();
            const unread = new Map<string, string[]>();
            const add = (reason: string, name: string) => unread.set(reason, [...new Set([...(unread.get(reason) ?? []), name])]);
            for (const name of JUDGED_SETTINGS) {
                for (const setting of settingsOf(process, name)) {
                    if (setting !== undefined && "unread" in setting) add(setting.unread, name);
                }
            }
            for (const users of startUsersOf(process)) {
                if (users.state === "does not start") refused.add(users.reason);
                if (users.state === "unknown") add(users.reason, "ACL users");
            }
            refused.forEach((reason) => report(`${where}: not judged, redis-server would refuse this configuration (${reason}).`, workload.urn));
            unread.forEach((names, reason) => report(`${where}: ${names.join(", ")} not judged, they depend on ${reason}.`, workload.urn));
        }
    },
);
