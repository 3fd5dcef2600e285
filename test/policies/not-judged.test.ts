// The pack's one not-judged policy: every result names the rules that could not judge, the resource, and what was unknown.
import { policies } from "hardened-redis-policies/policies";
import { PlannedResource } from "hardened-redis-gate";
import { elastiCacheLiteralPassword } from "../../policies/rules/elasticache-literal-password";
import { UNKNOWN_VALUE, messagesOf, parseNotJudged, planned } from "./fixtures";

const notJudged = policies.find((p) => p.name === "not-judged")!;

const LABELS = { app: "cache" };
function redis(container: Record<string, unknown>, extra: Record<string, unknown> = {}): PlannedResource {
    return planned("kubernetes:apps/v1:Deployment", "cache", {
        metadata: { name: "cache", namespace: "data", labels: LABELS },
        spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: { automountServiceAccountToken: false, containers: [{ name: "redis", image: "redis:7.2.5", ...container }], ...extra } } },
    });
}
const conf = planned("kubernetes:core/v1:ConfigMap", "redis-config", { metadata: { name: "redis-config", namespace: "data" }, data: { "redis.conf": "port 0\ntls-port 6379\nprotected-mode yes\n" } });
const mounted = (args: string[], env: unknown[] = []) =>
    redis({ args, env, volumeMounts: [{ name: "config", mountPath: "/etc/redis" }] }, { volumes: [{ name: "config", configMap: { name: "redis-config" } }] });
const fromElsewhere = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: "elsewhere", key: "x" } } });

async function results(resources: PlannedResource[]) {
    return (await messagesOf(notJudged, resources)).map(parseNotJudged);
}

describe("the not-judged policy", () => {
    it("is the pack's only advisory policy for what rules cannot judge", () => {
        expect(policies.map((p) => p.name).filter((name) => name.includes("not-judged"))).toEqual(["not-judged"]);
    });

    it("attributes an unread protected-mode to the protected-mode rule only", async () => {
        const found = await results([conf, mounted(["/etc/redis/redis.conf", "--protected-mode", "$(MODE)"], [fromElsewhere("MODE")])]);
        expect(found).toEqual([{ rules: ["k8s-redis-protected-mode-off"], message: expect.stringMatching(/^Redis workload "cache" container "redis": protected-mode not judged, they depend on/) }]);
    });

    it("attributes a configuration it cannot read to every rule that judges the server's settings and users", async () => {
        const found = await results([redis({ command: ["redis-server", "/usr/local/etc/redis/redis.conf"] })]);
        expect(found).toEqual([
            {
                rules: ["k8s-redis-protected-mode-off", "k8s-redis-without-tls", "k8s-redis-without-authentication", "k8s-redis-user-dangerous-commands"],
                message: expect.stringMatching(/protected-mode, port, tls-port, ACL users not judged, they depend on \/usr\/local\/etc\/redis\/redis\.conf, a file of the image/),
            },
        ]);
    });

    it("attributes unknown pod fields and the token setting to their rules, in one result for the workload", async () => {
        const workload = redis({}, { hostNetwork: UNKNOWN_VALUE, automountServiceAccountToken: UNKNOWN_VALUE });
        const found = (await results([conf, workload])).filter((r) => !r.rules.includes("k8s-redis-without-tls"));
        expect(found).toEqual([{ rules: ["k8s-redis-pod-security-violation", "k8s-redis-service-account-token-mounted"], message: expect.stringMatching(/^Redis workload "cache" is not judged in part: Pod Security Standards: .*; service account token: /) }]);
    });

    it("attributes a manifest file it cannot open to every Kubernetes rule", async () => {
        const found = await results([planned("kubernetes:yaml/v2:ConfigFile", "file", { file: "redis.yaml" })]);
        expect(found).toEqual([{ rules: ["k8s-redis-*"], message: 'yaml/v2:ConfigFile "file" is not judged: its manifest files are not read by the pack.' }]);
    });

    it("reports a rule's own not-judged notes under its id, on the resource", async () => {
        const group = planned("aws:elasticache/replicationGroup:ReplicationGroup", "orders", { replicationGroupId: "orders", engine: "redis", atRestEncryptionEnabled: UNKNOWN_VALUE });
        const violations = (await messagesOf(notJudged, [group])).map(parseNotJudged);
        expect(violations).toContainEqual({ rules: ["elasticache-unencrypted-at-rest"], message: expect.stringContaining("atRestEncryptionEnabled is unknown during preview") });
    });

    it("reports a password from a lookup the preview could not answer (unknown, from no resource) as not judged, not as literal", async () => {
        const user = planned("aws:elasticache/user:User", "ops", { userId: "ops", userName: "ops", engine: "redis", accessString: "on ~ops:* -@all +@read", authenticationMode: { type: "password", passwords: [UNKNOWN_VALUE] } });
        expect(await messagesOf(elastiCacheLiteralPassword, [user])).toEqual([]);
        expect(await results([user])).toContainEqual({ rules: ["elasticache-literal-password"], message: expect.stringMatching(/^User "ops": the password in authenticationMode is unknown during preview and comes from no resource of the program/) });
        const literal = { ...user, props: { ...user.props, authenticationMode: { type: "password", passwords: ["hunter2hunter2hunter2"] } } };
        expect(await messagesOf(elastiCacheLiteralPassword, [literal])).toEqual([expect.stringMatching(/a password written in the program or its config/)]);
    });
});
