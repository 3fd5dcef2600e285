import { redisDocs } from "../lib/controls";
import { namespaceOf } from "../lib/kubernetes";
import { isUnknown, listOf, numberOf, objectOf } from "../lib/known-values";
import { redisServersOf, settingsOf } from "../lib/redis-server";
import { stackRule } from "../lib/rule";

const SENTINEL = /(^|[\s/"'(])(redis|valkey)-sentinel(\s|$|["')])|(^|\s)--sentinel(\s|$)/;

/** A container started as a sentinel: `redis-sentinel`, `valkey-sentinel` or `redis-server --sentinel`. */
function runsSentinel(container: Record<string, any>): boolean {
    const words = [...listOf(container.command), ...listOf(container.args)].filter((word) => typeof word === "string");
    return SENTINEL.test(words.join(" "));
}

export const k8sRedisReplicasWithoutFailover = stackRule(
    {
        name: "k8s-redis-replicas-without-failover",
        description: "A Redis workload with replicas should fail over automatically: Redis Sentinel watching it, or Redis Cluster.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [
            redisDocs(
                "sentinel",
                "High availability with Redis Sentinel",
                "https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/",
            ),
        ],
        remediation:
            "Run Redis Sentinel (three sentinels, quorum 2) in the workload's namespace, as KubernetesRedis does by default with replicas, " +
            "or run Redis Cluster (cluster-enabled yes). Without either, losing the primary stops writes until its pod is back.",
    },
    (stack, report) => {
        const all = redisServersOf(stack);
        const sentinelNamespaces = new Set(
            all.filter(({ process }) => runsSentinel(process.view.container)).map(({ workload }) => namespaceOf(workload)),
        );
        const servers = all.filter(({ process }) => !runsSentinel(process.view.container));
        const workloads = [...new Set(servers.map(({ workload }) => workload))];
        for (const workload of workloads) {
            const processes = servers.filter((server) => server.workload === workload).map(({ process }) => process);
            const replicas = objectOf(workload.props.spec).replicas;
            const clusterEnabled = processes.flatMap((process) => settingsOf(process, "cluster-enabled"));
            if (isUnknown(replicas)) {
                report(
                    `Not judged: the replica count of Redis workload "${workload.name}" is not known yet, so whether it can fail over cannot be told.`,
                    workload.urn,
                );
                continue;
            }
            if ((numberOf(replicas) ?? 1) < 2) continue;
            const namespace = namespaceOf(workload);
            if (sentinelNamespaces.has(namespace)) continue;
            if (clusterEnabled.some((setting) => setting !== undefined && "args" in setting && setting.args[0]?.toLowerCase() === "yes"))
                continue;
            report(
                `Redis workload "${workload.name}" in namespace "${namespace}" runs ${numberOf(replicas)} pods but no Redis Sentinel and no Redis Cluster, so when its primary is lost writes stop ` +
                    "until the pod is rescheduled. Run three sentinels (KubernetesRedis does with replicas), or Redis Cluster.",
                workload.urn,
            );
        }
    },
);
