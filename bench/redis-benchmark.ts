/**
 * redis-benchmark against the hardened configuration (TLS, ACL, AOF, exactly as rendered for the pods)
 * and against a plain redis-server, on this machine, in one run. Prints GET and SET throughput at
 * 50 clients, the hardened/plain ratio, and p50/p99 latency.
 *
 * Each round measures both servers back to back, in alternating order, so that a change in the
 * machine's load hits both alike; the ratio is the median of the rounds' paired ratios.
 *
 *   npm run bench:redis -- [--rounds 7] [--requests 100000]
 */
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import { Command } from "commander";
import { renderAclFile, renderRedisConf, renderReplicationAuth, roleRules, validateKubernetesRedisArgs } from "hardened-redis/renderers";
import {
    RedisProcess,
    TempDirs,
    createTestPki,
    freePort,
    relocateNetwork,
    relocatePaths,
    serverDirs,
    writeFiles,
} from "../lab/redis-process";

const CLIENTS = 50;
const TESTS = ["SET", "GET"] as const;
const SERVERS = ["hardened", "plain"] as const;

type Test = (typeof TESTS)[number];
type Server = (typeof SERVERS)[number];

interface Figures {
    rps: number;
    p50: number;
    p99: number;
    /** Server CPU time per request: unlike throughput, barely moved by other load on the machine. */
    cpuMicros: number;
}

const options = new Command()
    .option("--rounds <n>", "rounds, each measuring both servers back to back", (v) => Number(v), 7)
    .option("--requests <n>", "requests per test, server and round", (v) => Number(v), 100_000)
    .parse()
    .opts<{ rounds: number; requests: number }>();

/** With two or more CPUs, the server and the benchmark client each get their own, for both servers alike. */
const pinned = os.cpus().length >= 2 && spawnSync("taskset", ["-V"]).status === 0;
const onCpu = (cpu: number, command: string[]) => (pinned ? ["taskset", "-c", String(cpu), ...command] : command);

function run(tool: string, port: number, extra: string[], args: string[]): string {
    const command = onCpu(1, [tool, "-h", "127.0.0.1", "-p", String(port), ...extra, ...args]);
    const result = spawnSync(command[0], command.slice(1), { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
    return result.stdout;
}

/** The server's user plus system CPU seconds so far. */
function serverCpuSeconds(port: number, extra: string[]): number {
    const info = run("redis-cli", port, extra, ["--no-auth-warning", "INFO", "cpu"]);
    return ["used_cpu_user", "used_cpu_sys"].reduce((sum, field) => sum + Number(new RegExp(`^${field}:([\\d.]+)`, "m").exec(info)![1]), 0);
}

function benchmark(test: Test, port: number, clientArgs: { benchmark: string[]; info: string[] }): Figures {
    const cpuBefore = serverCpuSeconds(port, clientArgs.info);
    const csv = run("redis-benchmark", port, clientArgs.benchmark, [
        "-c",
        String(CLIENTS),
        "-n",
        String(options.requests),
        "-r",
        "100000",
        "-t",
        test.toLowerCase(),
        "--csv",
    ]);
    const cpuMicros = ((serverCpuSeconds(port, clientArgs.info) - cpuBefore) * 1e6) / options.requests;
    const [, rps, , , p50, , p99] = csv
        .trim()
        .split("\n")[1]
        .split(",")
        .map((cell) => cell.replace(/"/g, ""));
    return { rps: Number(rps), p50: Number(p50), p99: Number(p99), cpuMicros };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
    const temp = new TempDirs();
    const processes: RedisProcess[] = [];
    try {
        const pki = createTestPki(temp.make("bench-pki"));
        const ports: Record<Server, number> = { hardened: await freePort(), plain: await freePort() };
        const settings = validateKubernetesRedisArgs("bench", {
            namespace: "bench",
            allowedClients: [{ podSelector: { matchLabels: { app: "bench" } } }],
            port: ports.hardened,
        });
        const password = `bench-${process.pid}-${Date.now()}`;
        const dirs = serverDirs(temp.make("bench-hardened"), pki);
        const conf = renderRedisConf({
            port: ports.hardened,
            maxmemoryBytes: settings.maxmemoryBytes,
            maxmemoryPolicy: settings.maxmemoryPolicy,
            ioThreads: settings.ioThreads,
            requireClientCertificates: false,
        });
        writeFiles(dirs.config, { "redis.conf": relocateNetwork(relocatePaths(conf, dirs), { port: ports.hardened }) });
        writeFiles(dirs.auth, {
            // INFO is a dangerous command, so an admin user reads the CPU figures.
            "users.acl": renderAclFile([
                { name: "bench", rules: roleRules("readwrite"), password },
                { name: "ops", rules: roleRules("admin"), password },
            ]),
            "replication.conf": renderReplicationAuth("replication", "unused"),
        });
        const startServer = (args: string[]) => new RedisProcess(["exec", ...onCpu(0, ["redis-server", ...args])].join(" "), {});
        processes.push(startServer([`${dirs.config}/redis.conf`]));
        processes.push(startServer(["--port", String(ports.plain), "--bind", "127.0.0.1", "--dir", temp.make("bench-plain")]));
        await Promise.all(processes.map((server) => server.ready()));

        const tls = ["--tls", "--cacert", `${pki.dir}/ca.crt`, "-a", password];
        const clientArgs: Record<Server, { benchmark: string[]; info: string[] }> = {
            hardened: { benchmark: [...tls, "--user", "bench"], info: [...tls, "--user", "ops"] },
            plain: { benchmark: [], info: [] },
        };
        const results: Record<Test, Record<Server, Figures[]>> = { SET: { hardened: [], plain: [] }, GET: { hardened: [], plain: [] } };
        const loadBefore = os.loadavg();
        for (let round = 0; round < options.rounds; round++) {
            const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse();
            for (const test of TESTS)
                for (const server of order) results[test][server].push(benchmark(test, ports[server], clientArgs[server]));
        }
        const loadAfter = os.loadavg();

        const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
        console.log(
            `redis-benchmark, ${CLIENTS} clients, ${options.requests} requests per test, ${options.rounds} rounds of both servers back to back`,
        );
        console.log(
            `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), server and client ${pinned ? "pinned to CPU 0 and CPU 1" : "not pinned"}`,
        );
        console.log(`load average (1, 5, 15 min) before ${load(loadBefore)}, after ${load(loadAfter)}`);
        console.log(
            "hardened: the rendered default redis.conf (TLS 1.3, ACL user, AOF everysec, RDB); plain: redis-server defaults (no TLS, no ACL, no AOF)\n",
        );
        console.log(
            "test | hardened ops/s | plain ops/s | ratio (paired) | hardened p50 / p99 ms | plain p50 / p99 ms | server CPU µs/request hardened / plain | capacity ratio",
        );
        for (const test of TESTS) {
            const { hardened, plain } = results[test];
            const latency = (runs: Figures[]) =>
                `${median(runs.map((r) => r.p50)).toFixed(3)} / ${median(runs.map((r) => r.p99)).toFixed(3)}`;
            const cpu = (runs: Figures[]) => median(runs.map((r) => r.cpuMicros));
            const ratio = median(hardened.map((h, i) => h.rps / plain[i].rps));
            console.log(
                `${test.padEnd(4)} | ${median(hardened.map((r) => r.rps))
                    .toFixed(0)
                    .padStart(14)} | ${median(plain.map((r) => r.rps))
                    .toFixed(0)
                    .padStart(11)} | ` +
                    `${ratio.toFixed(2).padStart(14)} | ${latency(hardened).padStart(21)} | ${latency(plain).padStart(18)} | ` +
                    `${`${cpu(hardened).toFixed(1)} / ${cpu(plain).toFixed(1)}`.padStart(37)} | ${(cpu(plain) / cpu(hardened)).toFixed(2)}`,
            );
        }
        const perRound = (test: Test) =>
            results[test].hardened.map((h, i) => `${Math.round(h.rps)}/${Math.round(results[test].plain[i].rps)}`).join(" ");
        console.log(`\nper round, hardened/plain ops/s: SET ${perRound("SET")}; GET ${perRound("GET")}`);
    } finally {
        await Promise.all(processes.map((server) => server.stop("SIGKILL")));
        temp.removeAll();
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
