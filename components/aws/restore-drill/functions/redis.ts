import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import Redis from "ioredis";
import type { ConnectionOptions } from "node:tls";
import { DrillConfigurationError } from "./env";

/** The part of a component's credentials secret the functions read. */
export interface Credentials {
    username: string;
    password: string;
    host: string;
    port: number;
}

/** A Redis endpoint: a primary endpoint, a cluster's configuration endpoint, or one node. */
export interface RedisTarget {
    host: string;
    port: number;
}

/** Reads a credentials secret; the password never leaves this process. */
export async function readCredentials(secrets: SecretsManagerClient, secretArn: string): Promise<Credentials> {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
    const value = JSON.parse(SecretString ?? "{}") as Partial<Credentials>;
    if (!value.username || !value.password || !value.host || !value.port) {
        throw new DrillConfigurationError(`The secret ${secretArn} lacks username, password, host or port.`);
    }
    return value as Credentials;
}

/**
 * Runs `use` with a TLS client that neither retries nor queues, and disconnects. A refused
 * certificate, a wrong password or a denied command fails the call with the server's or TLS layer's
 * own error (ioredis reports a failed handshake or AUTH as an event, and the next command only as a
 * closed stream). ElastiCache presents certificates of Amazon's public CAs, which Node.js trusts;
 * tests pass their own CA in `tls`.
 */
export async function withRedis<T>(
    target: RedisTarget,
    credentials: Credentials,
    tls: ConnectionOptions | undefined,
    use: (client: Redis) => Promise<T>,
): Promise<T> {
    let firstError: Error | undefined;
    const client = new Redis({
        host: target.host,
        port: target.port,
        username: credentials.username,
        password: credentials.password,
        tls: { servername: target.host, ...tls },
        lazyConnect: true,
        enableReadyCheck: false,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
        connectTimeout: 10_000,
    });
    client.on("error", (error: Error) => (firstError ??= error));
    try {
        await client.connect();
        return await use(client);
    } catch (error) {
        throw firstError ?? error;
    } finally {
        client.disconnect();
    }
}

/** A cluster node's answer for a key of another shard: `MOVED <slot> <host>:<port>`. */
const MOVED = /^MOVED \d+ (.*):(\d+)$/;

/**
 * Runs `use` on the node that serves the key `use` touches: the target itself, or in cluster mode the
 * node that a MOVED reply names (a configuration endpoint answers from any shard). Following the
 * redirection needs no CLUSTER SLOTS, which the drill's ACL users may not run.
 */
export async function withKeyOwner<T>(
    target: RedisTarget,
    credentials: Credentials,
    tls: ConnectionOptions | undefined,
    use: (client: Redis) => Promise<T>,
): Promise<T> {
    try {
        return await withRedis(target, credentials, tls, use);
    } catch (error) {
        const moved = MOVED.exec((error as Error).message ?? "");
        if (!moved) throw error;
        return withRedis({ host: moved[1] || target.host, port: Number(moved[2]) }, credentials, tls, use);
    }
}
