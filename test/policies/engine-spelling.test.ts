import { cacheKind, engineOf } from "../../policies/lib/elasticache";
import { UNKNOWN } from "../../policies/lib/known-values";
import { elastiCacheAutomaticBackupsDisabled } from "../../policies/rules/elasticache-automatic-backups-disabled";
import { elastiCacheOutdatedEngineVersion } from "../../policies/rules/elasticache-outdated-engine-version";
import { elastiCacheUnencryptedAtRest } from "../../policies/rules/elasticache-unencrypted-at-rest";
import { elastiCacheUnencryptedInTransit } from "../../policies/rules/elasticache-unencrypted-in-transit";
import { elastiCacheWithoutAuthentication } from "../../policies/rules/elasticache-without-authentication";
import { UNKNOWN_VALUE, describeRule, planned } from "../support/policy-fixtures";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";
const view = (type: string, props: Record<string, unknown>) => ({ type, name: "c", urn: `urn:${type}::c`, props });
const plainGroup = (engine: unknown) =>
    planned(RG, `plain-${String(engine)}`, { description: "c", nodeType: "cache.t4g.small", ...(engine === undefined ? {} : { engine }) });

describe("the engine as ElastiCache reads it", () => {
    it.each([
        ["Redis", "redis"],
        ["VALKEY", "valkey"],
        ["Memcached", "memcached"],
        [undefined, undefined],
    ])("%s is %s", (engine, expected) => {
        expect(engineOf({ engine })).toBe(expected);
    });

    it("stays unknown while unknown", () => {
        expect(engineOf({ engine: UNKNOWN })).toBe(UNKNOWN);
    });

    it.each([
        [RG, "Redis", "replication-group"],
        [RG, "ValKey", "replication-group"],
        [RG, UNKNOWN, "replication-group"],
        [RG, "something-else", "replication-group"],
        [RG, "MEMCACHED", "other-engine"],
        [SERVERLESS, "VALKEY", "serverless"],
        [SERVERLESS, UNKNOWN, "serverless"],
        [SERVERLESS, "Memcached", "other-engine"],
        [CLUSTER, "REDIS", "standalone-cluster"],
        [CLUSTER, UNKNOWN, "standalone-cluster"],
        [CLUSTER, undefined, "standalone-cluster"],
        [CLUSTER, "memcached", "other-engine"],
    ])("%s with engine %s is judged as %s (fail closed: only provable Memcached is left out)", (type, engine, kind) => {
        expect(cacheKind(view(type, engine === undefined ? {} : { engine }))).toBe(kind);
    });
});

for (const engine of ["Redis", "VALKEY", "rEdIs"]) {
    describeRule(elastiCacheUnencryptedAtRest, [
        {
            title: `engine "${engine}" without encryption at rest`,
            resources: [plainGroup(engine)],
            messages: [/does not encrypt data at rest/],
        },
    ]);
    describeRule(elastiCacheUnencryptedInTransit, [
        { title: `engine "${engine}" without TLS`, resources: [plainGroup(engine)], messages: [/accepts plaintext connections/] },
    ]);
    describeRule(elastiCacheWithoutAuthentication, [
        { title: `engine "${engine}" without authentication`, resources: [plainGroup(engine)], messages: [/without a password/] },
    ]);
}

describeRule(elastiCacheWithoutAuthentication, [
    {
        title: 'a serverless cache of engine "Valkey" without a user group',
        resources: [planned(SERVERLESS, "sls", { engine: "Valkey", subnetIds: ["s"] })],
        messages: [/has no user group/],
    },
    {
        title: 'a serverless cache of engine "Memcached"',
        resources: [planned(SERVERLESS, "mc", { engine: "Memcached", subnetIds: ["s"] })],
        messages: [],
    },
    {
        title: "a standalone cluster whose engine is computed",
        resources: [planned(CLUSTER, "computed", { engine: UNKNOWN_VALUE, nodeType: "cache.t4g.small" })],
        messages: [/standalone cache cluster/],
    },
    {
        title: 'a standalone cluster of engine "Memcached"',
        resources: [planned(CLUSTER, "mc", { engine: "Memcached", nodeType: "cache.t4g.small" })],
        messages: [],
    },
]);

describeRule(elastiCacheOutdatedEngineVersion, [
    {
        title: 'engine "REDIS" 6.2',
        resources: [planned(RG, "old", { description: "c", engine: "REDIS", engineVersion: "6.2" })],
        messages: [/runs redis 6\.2, older than the minimum 7\.0/],
    },
    {
        title: 'engine "Valkey" 7.2',
        resources: [planned(RG, "new", { description: "c", engine: "Valkey", engineVersion: "7.2" })],
        messages: [],
    },
]);

describeRule(elastiCacheAutomaticBackupsDisabled, [
    {
        title: "cache.t1.micro, which ElastiCache cannot snapshot",
        resources: [planned(CLUSTER, "t1", { engine: "redis", nodeType: "cache.t1.micro" })],
        messages: [],
    },
    {
        title: "cache.t2.micro without snapshots",
        resources: [planned(CLUSTER, "t2", { engine: "redis", nodeType: "cache.t2.micro" })],
        messages: [/automatic backups turned off/],
    },
]);
