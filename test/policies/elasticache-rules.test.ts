import { elastiCacheAuthTokenInsteadOfRbac } from "../../policies/rules/elasticache-auth-token-instead-of-rbac";
import { elastiCacheAutomaticBackupsDisabled } from "../../policies/rules/elasticache-automatic-backups-disabled";
import { elastiCacheAutomaticFailoverDisabled } from "../../policies/rules/elasticache-automatic-failover-disabled";
import { elastiCacheDefaultPort } from "../../policies/rules/elasticache-default-port";
import { elastiCacheDefaultSecurityGroup } from "../../policies/rules/elasticache-default-security-group";
import { elastiCacheDefaultSubnetGroup } from "../../policies/rules/elasticache-default-subnet-group";
import { elastiCacheLogsNotDelivered } from "../../policies/rules/elasticache-logs-not-delivered";
import { elastiCacheMinorVersionUpgradesDisabled } from "../../policies/rules/elasticache-minor-version-upgrades-disabled";
import { elastiCacheOutdatedEngineVersion } from "../../policies/rules/elasticache-outdated-engine-version";
import { elastiCacheUnencryptedAtRest } from "../../policies/rules/elasticache-unencrypted-at-rest";
import { elastiCacheUnencryptedInTransit } from "../../policies/rules/elasticache-unencrypted-in-transit";
import { elastiCacheWithoutAuthentication } from "../../policies/rules/elasticache-without-authentication";
import { elastiCacheWithoutCustomerManagedKey } from "../../policies/rules/elasticache-without-customer-managed-key";
import { SECURE_GROUP, describeRule, planned } from "../support/policy-fixtures";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";
const GLOBAL = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";

/** The secure group with some inputs changed; `undefined` removes an input, as leaving it out of the program would. */
function group(changes: Record<string, unknown> = {}, name = "orders") {
    const props = Object.fromEntries(Object.entries({ ...SECURE_GROUP, ...changes }).filter(([, v]) => v !== undefined));
    return planned(RG, name, props);
}

const SECURE_SERVERLESS = {
    name: "sessions",
    engine: "valkey",
    majorEngineVersion: "8",
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/sessions",
    securityGroupIds: ["sg-0sessions"],
    subnetIds: ["subnet-a", "subnet-b"],
    snapshotRetentionLimit: 7,
    userGroupId: "sessions-users",
};

function serverless(changes: Record<string, unknown> = {}) {
    return planned(
        SERVERLESS,
        "sessions",
        Object.fromEntries(Object.entries({ ...SECURE_SERVERLESS, ...changes }).filter(([, v]) => v !== undefined)),
    );
}

/** A replication group that joins a Global Datastore as a secondary, inheriting engine and encryption. */
const secondary = planned(RG, "orders-west", {
    replicationGroupId: "orders-west",
    description: "secondary",
    globalReplicationGroupId: "ldgnf-orders",
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    subnetGroupName: "orders-west-subnets",
    securityGroupIds: ["sg-0west"],
    snapshotRetentionLimit: 7,
    port: 6380,
    logDeliveryConfigurations: SECURE_GROUP.logDeliveryConfigurations,
});

const standaloneCluster = planned(CLUSTER, "legacy", {
    clusterId: "legacy",
    engine: "redis",
    nodeType: "cache.t4g.small",
    numCacheNodes: 1,
    port: 6380,
    subnetGroupName: "legacy",
    securityGroupIds: ["sg-1"],
    snapshotRetentionLimit: 7,
});
const groupMember = planned(CLUSTER, "orders-004", { clusterId: "orders-004", replicationGroupId: "orders" });
const memcached = planned(CLUSTER, "sessions-mc", {
    clusterId: "sessions-mc",
    engine: "memcached",
    nodeType: "cache.t4g.small",
    numCacheNodes: 1,
});

describeRule(elastiCacheUnencryptedAtRest, [
    { title: "an encrypted replication group", resources: [group()], messages: [] },
    {
        title: "a replication group without atRestEncryptionEnabled",
        resources: [group({ atRestEncryptionEnabled: undefined })],
        messages: [/^ReplicationGroup "orders" does not encrypt data at rest\. Set atRestEncryptionEnabled: true/],
    },
    {
        title: "a replication group with atRestEncryptionEnabled false",
        resources: [group({ atRestEncryptionEnabled: false })],
        messages: [/does not encrypt data at rest/],
    },
    {
        title: "a standalone Redis cache cluster",
        resources: [standaloneCluster],
        messages: [/^Cluster "legacy" runs Redis as a standalone cache cluster, which cannot encrypt data at rest/],
    },
    { title: "a Global Datastore secondary, which inherits encryption", resources: [secondary], messages: [] },
    { title: "a member cluster of a group, and Memcached", resources: [groupMember, memcached], messages: [] },
]);

describeRule(elastiCacheUnencryptedInTransit, [
    { title: "a group that requires TLS", resources: [group()], messages: [] },
    {
        title: "a group without transit encryption",
        resources: [group({ transitEncryptionEnabled: undefined, transitEncryptionMode: undefined })],
        messages: [/^ReplicationGroup "orders" accepts plaintext connections/],
    },
    {
        title: "a group in the preferred transit mode",
        resources: [group({ transitEncryptionMode: "preferred" })],
        messages: [/transitEncryptionMode "preferred", which still accepts plaintext/],
    },
    { title: "a standalone Redis cache cluster", resources: [standaloneCluster], messages: [/cannot require TLS/] },
    { title: "a Global Datastore secondary", resources: [secondary], messages: [] },
]);

describeRule(elastiCacheWithoutAuthentication, [
    { title: "a group with an RBAC user group", resources: [group()], messages: [] },
    {
        title: "a group with only an AUTH token",
        resources: [group({ userGroupIds: undefined, authToken: "a-generated-token-0123456789" })],
        messages: [],
    },
    {
        title: "a group with neither",
        resources: [group({ userGroupIds: [] })],
        messages: [/^ReplicationGroup "orders" lets any client that reaches it run every command without a password/],
    },
    { title: "a serverless cache with a user group", resources: [serverless()], messages: [] },
    {
        title: "a serverless cache without a user group",
        resources: [serverless({ userGroupId: undefined })],
        messages: [/^ServerlessCache "sessions" has no user group/],
    },
    { title: "a standalone Redis cache cluster", resources: [standaloneCluster], messages: [/cannot require authentication/] },
]);

describeRule(elastiCacheAuthTokenInsteadOfRbac, [
    { title: "a group with RBAC", resources: [group()], messages: [] },
    {
        title: "a Redis 7 group with only an AUTH token",
        resources: [group({ userGroupIds: undefined, authToken: "a-generated-token-0123456789" })],
        messages: [/^ReplicationGroup "orders" authenticates with a single AUTH token/],
    },
    {
        title: "a Redis 5 group, which has no RBAC",
        resources: [group({ userGroupIds: undefined, engineVersion: "5.0.6", authToken: "a-generated-token-0123456789" })],
        messages: [],
    },
]);

describeRule(elastiCacheDefaultSubnetGroup, [
    { title: "a group in its own subnet group", resources: [group(), secondary, standaloneCluster, serverless()], messages: [] },
    {
        title: "a group without a subnet group",
        resources: [group({ subnetGroupName: undefined })],
        messages: [/^ReplicationGroup "orders" uses the default subnet group/],
    },
    {
        title: "a group in the subnet group named default",
        resources: [group({ subnetGroupName: "default" })],
        messages: [/uses the default subnet group/],
    },
    {
        title: "a serverless cache without subnets",
        resources: [serverless({ subnetIds: undefined })],
        messages: [/^ServerlessCache "sessions" has no subnetIds/],
    },
]);

describeRule(elastiCacheDefaultSecurityGroup, [
    {
        title: "caches with their own security groups",
        resources: [group(), secondary, serverless(), standaloneCluster, groupMember],
        messages: [],
    },
    {
        title: "a group without security groups",
        resources: [group({ securityGroupIds: undefined })],
        messages: [/^ReplicationGroup "orders" has no securityGroupIds, so it gets the VPC's default security group/],
    },
    {
        title: "a serverless cache without security groups",
        resources: [serverless({ securityGroupIds: [] })],
        messages: [/^ServerlessCache "sessions" has no securityGroupIds/],
    },
    {
        title: "a Global Datastore secondary without security groups",
        resources: [{ ...secondary, props: { ...secondary.props, securityGroupIds: undefined } }],
        messages: [/^ReplicationGroup "orders-west" has no securityGroupIds/],
    },
]);

describeRule(elastiCacheAutomaticBackupsDisabled, [
    { title: "a week of snapshots everywhere", resources: [group(), secondary, serverless(), standaloneCluster], messages: [] },
    {
        title: "a group without snapshots",
        resources: [group({ snapshotRetentionLimit: undefined })],
        messages: [
            /^ReplicationGroup "orders" has automatic backups turned off \(snapshotRetentionLimit 0 or unset\)\. Set snapshotRetentionLimit to at least 7\./,
        ],
    },
    {
        title: "a group keeping fewer days than the default minimum",
        resources: [group({ snapshotRetentionLimit: 3 })],
        messages: [/keeps automatic snapshots for only 3 day\(s\)\. Set snapshotRetentionLimit to at least 7/],
    },
    {
        title: "the same group under a configured minimum of 1",
        resources: [group({ snapshotRetentionLimit: 3 })],
        config: { "elasticache-automatic-backups-disabled": { minimumRetentionDays: 1 } },
        messages: [],
    },
    {
        title: "a serverless cache without snapshots",
        resources: [serverless({ snapshotRetentionLimit: 0 })],
        messages: [/^ServerlessCache "sessions" has automatic backups turned off/],
    },
    {
        title: "a Global Datastore secondary without snapshots",
        resources: [{ ...secondary, props: { ...secondary.props, snapshotRetentionLimit: undefined } }],
        messages: [/^ReplicationGroup "orders-west" has automatic backups turned off/],
    },
]);

describeRule(elastiCacheAutomaticFailoverDisabled, [
    { title: "a Multi-AZ group with failover", resources: [group(), secondary], messages: [] },
    {
        title: "a single-node group",
        resources: [group({ numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false })],
        messages: [/^ReplicationGroup "orders" does not fail over automatically/],
    },
    {
        title: "failover without Multi-AZ",
        resources: [group({ multiAzEnabled: undefined })],
        messages: [/fails over automatically but is not Multi-AZ/],
    },
]);

describeRule(elastiCacheMinorVersionUpgradesDisabled, [
    {
        title: "upgrades on, or left at the default",
        resources: [group(), group({ autoMinorVersionUpgrade: undefined }, "defaulted")],
        messages: [],
    },
    {
        title: "upgrades off on a group",
        resources: [group({ autoMinorVersionUpgrade: false })],
        messages: [/^ReplicationGroup "orders" sets autoMinorVersionUpgrade to false/],
    },
    {
        title: "upgrades off on a standalone cluster, which takes a string",
        resources: [{ ...standaloneCluster, props: { ...standaloneCluster.props, autoMinorVersionUpgrade: "false" } }],
        messages: [/^Cluster "legacy" sets autoMinorVersionUpgrade to false/],
    },
]);

describeRule(elastiCacheOutdatedEngineVersion, [
    {
        title: "current Redis, Valkey and a defaulted version",
        resources: [
            group(),
            group({ engine: "valkey", engineVersion: "8.1" }, "v"),
            group({ engineVersion: undefined }, "latest"),
            serverless(),
        ],
        messages: [],
    },
    {
        title: "Redis 6.2",
        resources: [group({ engineVersion: "6.2" })],
        messages: [/^ReplicationGroup "orders" runs redis 6\.2, older than the minimum 7\.0\. Set engineVersion to 7\.0 or later\./],
    },
    {
        title: "Redis 6.x on a standalone cluster",
        resources: [{ ...standaloneCluster, props: { ...standaloneCluster.props, engineVersion: "6.x" } }],
        messages: [/^Cluster "legacy" runs redis 6\.x, older than the minimum 7\.0/],
    },
    {
        title: "a serverless Redis 6",
        resources: [serverless({ engine: "redis", majorEngineVersion: "6" })],
        messages: [/^ServerlessCache "sessions" runs redis 6, older than the minimum 7\.0\. Set majorEngineVersion/],
    },
    {
        title: "a Global Datastore on Redis 6.2",
        resources: [
            planned(GLOBAL, "orders-global", {
                globalReplicationGroupIdSuffix: "orders",
                primaryReplicationGroupId: "orders",
                engineVersion: "6.2",
            }),
        ],
        messages: [/^GlobalReplicationGroup "orders-global" runs redis 6\.2/],
    },
    {
        title: "Valkey 7.2 under a configured minimum of 8.0",
        resources: [group({ engine: "valkey", engineVersion: "7.2" })],
        config: { "elasticache-outdated-engine-version": { minimumValkeyVersion: "8.0" } },
        messages: [/runs valkey 7\.2, older than the minimum 8\.0/],
    },
]);

describeRule(elastiCacheWithoutCustomerManagedKey, [
    { title: "groups and serverless caches with their own key", resources: [group(), serverless()], messages: [] },
    {
        title: "an encrypted group with the AWS-owned key",
        resources: [group({ kmsKeyId: undefined })],
        messages: [/^ReplicationGroup "orders" is encrypted at rest with an AWS-owned key/],
    },
    {
        title: "a serverless cache with the AWS-owned key",
        resources: [serverless({ kmsKeyId: undefined })],
        messages: [/^ServerlessCache "sessions" is encrypted at rest with an AWS-owned key/],
    },
    {
        title: "an unencrypted group, which the at-rest rule reports instead",
        resources: [group({ kmsKeyId: undefined, atRestEncryptionEnabled: false })],
        messages: [],
    },
]);

describeRule(elastiCacheDefaultPort, [
    { title: "a group on 6380", resources: [group(), secondary], messages: [] },
    {
        title: "a group on 6379",
        resources: [group({ port: 6379 })],
        messages: [/^ReplicationGroup "orders" listens on port 6379, which is Redis's well-known default port/],
    },
    { title: "a group with no port, which gets 6379", resources: [group({ port: undefined })], messages: [/listens on port 6379/] },
    {
        title: "a secondary with no port, which inherits the primary's",
        resources: [planned(RG, "orders-west", { ...secondary.props, port: undefined })],
        messages: [],
    },
    {
        title: "6379 when it is on the allowed list",
        resources: [group({ port: 6379 })],
        config: { "elasticache-default-port": { allowedPorts: [6379] } },
        messages: [],
    },
    {
        title: "6380 when only 7000 is allowed",
        resources: [group()],
        config: { "elasticache-default-port": { allowedPorts: [7000] } },
        messages: [/listens on port 6380, which is not one of the allowed ports 7000/],
    },
]);

describeRule(elastiCacheLogsNotDelivered, [
    { title: "both logs delivered", resources: [group(), secondary], messages: [] },
    {
        title: "no log delivery",
        resources: [group({ logDeliveryConfigurations: undefined })],
        messages: [/^ReplicationGroup "orders" does not deliver its slow-log and engine-log/],
    },
    {
        title: "only the slow log",
        resources: [group({ logDeliveryConfigurations: [SECURE_GROUP.logDeliveryConfigurations[0]] })],
        messages: [/does not deliver its engine-log\. Add logDeliveryConfigurations for "engine-log"/],
    },
    {
        title: "only the slow log when only it is required",
        resources: [group({ logDeliveryConfigurations: [SECURE_GROUP.logDeliveryConfigurations[0]] })],
        config: { "elasticache-logs-not-delivered": { requiredLogTypes: ["slow-log"] } },
        messages: [],
    },
]);
