/** What the export tests of replication groups and serverless caches share. */

/** Captures the function's stdout for every test of the file: one JSON log line per write. */
export function captureLogLines(): { lines: () => string[]; logged: () => unknown[] } {
    let stdout: string[] = [];
    beforeEach(() => {
        stdout = [];
        jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
            stdout.push(String(chunk));
            return true;
        });
    });
    afterEach(() => jest.restoreAllMocks());
    return { lines: () => stdout, logged: () => stdout.map((line) => JSON.parse(line)) };
}

/** The metric filter that counts the exports of `id`, whose log lines name it in `logField`, as metric dimension `dimension`. */
export function exportedSnapshotsFilter(id: string, logField: string, dimension: string) {
    return {
        name: `${id}-snapshots-exported`,
        logGroupName: `/aws/lambda/${id}-snapshot-export`,
        pattern: `{ $.event = "snapshot-exported" && $.${logField} = "${id}" }`,
        metricTransformation: {
            namespace: "HardenedRedis/Backup",
            name: "SnapshotsExported",
            value: "1",
            unit: "Count",
            dimensions: { [dimension]: `$.${logField}` },
        },
    };
}

/** The "no export within the RPO" alarm of `id`, whose exports are counted under metric dimension `dimension`. */
export function exportMissingAlarm(id: string, dimension: string, rpoHours: number) {
    return {
        namespace: "HardenedRedis/Backup",
        metricName: "SnapshotsExported",
        dimensions: { [dimension]: id },
        statistic: "Sum",
        period: rpoHours * 3600,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
    };
}

/** An AWS SDK service error as the clients throw it. */
export const awsError = (name: string, message: string, httpStatusCode = 400) =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
