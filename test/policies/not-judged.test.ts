import { evaluatePolicies } from "hardened-redis-gate";
import { policies } from "hardened-redis-policies/policies";
import { elastiCacheAutomaticBackupsDisabled } from "../../policies/rules/elasticache-automatic-backups-disabled";
import { elastiCacheAutomaticFailoverDisabled } from "../../policies/rules/elasticache-automatic-failover-disabled";
import { elastiCacheDefaultPort } from "../../policies/rules/elasticache-default-port";
import { elastiCacheDefaultSubnetGroup } from "../../policies/rules/elasticache-default-subnet-group";
import { elastiCacheLogsNotDelivered } from "../../policies/rules/elasticache-logs-not-delivered";
import { elastiCacheMinorVersionUpgradesDisabled } from "../../policies/rules/elasticache-minor-version-upgrades-disabled";
import { elastiCacheOutdatedEngineVersion } from "../../policies/rules/elasticache-outdated-engine-version";
import { elastiCacheUnencryptedAtRest } from "../../policies/rules/elasticache-unencrypted-at-rest";
import { elastiCacheUnencryptedInTransit } from "../../policies/rules/elasticache-unencrypted-in-transit";
import { elastiCacheUserWithoutPassword } from "../../policies/rules/elasticache-user-without-password";
import { elastiCacheWithoutAlarms } from "../../policies/rules/elasticache-without-alarms";
import { elastiCacheWithoutAuthentication } from "../../policies/rules/elasticache-without-authentication";
import { globalDatastorePrimaryUnencrypted } from "../../policies/rules/global-datastore-primary-unencrypted";
import { k8sRedisMissingResourceLimits } from "../../policies/rules/k8s-redis-missing-resource-limits";
import { k8sRedisWritableRootFilesystem } from "../../policies/rules/k8s-redis-writable-root-filesystem";
import { elastiCacheLiteralPassword } from "../../policies/rules/elasticache-literal-password";
import { PlannedResource } from "hardened-redis-gate";
import { SECURE_GROUP, UNKNOWN_VALUE, messagesOf, notJudgedBy, parseNotJudged, planned } from "../support/policy-fixtures";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";

const group = (unknown: string) => planned(RG, "orders", { ...SECURE_GROUP, [unknown]: UNKNOWN_VALUE });
const redisDeployment = (container: Record<string, unknown>) =>
    planned("kubernetes:apps/v1:Deployment", "redis", {
        metadata: { name: "redis", namespace: "data" },
        spec: {
            selector: { matchLabels: { app: "redis" } },
            template: {
                metadata: { labels: { app: "redis" } },
                spec: { containers: [{ name: "redis", image: "redis:7.2", ...container }] },
            },
        },
    });

describe("the not-judged policy", () => {
    const notJudged = policies.find((p) => p.name === "not-judged")!;

    it("is an advisory stack policy, listed last, that names the rule in each message", async () => {
        expect(policies[policies.length - 1]).toBe(notJudged);
        expect([notJudged.enforcementLevel, "validateStack" in notJudged]).toEqual(["advisory", true]);
        const violations = await evaluatePolicies([group("atRestEncryptionEnabled")], { policies: [notJudged] });
        expect(violations.map((v) => [v.policyName, v.enforcementLevel, v.resourceName, v.message.split("\n")[1]])).toEqual([
            [
                "not-judged",
                "advisory",
                "orders",
                'elasticache-unencrypted-at-rest: ReplicationGroup "orders": atRestEncryptionEnabled is unknown during preview (computed by another resource), so it was not judged.',
            ],
        ]);
    });

    it("reports nothing for a group whose settings are all known", async () => {
        expect(await evaluatePolicies([planned(RG, "orders", SECURE_GROUP)], { policies: [notJudged] })).toEqual([]);
    });

    it("does not make the rule itself report what it could not judge", async () => {
        expect(await messagesOf(elastiCacheUnencryptedAtRest, [group("atRestEncryptionEnabled")])).toEqual([]);
    });
});

describe("each rule that met an unknown value says it did not judge it", () => {
    it.each([
        [elastiCacheUnencryptedAtRest, group("atRestEncryptionEnabled"), "atRestEncryptionEnabled"],
        [elastiCacheUnencryptedInTransit, group("transitEncryptionEnabled"), "transitEncryptionEnabled"],
        [elastiCacheUnencryptedInTransit, group("transitEncryptionMode"), "transitEncryptionMode"],
        [elastiCacheWithoutAuthentication, group("userGroupIds"), "userGroupIds"],
        [
            elastiCacheWithoutAuthentication,
            planned(SERVERLESS, "sls", { engine: "valkey", subnetIds: ["s"], userGroupId: UNKNOWN_VALUE }),
            "userGroupId",
        ],
        [elastiCacheDefaultSubnetGroup, group("subnetGroupName"), "subnetGroupName"],
        [elastiCacheAutomaticFailoverDisabled, group("multiAzEnabled"), "multiAzEnabled"],
        [elastiCacheMinorVersionUpgradesDisabled, group("autoMinorVersionUpgrade"), "autoMinorVersionUpgrade"],
        [elastiCacheAutomaticBackupsDisabled, group("snapshotRetentionLimit"), "snapshotRetentionLimit"],
        [
            elastiCacheAutomaticBackupsDisabled,
            planned(RG, "orders", { ...SECURE_GROUP, snapshotRetentionLimit: 0, nodeType: UNKNOWN_VALUE }),
            "nodeType",
        ],
        [elastiCacheDefaultPort, group("port"), "port"],
        [elastiCacheLogsNotDelivered, group("logDeliveryConfigurations"), "logDeliveryConfigurations"],
        [elastiCacheOutdatedEngineVersion, group("engineVersion"), "engineVersion"],
        [elastiCacheWithoutAlarms, group("replicationGroupId"), "replicationGroupId"],
        [
            elastiCacheUserWithoutPassword,
            planned("aws:elasticache/user:User", "app", { userId: "app", userName: "app", engine: "redis", accessString: UNKNOWN_VALUE }),
            "accessString",
        ],
        [k8sRedisMissingResourceLimits, redisDeployment({ resources: UNKNOWN_VALUE }), 'the resource limits of container "redis"'],
        [
            k8sRedisWritableRootFilesystem,
            redisDeployment({ securityContext: UNKNOWN_VALUE }),
            'readOnlyRootFilesystem of container "redis"',
        ],
    ])("%#: %s", async (rule, resource, what) => {
        expect(await messagesOf(rule, [resource])).toEqual([]);
        expect(await notJudgedBy(rule, [resource])).toEqual([expect.stringContaining(`: ${what} is unknown during preview`)]);
    });

    it("global-datastore-primary-unencrypted, for a primary the program does not define", async () => {
        const global = planned("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", "global", {
            globalReplicationGroupIdSuffix: "orders",
            primaryReplicationGroupId: "elsewhere",
        });
        expect(await notJudgedBy(globalDatastorePrimaryUnencrypted, [global])).toEqual([
            expect.stringMatching(/^Global Datastore "global": its primary replication group is not defined in the program/),
        ]);
    });
});

const LABELS = { app: "cache" };
function redis(container: Record<string, unknown>, extra: Record<string, unknown> = {}): PlannedResource {
    return planned("kubernetes:apps/v1:Deployment", "cache", {
        metadata: { name: "cache", namespace: "data", labels: LABELS },
        spec: {
            selector: { matchLabels: LABELS },
            template: {
                metadata: { labels: LABELS },
                spec: {
                    automountServiceAccountToken: false,
                    containers: [{ name: "redis", image: "redis:7.2.5", ...container }],
                    ...extra,
                },
            },
        },
    });
}
const conf = planned("kubernetes:core/v1:ConfigMap", "redis-config", {
    metadata: { name: "redis-config", namespace: "data" },
    data: { "redis.conf": "port 0\ntls-port 6379\nprotected-mode yes\n" },
});
const mounted = (args: string[], env: unknown[] = []) =>
    redis(
        { args, env, volumeMounts: [{ name: "config", mountPath: "/etc/redis" }] },
        { volumes: [{ name: "config", configMap: { name: "redis-config" } }] },
    );
const fromElsewhere = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: "elsewhere", key: "x" } } });

async function results(resources: PlannedResource[]) {
    return (
        await messagesOf(
            policies.find((p) => p.name === "not-judged")!,
            resources,
        )
    ).map(parseNotJudged);
}

describe("the not-judged policy names the rules that could not judge", () => {
    it("is the pack's only advisory policy for what rules cannot judge", () => {
        expect(policies.map((p) => p.name).filter((name) => name.includes("not-judged"))).toEqual(["not-judged"]);
    });

    it("attributes an unread protected-mode to the protected-mode rule only", async () => {
        const found = await results([conf, mounted(["/etc/redis/redis.conf", "--protected-mode", "$(MODE)"], [fromElsewhere("MODE")])]);
        expect(found).toEqual([
            {
                rules: ["k8s-redis-protected-mode-off"],
                message: expect.stringMatching(/^Redis workload "cache" container "redis": protected-mode not judged, they depend on/),
            },
        ]);
    });

    it("attributes a configuration it cannot read to every rule that judges the server's settings and users", async () => {
        const found = await results([redis({ command: ["redis-server", "/usr/local/etc/redis/redis.conf"] })]);
        expect(found).toEqual([
            {
                rules: [
                    "k8s-redis-protected-mode-off",
                    "k8s-redis-without-tls",
                    "k8s-redis-without-authentication",
                    "k8s-redis-user-dangerous-commands",
                ],
                message: expect.stringMatching(
                    /protected-mode, port, tls-port, ACL users not judged, they depend on \/usr\/local\/etc\/redis\/redis\.conf, a file of the image/,
                ),
            },
        ]);
    });

    it("attributes unknown pod fields and the token setting to their rules, in one result for the workload", async () => {
        const workload = redis({}, { hostNetwork: UNKNOWN_VALUE, automountServiceAccountToken: UNKNOWN_VALUE });
        const found = (await results([conf, workload])).filter((r) => !r.rules.includes("k8s-redis-without-tls"));
        expect(found).toEqual([
            {
                rules: ["k8s-redis-pod-security-violation", "k8s-redis-service-account-token-mounted"],
                message: expect.stringMatching(
                    /^Redis workload "cache" is not judged in part: Pod Security Standards: .*; service account token: /,
                ),
            },
        ]);
    });

    it("attributes a manifest file it cannot open to every Kubernetes rule", async () => {
        const found = await results([planned("kubernetes:yaml/v2:ConfigFile", "file", { file: "redis.yaml" })]);
        expect(found).toEqual([
            { rules: ["k8s-redis-*"], message: 'yaml/v2:ConfigFile "file" is not judged: its manifest files are not read by the pack.' },
        ]);
    });

    it("reports a password from a lookup the preview could not answer (unknown, from no resource) as not judged, not as literal", async () => {
        const user = planned("aws:elasticache/user:User", "ops", {
            userId: "ops",
            userName: "ops",
            engine: "redis",
            accessString: "on ~ops:* -@all +@read",
            authenticationMode: { type: "password", passwords: [UNKNOWN_VALUE] },
        });
        expect(await messagesOf(elastiCacheLiteralPassword, [user])).toEqual([]);
        expect(await results([user])).toContainEqual({
            rules: ["elasticache-literal-password"],
            message: expect.stringMatching(
                /^User "ops": the password in authenticationMode is unknown during preview and comes from no resource of the program/,
            ),
        });
        const literal = {
            ...user,
            props: { ...user.props, authenticationMode: { type: "password", passwords: ["hunter2hunter2hunter2"] } },
        };
        expect(await messagesOf(elastiCacheLiteralPassword, [literal])).toEqual([
            expect.stringMatching(/a password written in the program or its config/),
        ]);
    });
});
