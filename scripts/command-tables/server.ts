import { RedisProcess, TempDirs, freePort } from "../../lab/redis-process";

export interface PlainServer {
    port: number;
    process: RedisProcess;
    stop(): Promise<void>;
}

/**
 * A throwaway redis-server on a free loopback port, without TLS or persistence, in its own temporary
 * directory. `extraArgs` are added to its command line (for example `--aclfile <path>`).
 */
export async function startPlainServer(extraArgs: readonly string[] = []): Promise<PlainServer> {
    const dirs = new TempDirs();
    const dir = dirs.make("plain");
    const port = await freePort();
    const quoted = [
        "redis-server",
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
        ...extraArgs,
    ]
        .map((word) => `'${word.replaceAll("'", "'\\''")}'`)
        .join(" ");
    const process = new RedisProcess(`exec ${quoted}`, {});
    try {
        await process.ready();
    } catch (error) {
        dirs.removeAll();
        throw error;
    }
    return {
        port,
        process,
        stop: async () => {
            await process.stop();
            dirs.removeAll();
        },
    };
}
