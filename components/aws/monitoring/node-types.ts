/** What the alarms need to know about a node type: its cores and its memory. */
export interface NodeSpec {
    vcpus: number;
    memoryGiB: number;
}

/**
 * ElastiCache node types have the vCPUs of the EC2 instance type of the same name; every
 * non-burstable family here follows EC2's sizing, from 2 vCPUs for `large` upwards.
 */
const VCPUS_BY_SIZE: Record<string, number> = {
    large: 2,
    xlarge: 4,
    "2xlarge": 8,
    "4xlarge": 16,
    "8xlarge": 32,
    "10xlarge": 40,
    "12xlarge": 48,
    "16xlarge": 64,
    "24xlarge": 96,
};

/** Memory (GiB) of each size, as ElastiCache's "Supported node types" page lists it. */
const MEMORY_GIB_BY_FAMILY: Record<string, Record<string, number>> = {
    m8g: { large: 6.79, xlarge: 14.18, "2xlarge": 29.68, "4xlarge": 61.33, "8xlarge": 124.65, "12xlarge": 187.96, "16xlarge": 251.27 },
    m7g: { large: 6.38, xlarge: 12.93, "2xlarge": 26.04, "4xlarge": 52.26, "8xlarge": 103.68, "12xlarge": 157.12, "16xlarge": 209.55 },
    m6g: { large: 6.38, xlarge: 12.93, "2xlarge": 26.04, "4xlarge": 52.26, "8xlarge": 103.68, "12xlarge": 157.12, "16xlarge": 209.55 },
    m5: { large: 6.38, xlarge: 12.93, "2xlarge": 26.04, "4xlarge": 52.26, "12xlarge": 157.12, "24xlarge": 314.32 },
    m4: { large: 6.42, xlarge: 14.28, "2xlarge": 29.7, "4xlarge": 60.78, "10xlarge": 154.64 },
    r8g: { large: 14.18, xlarge: 29.68, "2xlarge": 61.33, "4xlarge": 124.65, "8xlarge": 251.27, "12xlarge": 377.9, "16xlarge": 504.52 },
    r7g: { large: 13.07, xlarge: 26.32, "2xlarge": 52.82, "4xlarge": 105.81, "8xlarge": 209.55, "12xlarge": 317.77, "16xlarge": 419.09 },
    r6g: { large: 13.07, xlarge: 26.32, "2xlarge": 52.82, "4xlarge": 105.81, "8xlarge": 209.55, "12xlarge": 317.77, "16xlarge": 419.09 },
    r6gd: { xlarge: 26.32, "2xlarge": 52.82, "4xlarge": 105.81, "8xlarge": 209.55, "12xlarge": 317.77, "16xlarge": 419.09 },
    r5: { large: 13.07, xlarge: 26.32, "2xlarge": 52.82, "4xlarge": 105.81, "12xlarge": 317.77, "24xlarge": 635.61 },
    r4: { large: 12.3, xlarge: 25.05, "2xlarge": 50.47, "4xlarge": 101.38, "8xlarge": 203.26, "16xlarge": 407.0 },
    c8gn: { large: 3.1, xlarge: 6.79, "2xlarge": 14.18, "4xlarge": 29.68, "8xlarge": 61.33, "12xlarge": 92.99, "16xlarge": 124.65 },
    c7gn: { large: 3.09, xlarge: 6.38, "2xlarge": 12.94, "4xlarge": 26.05, "8xlarge": 52.26, "12xlarge": 78.56, "16xlarge": 105.81 },
};

/** Burstable types, from the same page's burstable table: their vCPUs do not follow the size name. */
const BURSTABLE: Record<string, NodeSpec> = {
    "cache.t4g.micro": { vcpus: 2, memoryGiB: 0.5 },
    "cache.t4g.small": { vcpus: 2, memoryGiB: 1.37 },
    "cache.t4g.medium": { vcpus: 2, memoryGiB: 3.09 },
    "cache.t3.micro": { vcpus: 2, memoryGiB: 0.5 },
    "cache.t3.small": { vcpus: 2, memoryGiB: 1.37 },
    "cache.t3.medium": { vcpus: 2, memoryGiB: 3.09 },
    "cache.t2.micro": { vcpus: 1, memoryGiB: 0.555 },
    "cache.t2.small": { vcpus: 1, memoryGiB: 1.55 },
    "cache.t2.medium": { vcpus: 2, memoryGiB: 3.22 },
};

/** Every current-generation ElastiCache node type for Redis OSS and Valkey, by name. */
export const NODE_TYPES: Readonly<Record<string, NodeSpec>> = {
    ...Object.fromEntries(
        Object.entries(MEMORY_GIB_BY_FAMILY).flatMap(([family, sizes]) =>
            Object.entries(sizes).map(([size, memoryGiB]) => [`cache.${family}.${size}`, { vcpus: VCPUS_BY_SIZE[size], memoryGiB }]),
        ),
    ),
    ...BURSTABLE,
};

export function nodeSpec(nodeType: string): NodeSpec | undefined {
    return Object.hasOwn(NODE_TYPES, nodeType) ? NODE_TYPES[nodeType] : undefined;
}
