import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { AWS_REGION, EvictionPolicy } from "hardened-redis";

/** An eviction policy: any string here, which the component checks against its list. */
const evictionPolicy = z.custom<EvictionPolicy>((value) => typeof value === "string", "a string");

const user = z.strictObject({
    name: z.string(),
    role: z.enum(["readwrite", "readonly", "admin"]),
    keyPatterns: z.array(z.string()).optional(),
});

/** The ElastiCacheRedis settings a stack may choose; the component checks the values themselves. */
const cache = z.strictObject({
    engine: z.enum(["redis", "valkey"]).optional(),
    engineVersion: z.string().optional(),
    nodeType: z.string().optional(),
    numCacheClusters: z.number().int().optional(),
    shards: z.number().int().optional(),
    replicasPerShard: z.number().int().optional(),
    highAvailability: z.boolean().optional(),
    port: z.number().int().optional(),
    users: z.array(user).optional(),
    snapshotRetentionDays: z.number().int().optional(),
    snapshotWindow: z.string().optional(),
    maintenanceWindow: z.string().optional(),
    logRetentionDays: z.number().int().optional(),
    maxmemoryPolicy: evictionPolicy.optional(),
});

/** The ElastiCacheServerless settings a stack may choose; the component checks the values themselves. */
const serverless = z.strictObject({
    engine: z.enum(["redis", "valkey"]).optional(),
    majorEngineVersion: z.string().optional(),
    users: z.array(user).optional(),
    snapshotRetentionDays: z.number().int().optional(),
    dailySnapshotTime: z.string().optional(),
    cacheUsageLimits: z
        .strictObject({ dataStorageMaximumGb: z.number().int().optional(), ecpuPerSecondMaximum: z.number().int().optional() })
        .optional(),
});

const clients = z.strictObject({
    securityGroupIds: z.array(z.string()).default([]),
    cidrBlocks: z.array(z.string()).default([]),
});

/** Either an existing VPC with private subnets, or a private-only VPC that the stack creates. */
const network = z.discriminatedUnion("mode", [
    z.strictObject({
        mode: z.literal("existing"),
        vpcId: z.string().regex(/^vpc-[0-9a-f]+$/, "a VPC id such as vpc-0123456789abcdef0"),
        subnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]+$/, "a subnet id such as subnet-0123456789abcdef0")).min(1),
        clients,
    }),
    z.strictObject({
        mode: z.literal("private-vpc"),
        cidrBlock: z.string(),
        availabilityZones: z.number().int().min(2).max(3),
    }),
]);

const labelSelector = z.strictObject({ matchLabels: z.record(z.string(), z.string()) });

/** The KubernetesRedis settings a stack may choose; the component checks the values themselves. */
const kubernetesRedis = z.strictObject({
    replicas: z.number().int().optional(),
    users: z.array(user).optional(),
    allowedClients: z.array(z.strictObject({ podSelector: labelSelector.optional(), namespaceSelector: labelSelector.optional() })).min(1),
    storage: z.strictObject({ size: z.string().optional(), storageClassName: z.string().optional() }).optional(),
    maxmemoryPolicy: evictionPolicy.optional(),
    /** The exporter sidecar, ServiceMonitor, PrometheusRule and dashboard; the component checks the settings. */
    monitoring: z.looseObject({}).optional(),
});

const region = z.string().regex(AWS_REGION, "an AWS region such as us-east-1");

export const stackConfigSchema = z.discriminatedUnion("target", [
    z.strictObject({
        target: z.literal("elasticache"),
        region,
        network,
        cache: cache.default({}),
        tags: z.record(z.string(), z.string()).default({}),
    }),
    z.strictObject({
        target: z.literal("serverless"),
        region,
        network,
        serverless: serverless.default({}),
        tags: z.record(z.string(), z.string()).default({}),
    }),
    z.strictObject({
        target: z.literal("global"),
        cache: cache.default({}),
        primary: z.strictObject({ region, network }),
        secondaries: z.array(z.strictObject({ region, network, numCacheClusters: z.number().int().optional() })).min(1),
        tags: z.record(z.string(), z.string()).default({}),
    }),
    z.strictObject({
        target: z.literal("kubernetes"),
        namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a Kubernetes namespace name"),
        redis: kubernetesRedis,
    }),
]);

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type NetworkConfig = z.infer<typeof network>;
export type CacheConfig = z.infer<typeof cache>;

/** Thrown for a stack configuration that does not fit the schema; the message names every bad key. */
export class StackConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackConfigError";
    }
}

/**
 * Reads the project's namespace of the stack configuration and checks it against the schema.
 * Keys are named as in the stack file, `<project>:<key>.<path>`, so that the user can find them.
 */
export function readStackConfig(project: string, values: Record<string, string>): StackConfig {
    const prefix = `${project}:`;
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
        if (!key.startsWith(prefix)) continue;
        raw[key.slice(prefix.length)] = parseValue(value);
    }
    if ((raw.target === "elasticache" || raw.target === "serverless") && raw.region === undefined && values["aws:region"] !== undefined) {
        raw.region = values["aws:region"];
    }
    const result = stackConfigSchema.safeParse(raw);
    if (!result.success) {
        const problems = result.error.issues.map((issue) => `  ${prefix}${issue.path.join(".") || "(root)"}: ${describeIssue(issue)}`);
        throw new StackConfigError(`invalid stack configuration:\n${problems.join("\n")}`);
    }
    return result.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
    if (issue.code === "unrecognized_keys")
        return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    return issue.message;
}

function parseValue(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

/** The stack configuration of the running program. */
export function currentStackConfig(): StackConfig {
    return readStackConfig(pulumi.getProject(), pulumi.runtime.allConfig());
}
