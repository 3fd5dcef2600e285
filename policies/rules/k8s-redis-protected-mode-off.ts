import { redisSecurity } from "../lib/controls";
import { containersOf, isRedisWorkload, podTemplateOf, runsRedisServer } from "../lib/kubernetes";
import { serverConfigOf } from "../lib/redis-server";
import { stackRule } from "../lib/rule";

export const k8sRedisProtectedModeOff = stackRule(
    {
        name: "k8s-redis-protected-mode-off",
        description: "Redis servers must keep protected-mode on (its default), which refuses outside clients whenever no password or bind address is set.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [redisSecurity("Protected mode", "Keep protected mode enabled", "#protected-mode")],
        remediation: 'Remove "protected-mode no" from redis.conf and the command line (or set "protected-mode yes"), and bind Redis to the pod interface with ACL users instead.',
    },
    (stack, report) => {
        for (const workload of stack.resources.filter(isRedisWorkload)) {
            for (const view of containersOf(podTemplateOf(workload).spec, ["containers"]).filter((c) => runsRedisServer(c.container))) {
                const directive = serverConfigOf(stack, workload, view).directives.get("protected-mode");
                if (directive?.args[0]?.toLowerCase() === "no") {
                    report(`Redis workload "${workload.name}" container "${view.name}" turns protected-mode off (${directive.source}). Set protected-mode yes.`, workload.urn);
                }
            }
        }
    },
);
