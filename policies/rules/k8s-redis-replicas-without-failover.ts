import { redisDocs } from "../lib/controls";
import { argvOf, argvUnknown, containersOf, isRedisWorkload, namespaceOf, podTemplateOf, runsRedisServer } from "../lib/kubernetes";
import { isUnknown, numberOf, objectOf } from "../lib/read";
import { serverConfigOf } from "../lib/redis-server";
import { StackResourceView, stackRule } from "../lib/rule";

const SENTINEL = /(^|[\s/"'(])(redis|valkey)-sentinel(\s|$|["')])|(^|\s)--sentinel(\s|$)/;

/** A container started as a sentinel: `redis-sentinel`, `valkey-sentinel` or `redis-server --sentinel`. */
function runsSentinel(container: Record<string, any>): boolean {
    return SENTINEL.test(argvOf(container).join(" "));
}

function sentinelWorkload(workload: StackResourceView): boolean {
    return containersOf(podTemplateOf(workload).spec, ["containers"]).some((view) => runsSentinel(view.container));
}

export const k8sRedisReplicasWithoutFailover = stackRule(
    {
        name: "k8s-redis-replicas-without-failover",
        description: "A Redis workload with replicas should fail over automatically: Redis Sentinel watching it, or Redis Cluster.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [redisDocs("sentinel", "High availability with Redis Sentinel", "https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/")],
        remediation:
            "Run Redis Sentinel (three sentinels, quorum 2) in the workload's namespace, as KubernetesRedis does by default with replicas, " +
            "or run Redis Cluster (cluster-enabled yes). Without either, losing the primary stops writes until its pod is back.",
    },
    (stack, report) => {
        const workloads = stack.resources.filter(isRedisWorkload);
        for (const workload of workloads) {
            const servers = containersOf(podTemplateOf(workload).spec, ["containers"]).filter((view) => runsRedisServer(view.container) && !runsSentinel(view.container));
            if (servers.length === 0) continue;
            const replicas = objectOf(workload.props.spec).replicas;
            if (isUnknown(replicas) || servers.some((view) => argvUnknown(view.container))) {
                report(`Not judged: the replica count or the command of Redis workload "${workload.name}" is not known yet, so whether it can fail over cannot be told.`, workload.urn);
                continue;
            }
            if ((numberOf(replicas) ?? 1) < 2) continue;
            const namespace = namespaceOf(workload);
            if (workloads.some((other) => namespaceOf(other) === namespace && sentinelWorkload(other))) continue;
            if (servers.some((view) => serverConfigOf(stack, workload, view).directives.get("cluster-enabled")?.args[0]?.toLowerCase() === "yes")) continue;
            report(
                `Redis workload "${workload.name}" in namespace "${namespace}" runs ${numberOf(replicas)} pods but no Redis Sentinel and no Redis Cluster, so when its primary is lost writes stop ` +
                    "until the pod is rescheduled. Run three sentinels (KubernetesRedis does with replicas), or Redis Cluster.",
                workload.urn,
            );
        }
    },
);
