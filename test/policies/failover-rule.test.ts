import { PlannedResource } from "hardened-redis-gate";
import { k8sRedisReplicasWithoutFailover } from "../../policies/rules/k8s-redis-replicas-without-failover";
import { UNKNOWN_VALUE, describeRule, evaluate, planned } from "../support/policy-fixtures";

const LABELS = { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "cache" };
const IMAGE = "redis:7.2.11";

function workload(
    name: string,
    container: Record<string, unknown>,
    replicas: unknown,
    namespace = "data",
    type = "kubernetes:apps/v1:StatefulSet",
): PlannedResource {
    return planned(type, name, {
        metadata: { name, namespace, labels: LABELS },
        spec: {
            replicas,
            selector: { matchLabels: LABELS },
            template: { metadata: { labels: LABELS }, spec: { containers: [container] } },
        },
    });
}

const server = (replicas: unknown, args: string[] = []) =>
    workload("redis", { name: "redis", image: IMAGE, command: ["redis-server", "/etc/redis/redis.conf", ...args] }, replicas);
const sentinels = (namespace = "data", command = ["redis-sentinel", "/etc/sentinel/sentinel.conf"]) =>
    workload("redis-sentinel", { name: "sentinel", image: IMAGE, command }, 3, namespace);

describeRule(k8sRedisReplicasWithoutFailover, [
    {
        title: "three pods and no failover",
        resources: [server(3)],
        messages: [/^Redis workload "redis" in namespace "data" runs 3 pods but no Redis Sentinel and no Redis Cluster/],
    },
    { title: "a single pod", resources: [server(1)], messages: [] },
    { title: "no replica count (Kubernetes runs one)", resources: [server(undefined)], messages: [] },
    { title: "three pods watched by sentinels", resources: [server(3), sentinels()], messages: [] },
    {
        title: "sentinels started as redis-server --sentinel",
        resources: [server(3), sentinels("data", ["redis-server", "/etc/sentinel.conf", "--sentinel"])],
        messages: [],
    },
    {
        title: "sentinels in another namespace",
        resources: [server(3), sentinels("other")],
        messages: [/runs 3 pods but no Redis Sentinel/],
    },
    { title: "Redis Cluster", resources: [server(6, ["--cluster-enabled", "yes"])], messages: [] },
    {
        title: "a Deployment with two pods",
        resources: [workload("redis", { name: "redis", image: IMAGE }, 2, "data", "kubernetes:apps/v1:Deployment")],
        messages: [/runs 2 pods/],
    },
]);

describe("k8s-redis-replicas-without-failover during preview", () => {
    it("reports an unknown replica count as not judged, never as passed", async () => {
        const violations = await evaluate(k8sRedisReplicasWithoutFailover, [server(UNKNOWN_VALUE)]);
        expect(violations.map((v) => v.message)).toEqual([
            expect.stringMatching(/\nNot judged: the replica count of Redis workload "redis" is not known yet/),
        ]);
    });
});
