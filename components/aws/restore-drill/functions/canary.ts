/**
 * The canary: every minute it writes the current time into one key of the cache, as a user that may
 * only SET and GET that key. A restored copy's canary tells how fresh the backup was.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { ConnectionOptions } from "node:tls";
import { DRILL_ENV, canaryValue } from "../contract";
import { requiredEnv } from "./env";
import { Credentials, readCredentials, withKeyOwner } from "./redis";

const secrets = new SecretsManagerClient({});
let credentials: Credentials | undefined;

export async function handler(): Promise<{ key: string; writtenAt: string }> {
    credentials ??= await readCredentials(secrets, requiredEnv(process.env, DRILL_ENV.secretArn));
    return writeCanary(credentials, requiredEnv(process.env, DRILL_ENV.canaryKey), new Date());
}

/** Writes the canary on the cache's primary (in cluster mode, on the primary of the key's shard) and reads it back. */
export async function writeCanary(
    credentials: Credentials,
    key: string,
    now: Date,
    tls?: ConnectionOptions,
): Promise<{ key: string; writtenAt: string }> {
    return withKeyOwner(credentials, credentials, tls, async (client) => {
        const value = canaryValue(now);
        await client.set(key, value);
        const read = await client.get(key);
        if (read !== value) throw new Error(`The canary ${key} reads "${read}" right after it was set to "${value}".`);
        return { key, writtenAt: now.toISOString() };
    });
}
