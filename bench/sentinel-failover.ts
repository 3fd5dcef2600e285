/**
 * The Sentinel failover drill of the test suite (lab/sentinel-drill.ts), repeated: three redis-servers and three
 * redis-sentinels from the rendered files on loopback, an ioredis Sentinel client writing over TLS.
 * Prints, with and without min-replicas-to-write: the time from kill -9 of the primary until writes
 * succeed on the new primary and the acknowledged writes lost (down-after-milliseconds 5000, the
 * default), and, after SIGSTOP of the primary beyond down-after-milliseconds (1000) then SIGCONT,
 * the writes the old primary acknowledged to a client still connected to it, and how many were lost.
 *
 *   npm run bench:failover -- [--runs 3]
 */
import { Command } from "commander";
import { MockDeployment } from "../lab/mock-deployment";
import { TempDirs, createTestPki } from "../lab/redis-process";
import { SentinelCluster, killDrill, pauseDrill } from "../lab/sentinel-drill";

const options = new Command().option("--runs <count>", "drills per setting", "3").parse().opts<{ runs: string }>();

const SETTINGS = { "min-replicas-to-write 1": { minReplicasToWrite: 1 }, "min-replicas-to-write 0": { minReplicasToWrite: 0 } };

async function withCluster<T>(
    deployment: MockDeployment,
    temp: TempDirs,
    name: string,
    sentinel: object,
    drill: (cluster: SentinelCluster) => Promise<T>,
): Promise<T> {
    const cluster = new SentinelCluster(name, temp, createTestPki(temp.make("pki")));
    try {
        await cluster.render(deployment, { sentinel });
        await cluster.start();
        return await drill(cluster);
    } finally {
        await cluster.stop();
    }
}

async function main(): Promise<void> {
    const deployment = new MockDeployment();
    await deployment.install();
    const temp = new TempDirs();
    try {
        console.log("| setting | drill | writes back after | acknowledged writes | lost |");
        console.log("|---|---|---|---|---|");
        for (const [label, setting] of Object.entries(SETTINGS)) {
            for (let run = 0; run < Number(options.runs); run++) {
                const kill = await withCluster(deployment, temp, "cache", setting, killDrill);
                console.log(
                    `| ${label} | kill -9, down-after 5000 ms | ${(kill.recoveryMs / 1000).toFixed(1)} s | ${kill.acknowledged} | ${kill.lost} |`,
                );
                const pause = await withCluster(
                    deployment,
                    temp,
                    "cache",
                    { ...setting, downAfterMilliseconds: 1000, failoverTimeout: 10000, minReplicasMaxLag: 2 },
                    pauseDrill,
                );
                console.log(
                    `| ${label} | SIGSTOP/SIGCONT, down-after 1000 ms, to the old primary | demoted ${(pause.demotedAfterMs / 1000).toFixed(1)} s after SIGCONT | ${pause.acknowledgedByOldPrimary} (refused ${pause.refused}) | ${pause.lost} |`,
                );
            }
        }
    } finally {
        temp.removeAll();
    }
}

main().then(
    () => process.exit(0),
    (error) => {
        console.error(error);
        process.exit(1);
    },
);
