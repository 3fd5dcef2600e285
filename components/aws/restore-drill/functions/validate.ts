/**
 * The validation of a restored copy, from inside the VPC over TLS, as the read-only drill user: the
 * canary (whose age when the backup was taken is the measured RPO), the key count against the
 * source's count when the backup was taken, and a sample of reads. Data problems come back as a
 * failed report, so that the drill still publishes what it measured; a TLS, authentication or ACL
 * error fails the invocation.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type Redis from "ioredis";
import type { ConnectionOptions } from "node:tls";
import { DRILL_ENV, parseCanary } from "../contract";
import { requiredEnv } from "./env";
import { Credentials, RedisTarget, readCredentials, withKeyOwner, withRedis } from "./redis";

/** What the state machine passes: the restored copy, the backup's times and the expectations. */
export interface ValidationInput {
    /** The drill group's primary endpoint, or in cluster mode its configuration endpoint. */
    host: string;
    port: number;
    /** The primary of every shard (the primary endpoint alone without cluster mode): keys are counted and sampled on each. */
    shards: RedisTarget[];
    /** When the backup was taken (ISO 8601). */
    backupCreatedAt: string;
    /** When the drill chose the backup (ISO 8601): the start of the measured RTO. */
    chosenAt: string;
    /** The source's key count when the backup was taken (ElastiCache's CurrItems, summed over shards), or null when unknown. */
    expectedKeys: number | null;
    /** A canary older than this when the backup was taken means the canary had stopped: the drill fails. */
    maxCanaryAgeSeconds: number;
    /** Allowed difference of the key count, in percent of the expected count (at least one key). */
    keyCountTolerancePercent: number;
    /** Keys to read from the copy. */
    sampleSize: number;
}

export interface ValidationReport {
    passed: boolean;
    failures: string[];
    keys: number;
    expectedKeys: number | null;
    canaryWrittenAt: string | null;
    /** Seconds between the newest canary in the backup and the backup: the measured RPO. */
    rpoSeconds: number | null;
    sampledKeys: number;
    validatedAt: string;
    /** Seconds from choosing the backup to validated data: the measured RTO. */
    rtoSeconds: number;
}

const secrets = new SecretsManagerClient({});
let credentials: Credentials | undefined;

export async function handler(input: ValidationInput): Promise<ValidationReport> {
    credentials ??= await readCredentials(secrets, requiredEnv(process.env, DRILL_ENV.secretArn));
    return validateRestore(input, credentials, requiredEnv(process.env, DRILL_ENV.canaryKey));
}

/**
 * Validates the restored copy (the credentials' host is the source's; the copy's come with the input):
 * reads the canary where its key lives (following a cluster's MOVED reply), then counts and samples
 * the keys of every shard on that shard's primary, where they live, so no key is redirected.
 */
export async function validateRestore(
    input: ValidationInput,
    credentials: Credentials,
    canaryKey: string,
    tls?: ConnectionOptions,
    now = () => new Date(),
): Promise<ValidationReport> {
    const failures: string[] = [];
    const backupAt = new Date(input.backupCreatedAt);
    const raw = await withKeyOwner({ host: input.host, port: input.port }, credentials, tls, (client) => client.get(canaryKey));
    const canary = parseCanary(raw);
    let rpoSeconds: number | null = null;
    if (canary === undefined) {
        failures.push(
            raw === null
                ? `The canary ${canaryKey} is missing from the restored copy: the canary never ran, or the backup lost it.`
                : `The canary ${canaryKey} holds "${raw}", not a time.`,
        );
    } else {
        rpoSeconds = Math.max(0, Math.round((backupAt.getTime() - canary.getTime()) / 1000));
        if (rpoSeconds > input.maxCanaryAgeSeconds) {
            failures.push(
                `The canary was ${rpoSeconds} s old when the backup was taken, more than ${input.maxCanaryAgeSeconds} s: the canary had stopped writing, or the backup is of stale data.`,
            );
        }
    }
    let keys = 0;
    let sampledKeys = 0;
    for (const shard of input.shards) {
        await withRedis(shard, credentials, tls, async (client) => {
            keys += await client.dbsize();
            sampledKeys += await readSample(client, input.sampleSize - sampledKeys);
        });
    }
    if (input.expectedKeys !== null) {
        const allowed = Math.max(1, Math.ceil((input.expectedKeys * input.keyCountTolerancePercent) / 100));
        if (Math.abs(keys - input.expectedKeys) > allowed) {
            failures.push(
                `The restored copy holds ${keys} keys; the source held ${input.expectedKeys} when the backup was taken (allowed difference ${allowed}).`,
            );
        }
    }
    if (input.sampleSize > 0 && keys === 0) failures.push("The restored copy has no keys to read.");
    const validatedAt = now();
    return {
        passed: failures.length === 0,
        failures,
        keys,
        expectedKeys: input.expectedKeys,
        canaryWrittenAt: canary?.toISOString() ?? null,
        rpoSeconds,
        sampledKeys,
        validatedAt: validatedAt.toISOString(),
        rtoSeconds: Math.round((validatedAt.getTime() - new Date(input.chosenAt).getTime()) / 1000),
    };
}

/** SCANs up to `size` keys of one node and reads each whole value with DUMP, which works for every type; returns how many it read. */
async function readSample(client: Redis, size: number): Promise<number> {
    if (size <= 0) return 0;
    const keys: string[] = [];
    let cursor = "0";
    do {
        const [next, batch] = await client.scan(cursor, "COUNT", Math.max(size, 10));
        keys.push(...batch);
        cursor = next;
    } while (cursor !== "0" && keys.length < size);
    let read = 0;
    for (const key of keys.slice(0, size)) {
        // A key can expire between SCAN and DUMP; only a key that is there counts.
        if ((await client.dumpBuffer(key)) !== null) read++;
    }
    return read;
}
