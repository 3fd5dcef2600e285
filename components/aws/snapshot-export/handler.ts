/**
 * The snapshot export function. On its schedule it copies the newest automated snapshot of one
 * replication group (CopySnapshot with TargetBucket) or one serverless cache
 * (ExportServerlessCacheSnapshot) to S3; when S3 reports the export object, it logs the line that
 * the component's metric filter counts. It is bundled into the Lambda asset with `@aws-sdk/*` left
 * to the Node.js runtime, which ships the AWS SDK v3.
 */
import { ENV, EXPORTED_EVENT } from "./contract";
import { ExportSource, SourceSnapshot, exportSource } from "./sources";

interface ExportTarget {
    bucket: string;
    /** Refuse to export a newest snapshot older than this: backups have stopped. */
    maxSnapshotAgeHours?: number;
}

/** One replication group's or one serverless cache's exports to one bucket. */
export type ExportConfig = ExportTarget &
    ({ replicationGroupId: string; serverlessCacheName?: undefined } | { serverlessCacheName: string; replicationGroupId?: undefined });

export type ExportOutcome =
    /** `key` is the export's object key, or for a serverless cache the key prefix ElastiCache writes it under. */
    | { status: "started" | "already-exported" | "in-progress"; snapshotName: string; key: string }
    | { status: "recorded"; key: string }
    | { status: "ignored"; reason: string };

/** The part of an EventBridge "Object Created" event from S3 that the function reads. */
interface ObjectCreatedEvent {
    "detail-type": "Object Created";
    detail: { bucket: { name: string }; object: { key: string; size?: number } };
}

/** Fails the invocation, so that Lambda retries it, the errors alarm fires and the message is in the logs. */
export class SnapshotExportError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SnapshotExportError";
    }
}

export async function handler(event: unknown): Promise<ExportOutcome> {
    const config = readConfig(process.env);
    return isObjectCreated(event) ? recordExport(config, event) : exportNewestSnapshot(config, new Date());
}

/** Reads SERVERLESS_CACHE_NAME for a serverless cache, REPLICATION_GROUP_ID otherwise, and the bucket and age limit. */
export function readConfig(env: Record<string, string | undefined>): ExportConfig {
    const required = (name: string) => {
        const value = env[name];
        if (!value) throw new SnapshotExportError(`The snapshot export function needs the environment variable ${name}.`);
        return value;
    };
    const maxAge = env[ENV.maxSnapshotAgeHours];
    if (maxAge !== undefined && !(Number(maxAge) > 0)) {
        throw new SnapshotExportError(`${ENV.maxSnapshotAgeHours} is "${maxAge}"; it must be a positive number of hours.`);
    }
    const serverlessCacheName = env[ENV.serverlessCacheName];
    const source = serverlessCacheName ? { serverlessCacheName } : { replicationGroupId: required(ENV.replicationGroupId) };
    return { ...source, bucket: required(ENV.targetBucket), maxSnapshotAgeHours: maxAge === undefined ? undefined : Number(maxAge) };
}

function sourceOf(config: ExportConfig): ExportSource {
    return config.serverlessCacheName !== undefined
        ? exportSource("serverless-cache", config.serverlessCacheName)
        : exportSource("replication-group", config.replicationGroupId);
}

/** `replication group "orders"`, `serverless cache "sessions"`. */
const subject = (source: { names: { noun: string }; id: string }) => `${source.names.noun} "${source.id}"`;
/** `group`, `cache`: the last word of the noun, for "the group's events". */
const shortNoun = (source: { names: { noun: string } }) => source.names.noun.split(" ").pop()!;

/**
 * Exports the newest automated snapshot unless its export already exists or is under way, so that a
 * rerun (a retry, a duplicate delivery, a manual invocation) never starts a second export.
 */
export async function exportNewestSnapshot(config: ExportConfig, now: Date): Promise<ExportOutcome> {
    const source = sourceOf(config);
    const step = <T>(what: string, run: () => Promise<T>) =>
        run().catch((error: unknown) => Promise.reject(failure(source, config.bucket, what, error)));
    const snapshot = newestAutomatedSnapshot(
        source,
        config,
        await step(`listing the ${shortNoun(source)}'s automated snapshots`, () => source.automatedSnapshots()),
        now,
    );
    const snapshotName = snapshot.name;
    const key = source.exportKey(snapshot);
    const context = { [source.names.logField]: source.id, snapshotName, bucket: config.bucket, key };
    const exists = () => step(`checking for an existing export ${key}`, () => source.exportExists(config.bucket, snapshot));
    if (await exists()) {
        log({ event: "export-already-exists", ...context });
        return { status: "already-exported", snapshotName, key };
    }
    if (isBeingCopied(snapshot)) {
        log({ event: "export-in-progress", ...context });
        return { status: "in-progress", snapshotName, key };
    }
    try {
        await source.startExport(config.bucket, snapshot);
    } catch (error) {
        // Two runs that overlap both see no export; the one that loses finds the winner's work.
        if (source.isStateConflict(error)) {
            if (await exists()) return { status: "already-exported", snapshotName, key };
            const current = await step(`reading the state of snapshot "${snapshotName}"`, () => source.describeSnapshot(snapshotName));
            if (isBeingCopied(current)) return { status: "in-progress", snapshotName, key };
        }
        throw failure(source, config.bucket, `starting the export of snapshot "${snapshotName}"`, error);
    }
    log({ event: "export-started", ...context });
    return { status: "started", snapshotName, key };
}

/** Counts an export once S3 has the object: this log line feeds the "no export in N hours" alarm. */
function recordExport(config: ExportConfig, event: ObjectCreatedEvent): ExportOutcome {
    const source = sourceOf(config);
    const { bucket, object } = event.detail;
    if (bucket.name !== config.bucket || !source.names.isExportObjectKey(source.id, object.key)) {
        return { status: "ignored", reason: `s3://${bucket.name}/${object.key} is not an export of ${source.id}` };
    }
    if (object.size === 0) {
        throw new SnapshotExportError(
            `The export s3://${bucket.name}/${object.key} of ${subject(source)} is empty; it is not a usable backup.`,
        );
    }
    log({ event: EXPORTED_EVENT, [source.names.logField]: source.id, bucket: bucket.name, key: object.key, size: object.size });
    return { status: "recorded", key: object.key };
}

function newestAutomatedSnapshot(source: ExportSource, config: ExportConfig, snapshots: SourceSnapshot[], now: Date): SourceSnapshot {
    const dated = snapshots.filter((s) => s.name && s.createdAt && s.status !== "deleting");
    if (dated.length === 0) {
        throw new SnapshotExportError(
            `No automated snapshot of ${subject(source)} exists, so nothing can be exported to bucket "${config.bucket}". ` +
                `Check that automatic backups are on (a snapshot retention of 1 day or more) and look for failed backups in the ${shortNoun(source)}'s ElastiCache events.`,
        );
    }
    const newest = dated.reduce((a, b) => (b.createdAt! > a.createdAt! ? b : a));
    const about = `The newest automated snapshot "${newest.name}" of ${subject(source)}`;
    if (newest.status === "creating") {
        throw new SnapshotExportError(
            `${about} is still being created, so it cannot be exported to bucket "${config.bucket}" yet. Schedule the export later after the snapshot window.`,
        );
    }
    const ageHours = (now.getTime() - newest.createdAt!.getTime()) / 3_600_000;
    if (config.maxSnapshotAgeHours !== undefined && ageHours > config.maxSnapshotAgeHours) {
        throw new SnapshotExportError(
            `${about} is ${ageHours.toFixed(1)} hours old, more than the ${config.maxSnapshotAgeHours} hours allowed: ElastiCache has stopped taking backups. ` +
                `Nothing new can be exported to bucket "${config.bucket}"; look for failed backups in the ${shortNoun(source)}'s ElastiCache events.`,
        );
    }
    if (newest.status !== "available" && !isBeingCopied(newest)) {
        throw new SnapshotExportError(
            `${about} is "${newest.status}", not available, so it cannot be exported to bucket "${config.bucket}".`,
        );
    }
    return newest;
}

/** ElastiCache shows a snapshot whose export is running as being copied or exported. */
function isBeingCopied(snapshot: SourceSnapshot | undefined): boolean {
    return snapshot?.status === "copying" || snapshot?.status === "exporting";
}

interface AwsError {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
}

const statusOf = (error: unknown) => (error as AwsError)?.$metadata?.httpStatusCode;

const THROTTLING_CODES = [
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
];
const ACCESS_CODES = ["AccessDenied", "AccessDeniedException", "Forbidden", "UnauthorizedOperation", "AuthorizationError"];

/** Names the group or cache, the bucket and the step, says what kind of failure it is and what to look at. */
function failure(source: ExportSource, bucket: string, step: string, error: unknown): SnapshotExportError {
    const { name = "Error", message = String(error) } = (error ?? {}) as AwsError;
    const cause = `${name}: ${message}`;
    const about = `Export of ${subject(source)} to bucket "${bucket}" failed while ${step}`;
    if (/has not been granted/i.test(message)) {
        return new SnapshotExportError(
            `${about}: ElastiCache was denied access to the bucket (${cause}). The bucket needs the ElastiCache grant: the canonical-user ACL grant in standard regions, ` +
                "or the bucket policy for the <region>.elasticache-snapshot.amazonaws.com principal in opt-in regions.",
        );
    }
    if (ACCESS_CODES.includes(name) || statusOf(error) === 403 || /not authorized/i.test(message)) {
        return new SnapshotExportError(
            `${about}: access denied (${cause}). Check the function's role and any bucket policy or service control policy that denies it.`,
        );
    }
    if (THROTTLING_CODES.includes(name) || (error as AwsError)?.$retryable?.throttling) {
        return new SnapshotExportError(
            `${about}: throttled by AWS after the SDK's retries (${cause}). The invocation fails so that Lambda retries it and the errors alarm fires.`,
        );
    }
    return new SnapshotExportError(`${about}: ${cause}`);
}

function isObjectCreated(event: unknown): event is ObjectCreatedEvent {
    const e = event as Partial<ObjectCreatedEvent> | undefined;
    return (
        e?.["detail-type"] === "Object Created" && typeof e.detail?.object?.key === "string" && typeof e.detail?.bucket?.name === "string"
    );
}

/** One JSON line per event, straight to stdout so that the log group's metric filter sees plain JSON. */
function log(fields: Record<string, unknown>): void {
    process.stdout.write(`${JSON.stringify({ level: "INFO", ...fields })}\n`);
}
