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
import { SECURE_GROUP, UNKNOWN_VALUE, messagesOf, notJudgedBy, planned } from "../support/policy-fixtures";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";

const group = (unknown: string) => planned(RG, "orders", { ...SECURE_GROUP, [unknown]: UNKNOWN_VALUE });
const redisDeployment = (container: Record<string, unknown>) =>
    planned("kubernetes:apps/v1:Deployment", "redis", {
        metadata: { name: "redis", namespace: "data" },
        spec: { selector: { matchLabels: { app: "redis" } }, template: { metadata: { labels: { app: "redis" } }, spec: { containers: [{ name: "redis", image: "redis:7.2", ...container }] } } },
    });

describe("the not-judged policy", () => {
    const notJudged = policies.find((p) => p.name === "not-judged")!;

    it("is an advisory stack policy, listed last, that names the rule in each message", async () => {
        expect(policies[policies.length - 1]).toBe(notJudged);
        expect([notJudged.enforcementLevel, "validateStack" in notJudged]).toEqual(["advisory", true]);
        const violations = await evaluatePolicies([group("atRestEncryptionEnabled")], { policies: [notJudged] });
        expect(violations.map((v) => [v.policyName, v.enforcementLevel, v.resourceName, v.message.split("\n")[1]])).toEqual([
            ["not-judged", "advisory", "orders", 'elasticache-unencrypted-at-rest: ReplicationGroup "orders": atRestEncryptionEnabled is unknown during preview (computed by another resource), so it was not judged.'],
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
        [elastiCacheWithoutAuthentication, planned(SERVERLESS, "sls", { engine: "valkey", subnetIds: ["s"], userGroupId: UNKNOWN_VALUE }), "userGroupId"],
        [elastiCacheDefaultSubnetGroup, group("subnetGroupName"), "subnetGroupName"],
        [elastiCacheAutomaticFailoverDisabled, group("multiAzEnabled"), "multiAzEnabled"],
        [elastiCacheMinorVersionUpgradesDisabled, group("autoMinorVersionUpgrade"), "autoMinorVersionUpgrade"],
        [elastiCacheAutomaticBackupsDisabled, group("snapshotRetentionLimit"), "snapshotRetentionLimit"],
        [elastiCacheAutomaticBackupsDisabled, planned(RG, "orders", { ...SECURE_GROUP, snapshotRetentionLimit: 0, nodeType: UNKNOWN_VALUE }), "nodeType"],
        [elastiCacheDefaultPort, group("port"), "port"],
        [elastiCacheLogsNotDelivered, group("logDeliveryConfigurations"), "logDeliveryConfigurations"],
        [elastiCacheOutdatedEngineVersion, group("engineVersion"), "engineVersion"],
        [elastiCacheWithoutAlarms, group("replicationGroupId"), "replicationGroupId"],
        [elastiCacheUserWithoutPassword, planned("aws:elasticache/user:User", "app", { userId: "app", userName: "app", engine: "redis", accessString: UNKNOWN_VALUE }), "accessString"],
        [k8sRedisMissingResourceLimits, redisDeployment({ resources: UNKNOWN_VALUE }), 'the resource limits of container "redis"'],
        [k8sRedisWritableRootFilesystem, redisDeployment({ securityContext: UNKNOWN_VALUE }), 'readOnlyRootFilesystem of container "redis"'],
    ])("%#: %s", async (rule, resource, what) => {
        expect(await messagesOf(rule, [resource])).toEqual([]);
        expect(await notJudgedBy(rule, [resource])).toEqual([expect.stringContaining(`: ${what} is unknown during preview`)]);
    });

    it("global-datastore-primary-unencrypted, for a primary the program does not define", async () => {
        const global = planned("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", "global", { globalReplicationGroupIdSuffix: "orders", primaryReplicationGroupId: "elsewhere" });
        expect(await notJudgedBy(globalDatastorePrimaryUnencrypted, [global])).toEqual([expect.stringMatching(/^Global Datastore "global": its primary replication group is not defined in the program/)]);
    });
});
