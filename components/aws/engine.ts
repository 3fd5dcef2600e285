import { ArgChecker } from "../shared/validation";

/** The ElastiCache engines: Redis OSS and Valkey (the schema enum `Engine`). */
export const Engine = {
    redis: "redis",
    valkey: "valkey",
} as const;
/** One of the ElastiCache engines: Redis OSS and Valkey. */
export type Engine = (typeof Engine)[keyof typeof Engine];

export const ENGINES: readonly Engine[] = Object.values(Engine);

/**
 * Engine versions that support both RBAC user groups and `transitEncryptionMode: required`.
 * Redis OSS before 7.0 cannot switch TLS to required in place, so it is not offered.
 */
export const SUPPORTED_VERSIONS: Record<Engine, readonly string[]> = {
    redis: ["7.0", "7.1"],
    valkey: ["7.2", "8.0", "8.1"],
};

export const DEFAULT_VERSION: Record<Engine, string> = { redis: "7.1", valkey: "8.1" };

export interface EngineSpec {
    engine: Engine;
    version: string;
    /** The ElastiCache parameter group family, such as `redis7` or `valkey8`. */
    parameterGroupFamily: string;
}

/** Checks the engine and version, and derives the parameter group family. */
export function validateEngineArgs(check: ArgChecker, engine: string | undefined, version: string | undefined): EngineSpec {
    const resolvedEngine = check.oneOf("engine", engine ?? "redis", ENGINES);
    const resolvedVersion = version ?? DEFAULT_VERSION[resolvedEngine];
    if (!SUPPORTED_VERSIONS[resolvedEngine].includes(resolvedVersion)) {
        check.fail(
            "engineVersion",
            `is "${resolvedVersion}" for engine "${resolvedEngine}", which lacks RBAC with required TLS`,
            SUPPORTED_VERSIONS[resolvedEngine].map((v) => `"${v}"`).join(", "),
        );
    }
    return {
        engine: resolvedEngine,
        version: resolvedVersion,
        parameterGroupFamily: `${resolvedEngine}${resolvedVersion.split(".")[0]}`,
    };
}
