/**
 * The backup and restore drill of the test suite (lab/backup-drill.ts), at 100 MB and 1 GB (or the sizes given): the
 * rendered backup and restore scripts, real redis-servers from the rendered configuration, and
 * /usr/bin/aws against a local S3-compatible server. Prints the backup duration and throughput, the
 * RTO (restore start to Redis serving the data) and the RPO of the drill (snapshot to loss).
 *
 *   npm run bench:backup -- [--sizes 100,1024]
 */
import { Command } from "commander";
import { BackupDrill, DrillFigures } from "../lab/backup-drill";
import { MockDeployment } from "../lab/mock-deployment";

const options = new Command()
    .option("--sizes <megabytes>", "comma-separated data set sizes in MB", "100,1024")
    .parse()
    .opts<{ sizes: string }>();

/** Room for the data set under maxmemory (70 % of the limit), with headroom for the fork. */
function memoryLimitFor(megabytes: number): string {
    return `${Math.max(1, Math.ceil((megabytes * 2.5) / 1024))}Gi`;
}

function row(figures: DrillFigures): string {
    const cells = [
        `${figures.megabytes} MB`,
        `${figures.keys}`,
        `${figures.dumpSeconds.toFixed(1)} s`,
        `${figures.uploadSeconds.toFixed(1)} s`,
        `${figures.backupSeconds.toFixed(1)} s`,
        `${figures.backupMegabytesPerSecond.toFixed(1)} MB/s`,
        `${figures.rtoSeconds.toFixed(1)} s`,
        `${(figures.megabytes / figures.rtoSeconds).toFixed(1)} MB/s`,
        `${figures.rpoSeconds.toFixed(1)} s`,
        figures.verifiedKeys === figures.keys && figures.lostAfterBackup ? "all keys" : `FAILED (${figures.verifiedKeys})`,
    ];
    return `| ${cells.join(" | ")} |`;
}

async function main(): Promise<void> {
    const deployment = new MockDeployment();
    await deployment.install();
    const rows: string[] = [];
    for (const megabytes of options.sizes.split(",").map(Number)) {
        const drill = new BackupDrill(deployment);
        try {
            await drill.setUp();
            rows.push(row(await drill.run(megabytes, memoryLimitFor(megabytes))));
        } finally {
            await drill.tearDown();
        }
    }
    console.log("| data set | keys | dump | upload | backup | backup throughput | RTO | restore throughput | drill RPO | verified |");
    console.log("|---|---|---|---|---|---|---|---|---|---|");
    for (const line of rows) console.log(line);
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
