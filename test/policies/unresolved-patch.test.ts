// A ServicePatch whose target's name is unknown at preview is judged on what it does to every Service it may patch.
import { PlannedResource } from "hardened-redis-gate";
import { k8sRedisServiceExposed } from "../../policies/rules/k8s-redis-service-exposed";
import { UNKNOWN_VALUE, evaluate, notJudgedBy, planned } from "../support/policy-fixtures";

const LABELS = { app: "cache" };
const component = planned("test:index:Cache", "cache", {});
const child = (resource: PlannedResource): PlannedResource => ({ ...resource, parent: component.urn });
const workload = child(
    planned("kubernetes:apps/v1:StatefulSet", "cache", {
        metadata: { name: "cache", namespace: "data", labels: LABELS },
        spec: {
            selector: { matchLabels: LABELS },
            template: { metadata: { labels: LABELS }, spec: { containers: [{ name: "redis", image: "redis:7.2.5" }] } },
        },
    }),
);
const service = (name: string, spec: Record<string, unknown>) =>
    child(planned("kubernetes:core/v1:Service", name, { metadata: { name, namespace: "data" }, spec }));
const read = service("cache-read", { selector: LABELS, ports: [{ port: 6379 }] });
const headless = service("cache-headless", { clusterIP: "None", selector: LABELS, ports: [{ port: 6379 }] });
const web = service("cache-admin-ui", { selector: { app: "admin-ui" }, ports: [{ port: 8080 }] });
const patch = (spec: Record<string, unknown>, nameFrom: PlannedResource[]) =>
    planned(
        "kubernetes:core/v1:ServicePatch",
        "publish",
        { metadata: { name: UNKNOWN_VALUE, namespace: "data" }, spec },
        { propertyDependencies: { metadata: nameFrom.map((r) => r.urn) } },
    );

async function verdict(resources: PlannedResource[]) {
    const violations = await evaluate(k8sRedisServiceExposed, resources);
    return {
        findings: violations.map((v) => [v.resourceName, v.message.split("\n")[1]]),
        notJudged: await notJudgedBy(k8sRedisServiceExposed, resources),
    };
}

describe("k8s-redis-service-exposed on a ServicePatch whose target is unknown at preview", () => {
    it("denies it when its name comes from a component all of whose Services it would expose", async () => {
        const { findings, notJudged } = await verdict([component, workload, read, headless, patch({ type: "LoadBalancer" }, [workload])]);
        expect(findings).toEqual([
            [
                "publish",
                expect.stringMatching(
                    /computed from Cache "cache"; every Service of it that the patch can target \("cache-read", "cache-headless"\) is of type LoadBalancer once patched/,
                ),
            ],
        ]);
        expect(notJudged).toEqual([]);
    });

    it("does not judge it, on the patch and each Service it would expose, when one candidate would stay inside the cluster", async () => {
        const { findings, notJudged } = await verdict([component, workload, read, web, patch({ type: "NodePort" }, [workload])]);
        expect(findings).toEqual([]);
        expect(notJudged).toEqual([
            expect.stringMatching(
                /^ServicePatch "publish" names its Service by a value unknown at preview; if it patches "cache-read", that Service is of type NodePort/,
            ),
            expect.anything(),
        ]);
        expect(notJudged[1]).toBe(notJudged[0]);
    });

    it("does not judge it when its name comes from no resource of the program, since it may patch a Service outside it", async () => {
        const { findings, notJudged } = await verdict([component, workload, read, patch({ type: "LoadBalancer" }, [])]);
        expect(findings).toEqual([]);
        expect(notJudged).toHaveLength(2);
    });

    it("passes a patch that keeps every candidate inside the cluster", async () => {
        expect(await verdict([component, workload, read, patch({ type: "ClusterIP" }, [workload])])).toEqual({
            findings: [],
            notJudged: [],
        });
    });
});
