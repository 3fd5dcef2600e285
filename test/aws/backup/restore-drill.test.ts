import { execFile, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ELASTICACHE_CANONICAL_USER_IDS } from "../../../components/aws/backup/grants";
import { haveCommand, itWhen } from "../../support/tools";

const RUNBOOK = fs.readFileSync(path.join(__dirname, "..", "..", "..", "docs", "restore-drill.md"), "utf8");
const AWS_CLI = "/usr/bin/aws";

/** The shell blocks of the runbook, with continued lines joined. */
function shellBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1].replace(/\\\n\s*/g, " "));
}

interface AwsCommand {
    service: string;
    operation: string;
    options: string[];
}

/** Every `aws <service> <operation> --option ...` call, nested ones included; options of nested calls stay with them. */
function awsCommands(markdown: string): AwsCommand[] {
    const commands: AwsCommand[] = [];
    for (const line of shellBlocks(markdown).flatMap((block) => block.split("\n"))) {
        for (const match of line.matchAll(/(?:^|[\s(])aws ([a-z0-9-]+) ([a-z0-9-]+)/g)) {
            const options: string[] = [];
            let depth = 0;
            const rest = line.slice(match.index! + match[0].length);
            for (let i = 0; i < rest.length; i++) {
                const c = rest[i];
                if (c === "(") depth++;
                else if (c === ")" && --depth < 0) break;
                else if (c === "|" && depth === 0) break;
                else if (depth === 0 && rest.startsWith("--", i) && /\s/.test(rest[i - 1] ?? " "))
                    options.push(/^--[a-z0-9-]+/.exec(rest.slice(i))![0]);
            }
            commands.push({ service: match[1], operation: match[2], options });
        }
    }
    return commands;
}

const run = promisify(execFile);

describe("the restore drill runbook", () => {
    it("finds the AWS CLI calls it documents", () => {
        const calls = awsCommands(RUNBOOK).map((c) => `${c.service} ${c.operation}`);
        expect(calls).toEqual(
            expect.arrayContaining([
                "cloudwatch describe-alarms",
                "s3api list-objects-v2",
                "lambda invoke",
                "sqs receive-message",
                "sqs get-queue-url",
                "s3api get-object",
                "s3api put-object-acl",
                "elasticache describe-snapshots",
                "secretsmanager get-secret-value",
                "s3api head-object",
                "elasticache delete-snapshot",
            ]),
        );
    });

    it("names the alarms, function and queue that the component creates", () => {
        for (const name of [
            "$GROUP-export-errors",
            "$GROUP-export-missing",
            "$GROUP-export-failures-queued",
            "$GROUP-snapshot-export",
            "$GROUP-snapshot-export-failures",
            "/aws/lambda/$GROUP-snapshot-export",
        ]) {
            expect(RUNBOOK).toContain(name);
        }
        expect(RUNBOOK).toContain(ELASTICACHE_CANONICAL_USER_IDS.aws);
    });

    itWhen(haveCommand(AWS_CLI, "apt-get install -y awscli", ["--version"]))(
        "uses only commands and options that the AWS CLI has",
        async () => {
            const byOperation = new Map<string, Set<string>>();
            for (const c of awsCommands(RUNBOOK)) {
                const key = `${c.service} ${c.operation}`;
                byOperation.set(key, new Set([...(byOperation.get(key) ?? []), ...c.options]));
            }
            const unknown = await Promise.all(
                [...byOperation].map(async ([operation, options]) => {
                    const help = (
                        await run(AWS_CLI, [...operation.split(" "), "help"], {
                            env: { ...process.env, AWS_PAGER: "" },
                            maxBuffer: 16 * 1024 * 1024,
                        })
                    ).stdout;
                    return [...options]
                        .filter((option) => !new RegExp(`${option}(?![a-z0-9-])`).test(help))
                        .map((option) => `${operation} ${option}`);
                }),
            );
            expect(unknown.flat()).toEqual([]);
        },
        120_000,
    );

    itWhen(
        haveCommand("redis-check-rdb", "apt-get install -y redis-server", ["--version"]) &&
            haveCommand("redis-server", "apt-get install -y redis-server"),
    )(
        "checks an RDB file and counts its keys with the commands of step 2",
        async () => {
            const work = fs.mkdtempSync(path.join(os.tmpdir(), "restore-drill-"));
            try {
                const rdb = await writeRdb(work, 25);
                const check = spawnSync("redis-check-rdb", [rdb], { encoding: "utf8" });
                expect(`${check.stdout}${check.stderr}`).toContain("\\o/ RDB looks OK! \\o/");
                expect(RUNBOOK).toContain("`\\o/ RDB looks OK! \\o/`");

                const drill = path.join(work, "drill");
                fs.mkdirSync(drill);
                fs.copyFileSync(rdb, path.join(drill, "dump.rdb"));
                const port = await freePort();
                const [serverLine, infoLine, shutdownLine] = shellBlocks(RUNBOOK)
                    .flatMap((b) => b.split("\n"))
                    .filter((l) => /^redis-(server|cli) .*-p(ort)? 6390/.test(l));
                const asArgs = (line: string) =>
                    line
                        .replace(/6390/g, String(port))
                        .replace('"$PWD/drill"', drill)
                        .replace("''", '""')
                        .split(" ")
                        .slice(1)
                        .map((a) => (a === '""' ? "" : a));
                spawnSync("redis-server", asArgs(serverLine), { encoding: "utf8" });
                try {
                    await waitForServer(port);
                    expect(spawnSync("redis-cli", asArgs(infoLine), { encoding: "utf8" }).stdout).toMatch(/^db0:keys=25,/m);
                } finally {
                    spawnSync("redis-cli", asArgs(shutdownLine));
                }
            } finally {
                fs.rmSync(work, { recursive: true, force: true });
            }
        },
        60_000,
    );
});

/** A real RDB file with `keys` keys, written by a throw-away server on localhost. */
async function writeRdb(dir: string, keys: number): Promise<string> {
    const port = await freePort();
    spawnSync("redis-server", [
        "--bind",
        "127.0.0.1",
        "--port",
        String(port),
        "--dir",
        dir,
        "--dbfilename",
        "source.rdb",
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "yes",
    ]);
    try {
        await waitForServer(port);
        for (let i = 0; i < keys; i++) spawnSync("redis-cli", ["-p", String(port), "SET", `orders:${i}`, `value-${i}`]);
        spawnSync("redis-cli", ["-p", String(port), "SAVE"]);
    } finally {
        spawnSync("redis-cli", ["-p", String(port), "SHUTDOWN", "NOSAVE"]);
    }
    return path.join(dir, "source.rdb");
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer().listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
        server.on("error", reject);
    });
}

async function waitForServer(port: number): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
        if (spawnSync("redis-cli", ["-p", String(port), "PING"], { encoding: "utf8" }).stdout.trim() === "PONG") return;
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`redis-server on 127.0.0.1:${port} did not start`);
}
