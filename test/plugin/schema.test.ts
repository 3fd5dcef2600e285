import { ALARM_METRICS, ENGINES, EVICTION_POLICIES, ROLES, SERVERLESS_ALARM_METRICS } from "hardened-redis";
import { ELASTICACHE_REDIS_ARG_NAMES } from "../../components/aws/elasticache-redis-settings";
import { ELASTICACHE_SERVERLESS_ARG_NAMES } from "../../components/aws/elasticache-serverless-settings";
import { GLOBAL_ELASTICACHE_REDIS_ARG_NAMES } from "../../components/aws/global-elasticache-redis-settings";
import { KUBERNETES_REDIS_ARG_NAMES } from "../../components/kubernetes/kubernetes-redis-settings";
import { SYSLOG_FACILITIES } from "../../components/kubernetes/monitoring/settings";
import { PLUGIN_COMPONENTS, SECRET_PROPERTIES } from "../../components/plugin/provider";
import { PackageSchema, SchemaProperty, inferredSchema } from "./schema";

const TYPE = (name: string) => `hardened-redis:index:${name}`;

/** The outputs each component declares in TypeScript; the members behind getters are TypeScript-only. */
const OUTPUTS: Record<string, string[]> = {
    ElastiCacheRedis: [
        "replicationGroupId",
        "primaryEndpointAddress",
        "readerEndpointAddress",
        "configurationEndpointAddress",
        "port",
        "securityGroupId",
        "memberClusterIds",
        "userSecretArns",
        "kmsKeyArn",
        "notificationTopicArn",
        "alarmNames",
        "dashboardName",
        "backupBucketName",
        "backupReplicaBucketName",
        "restoreDrillStateMachineArn",
        "replicationGroup",
    ],
    ElastiCacheServerless: [
        "cacheName",
        "endpointAddress",
        "readerEndpointAddress",
        "port",
        "readerPort",
        "securityGroupId",
        "userSecretArns",
        "kmsKeyArn",
        "notificationTopicArn",
        "alarmNames",
        "dashboardName",
        "backupBucketName",
        "backupReplicaBucketName",
        "serverlessCache",
    ],
    GlobalElastiCacheRedis: ["globalReplicationGroupId", "readerEndpoints", "primaryEndpointAddress"],
    KubernetesRedis: [
        "primaryHost",
        "readerHost",
        "port",
        "sentinelPort",
        "sentinelMasterName",
        "namespace",
        "userSecretNames",
        "authSecretName",
        "caCertificate",
        "statefulSet",
    ],
};

const INPUTS: Record<string, readonly string[]> = {
    ElastiCacheRedis: ELASTICACHE_REDIS_ARG_NAMES,
    ElastiCacheServerless: ELASTICACHE_SERVERLESS_ARG_NAMES,
    GlobalElastiCacheRedis: GLOBAL_ELASTICACHE_REDIS_ARG_NAMES,
    KubernetesRedis: KUBERNETES_REDIS_ARG_NAMES,
};

/** Every property of the schema, with where it is, for the checks that hold for all of them. */
function everyProperty(schema: PackageSchema): [string, SchemaProperty][] {
    const resources = Object.entries(schema.resources).flatMap(([token, resource]) => [
        ...Object.entries(resource.inputProperties).map(([name, p]): [string, SchemaProperty] => [`${token} input ${name}`, p]),
        ...Object.entries(resource.properties).map(([name, p]): [string, SchemaProperty] => [`${token} output ${name}`, p]),
    ]);
    const types = Object.entries(schema.types).flatMap(([token, type]) =>
        Object.entries(type.properties ?? {}).map(([name, p]): [string, SchemaProperty] => [`${token}.${name}`, p]),
    );
    return [...resources, ...types];
}

let schema: PackageSchema;

beforeAll(async () => {
    schema = await inferredSchema();
}, 120_000);

describe("the schema Pulumi's analyzer infers from the package", () => {
    it("has the four components, and nothing else", () => {
        expect(schema.name).toBe("hardened-redis");
        expect(Object.keys(schema.resources).sort()).toEqual(PLUGIN_COMPONENTS.map((c) => TYPE(c.name)).sort());
        for (const resource of Object.values(schema.resources)) expect(resource.description).toEqual(expect.any(String));
    });

    it.each(Object.keys(INPUTS))("has every input of %s, and requires the same ones as TypeScript", (component) => {
        const resource = schema.resources[TYPE(component)];
        expect(Object.keys(resource.inputProperties).sort()).toEqual([...INPUTS[component]].sort());
        expect(resource.requiredInputs.sort()).toEqual(
            {
                ElastiCacheRedis: ["subnetIds", "vpcId"],
                ElastiCacheServerless: ["subnetIds", "vpcId"],
                GlobalElastiCacheRedis: ["primary", "secondaries"],
                KubernetesRedis: ["allowedClients", "namespace"],
            }[component],
        );
    });

    it.each(Object.keys(OUTPUTS))("has every output of %s", (component) => {
        expect(Object.keys(schema.resources[TYPE(component)].properties).sort()).toEqual([...OUTPUTS[component]].sort());
    });

    it("gives every input, output and type property a type and a description", () => {
        const untyped = everyProperty(schema)
            .filter(([, p]) => !p.type && !p.$ref)
            .map(([where]) => where);
        const undocumented = everyProperty(schema)
            .filter(([, p]) => !p.description?.trim())
            .map(([where]) => where);
        expect(untyped).toEqual([]);
        expect(undocumented).toEqual([]);
        expect(everyProperty(schema).length).toBeGreaterThan(150);
    });

    it("keeps units, ranges and defaults in the descriptions", () => {
        const inputs = (component: string) => schema.resources[TYPE(component)].inputProperties;
        expect(inputs("ElastiCacheRedis").port.description).toMatch(/default 6380/);
        expect(inputs("KubernetesRedis").maxmemoryPercent.description).toMatch(/10 to 90.*Default 70/);
        expect(schema.types[TYPE("AlarmsArgs")].properties!.latencySloMs.description).toMatch(/milliseconds.*Default 2/);
        expect(schema.types[TYPE("AlarmThresholds")].properties!.FreeableMemory.description).toMatch(/bytes/);
    });

    it("types the inputs as TypeScript does: numbers, booleans, maps, arrays and the argument types", () => {
        const inputs = schema.resources[TYPE("ElastiCacheRedis")].inputProperties;
        expect(inputs.numCacheClusters.type).toBe("number");
        expect(inputs.highAvailability.type).toBe("boolean");
        expect(inputs.userPasswords).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
        expect(inputs.subnetIds).toMatchObject({ type: "array", items: { type: "string" } });
        expect(inputs.alarms.$ref).toBe(`#/types/${TYPE("AlarmsArgs")}`);
        const selector = schema.types[TYPE("LabelSelector")].properties!;
        expect(selector.matchExpressions).toMatchObject({ type: "array", items: { $ref: `#/types/${TYPE("LabelSelectorRequirement")}` } });
        expect(schema.types[TYPE("LabelSelectorRequirement")].properties!.operator.$ref).toBe(`#/types/${TYPE("LabelSelectorOperator")}`);
    });

    it("turns the closed sets of strings into enums with every allowed value", () => {
        const values = (name: string) => schema.types[TYPE(name)].enum?.map((member) => member.value);
        expect(values("AlarmMetric")).toEqual([...ALARM_METRICS]);
        // TypeScript orders the union's literals that AlarmMetric also has first, so compare as sets.
        expect(values("ServerlessAlarmMetric")!.sort()).toEqual([...SERVERLESS_ALARM_METRICS].sort());
        expect(values("LabelSelectorOperator")).toEqual(["In", "NotIn", "Exists", "DoesNotExist"]);
        expect(values("SyslogFacility")).toEqual([...SYSLOG_FACILITIES]);
        expect(values("LogType")).toEqual(["slow-log", "engine-log"]);
        expect(values("StorageClass")).toEqual(["GLACIER_IR", "STANDARD_IA", "GLACIER", "DEEP_ARCHIVE"]);
        expect(values("ObjectLockMode")).toEqual(["GOVERNANCE", "COMPLIANCE"]);
        expect(values("IssuerKind")).toEqual(["Issuer", "ClusterIssuer"]);
        expect(values("ServerSideEncryption")).toEqual(["aws:kms", "AES256"]);
        expect(values("Engine")).toEqual([...ENGINES]);
        expect(values("EvictionPolicy")).toEqual([...EVICTION_POLICIES]);
        expect(values("Role")).toEqual([...ROLES]);
        expect(values("ZoneAntiAffinity")).toEqual(["preferred", "required"]);
        expect(schema.types[TYPE("RedisUserArgs")].properties!.role.$ref).toBe(`#/types/${TYPE("Role")}`);
        expect(schema.types[TYPE("AlarmsArgs")].properties!.disabled).toMatchObject({
            type: "array",
            items: { $ref: `#/types/${TYPE("AlarmMetric")}` },
        });
    });

    it("marks the secret inputs and outputs secret, and no others", () => {
        const secret = Object.entries(schema.resources).flatMap(([token, resource]) => [
            ...Object.entries(resource.inputProperties)
                .filter(([, p]) => p.secret)
                .map(([name]) => `${token} input ${name}`),
            ...Object.entries(resource.properties)
                .filter(([, p]) => p.secret)
                .map(([name]) => `${token} output ${name}`),
        ]);
        const expected = Object.entries(SECRET_PROPERTIES).flatMap(([component, names]) => [
            ...names.inputs.map((name: string) => `${TYPE(component)} input ${name}`),
            ...names.outputs.map((name: string) => `${TYPE(component)} output ${name}`),
        ]);
        expect(secret.sort()).toEqual(expected.sort());
        expect(secret).toContain(`${TYPE("ElastiCacheRedis")} input userPasswords`);
    });

    it("references the AWS and Kubernetes providers' resources for the replication group and the StatefulSet", () => {
        expect(schema.dependencies.map((d) => d.name).sort()).toEqual(["aws", "kubernetes"]);
        expect(schema.resources[TYPE("ElastiCacheRedis")].properties.replicationGroup.$ref).toMatch(
            /^\/aws\/v[\d.]+\/schema\.json#\/resources\/aws:elasticache%2FreplicationGroup:ReplicationGroup$/,
        );
        expect(schema.resources[TYPE("KubernetesRedis")].properties.statefulSet.$ref).toMatch(
            /^\/kubernetes\/v[\d.]+\/schema\.json#\/resources\/kubernetes:apps%2Fv1:StatefulSet$/,
        );
    });
});
