/**
 * The snapshot export function. On its schedule it copies the newest automated snapshot of one
 * replication group to S3 (CopySnapshot with TargetBucket); when S3 reports the export object, it
 * logs the line that the component's metric filter counts. It is bundled into the Lambda asset with
 * `@aws-sdk/*` left to the Node.js runtime, which ships the AWS SDK v3.
 */
import { CopySnapshotCommand, DescribeSnapshotsCommand, ElastiCacheClient, Snapshot, paginateDescribeSnapshots } from "@aws-sdk/client-elasticache";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ENV, EXPORTED_EVENT, exportName, exportObjectKey, isExportObjectKey } from "./contract";

const elastiCache = new ElastiCacheClient({});
const s3 = new S3Client({});

export interface ExportConfig {
    replicationGroupId: string;
    bucket: string;
    /** Refuse to export a newest snapshot older than this: backups have stopped. */
    maxSnapshotAgeHours?: number;
}

export type ExportOutcome =
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
    return {
        replicationGroupId: required(ENV.replicationGroupId),
        bucket: required(ENV.targetBucket),
        maxSnapshotAgeHours: maxAge === undefined ? undefined : Number(maxAge),
    };
}

/**
 * Exports the newest automated snapshot unless its export already exists or is under way, so that a
 * rerun (a retry, a duplicate delivery, a manual invocation) never starts a second export.
 */
export async function exportNewestSnapshot(config: ExportConfig, now: Date): Promise<ExportOutcome> {
    const snapshot = newestAutomatedSnapshot(config, await automatedSnapshots(config), now);
    const snapshotName = snapshot.SnapshotName!;
    const targetName = exportName(config.replicationGroupId, createdAt(snapshot)!);
    const key = exportObjectKey(targetName);
    const context = { replicationGroupId: config.replicationGroupId, snapshotName, bucket: config.bucket, key };
    if (await exportExists(config, key)) {
        log({ event: "export-already-exists", ...context });
        return { status: "already-exported", snapshotName, key };
    }
    if (isBeingCopied(snapshot)) {
        log({ event: "export-in-progress", ...context });
        return { status: "in-progress", snapshotName, key };
    }
    try {
        await elastiCache.send(new CopySnapshotCommand({ SourceSnapshotName: snapshotName, TargetSnapshotName: targetName, TargetBucket: config.bucket }));
    } catch (error) {
        // Two runs that overlap both see no export; the one that loses finds the winner's work.
        if (isStateConflict(error)) {
            if (await exportExists(config, key)) return { status: "already-exported", snapshotName, key };
            if (isBeingCopied(await describeSnapshot(config, snapshotName))) return { status: "in-progress", snapshotName, key };
        }
        throw failure(config, `starting the export of snapshot "${snapshotName}"`, error);
    }
    log({ event: "export-started", ...context });
    return { status: "started", snapshotName, key };
}

/** Counts an export once S3 has the object: this log line feeds the "no export in N hours" alarm. */
function recordExport(config: ExportConfig, event: ObjectCreatedEvent): ExportOutcome {
    const { bucket, object } = event.detail;
    if (bucket.name !== config.bucket || !isExportObjectKey(config.replicationGroupId, object.key)) {
        return { status: "ignored", reason: `s3://${bucket.name}/${object.key} is not an export of ${config.replicationGroupId}` };
    }
    if (object.size === 0) {
        throw new SnapshotExportError(`The export s3://${bucket.name}/${object.key} of replication group "${config.replicationGroupId}" is empty; it is not a usable backup.`);
    }
    log({ event: EXPORTED_EVENT, replicationGroupId: config.replicationGroupId, bucket: bucket.name, key: object.key, size: object.size });
    return { status: "recorded", key: object.key };
}

async function automatedSnapshots(config: ExportConfig): Promise<Snapshot[]> {
    const snapshots: Snapshot[] = [];
    try {
        for await (const page of paginateDescribeSnapshots({ client: elastiCache }, { ReplicationGroupId: config.replicationGroupId, SnapshotSource: "system" })) {
            snapshots.push(...(page.Snapshots ?? []));
        }
    } catch (error) {
        throw failure(config, "listing the group's automated snapshots", error);
    }
    // The filter above asks ElastiCache for automated snapshots only; manual ones are never exported.
    return snapshots.filter((s) => s.SnapshotSource === "automated");
}

function newestAutomatedSnapshot(config: ExportConfig, snapshots: Snapshot[], now: Date): Snapshot {
    const dated = snapshots.filter((s) => s.SnapshotName && createdAt(s) && s.SnapshotStatus !== "deleting");
    if (dated.length === 0) {
        throw new SnapshotExportError(
            `No automated snapshot of replication group "${config.replicationGroupId}" exists, so nothing can be exported to bucket "${config.bucket}". ` +
                "Check that automatic backups are on (a snapshot retention of 1 day or more) and look for failed backups in the group's ElastiCache events.",
        );
    }
    const newest = dated.reduce((a, b) => (createdAt(b)! > createdAt(a)! ? b : a));
    const about = `The newest automated snapshot "${newest.SnapshotName}" of replication group "${config.replicationGroupId}"`;
    if (newest.SnapshotStatus === "creating") {
        throw new SnapshotExportError(`${about} is still being created, so it cannot be exported to bucket "${config.bucket}" yet. Schedule the export later after the snapshot window.`);
    }
    const ageHours = (now.getTime() - createdAt(newest)!.getTime()) / 3_600_000;
    if (config.maxSnapshotAgeHours !== undefined && ageHours > config.maxSnapshotAgeHours) {
        throw new SnapshotExportError(
            `${about} is ${ageHours.toFixed(1)} hours old, more than the ${config.maxSnapshotAgeHours} hours allowed: ElastiCache has stopped taking backups. ` +
                `Nothing new can be exported to bucket "${config.bucket}"; look for failed backups in the group's ElastiCache events.`,
        );
    }
    if (newest.SnapshotStatus !== "available" && !isBeingCopied(newest)) {
        throw new SnapshotExportError(`${about} is "${newest.SnapshotStatus}", not available, so it cannot be exported to bucket "${config.bucket}".`);
    }
    return newest;
}

/** When the snapshot was taken; every node snapshot of a one-shard group has the same time. */
function createdAt(snapshot: Snapshot): Date | undefined {
    const times = (snapshot.NodeSnapshots ?? []).map((n) => n.SnapshotCreateTime).filter((t): t is Date => t instanceof Date);
    return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : undefined;
}

/** ElastiCache shows a snapshot whose export is running as being copied. */
function isBeingCopied(snapshot: Snapshot | undefined): boolean {
    return snapshot?.SnapshotStatus === "copying" || snapshot?.SnapshotStatus === "exporting";
}

async function describeSnapshot(config: ExportConfig, snapshotName: string): Promise<Snapshot | undefined> {
    try {
        return (await elastiCache.send(new DescribeSnapshotsCommand({ SnapshotName: snapshotName }))).Snapshots?.[0];
    } catch (error) {
        throw failure(config, `reading the state of snapshot "${snapshotName}"`, error);
    }
}

async function exportExists(config: ExportConfig, key: string): Promise<boolean> {
    try {
        await s3.send(new HeadObjectCommand({ Bucket: config.bucket, Key: key }));
        return true;
    } catch (error) {
        if (statusOf(error) === 404) return false;
        throw failure(config, `checking for an existing export ${key}`, error);
    }
}

interface AwsError {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
}

const statusOf = (error: unknown) => (error as AwsError)?.$metadata?.httpStatusCode;

const THROTTLING_CODES = ["Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown"];
const ACCESS_CODES = ["AccessDenied", "AccessDeniedException", "Forbidden", "UnauthorizedOperation", "AuthorizationError"];

function isStateConflict(error: unknown): boolean {
    const { name = "", message = "" } = (error ?? {}) as AwsError;
    return name === "InvalidSnapshotStateFault" || name === "SnapshotAlreadyExistsFault" || /already contains an object/i.test(message);
}

/** Names the group, the bucket and the step, says what kind of failure it is and what to look at. */
function failure(config: ExportConfig, step: string, error: unknown): SnapshotExportError {
    const { name = "Error", message = String(error) } = (error ?? {}) as AwsError;
    const cause = `${name}: ${message}`;
    const subject = `Export of replication group "${config.replicationGroupId}" to bucket "${config.bucket}" failed while ${step}`;
    if (/has not been granted/i.test(message)) {
        return new SnapshotExportError(
            `${subject}: ElastiCache was denied access to the bucket (${cause}). The bucket needs the ElastiCache grant: the canonical-user ACL grant in standard regions, ` +
                "or the bucket policy for the <region>.elasticache-snapshot.amazonaws.com principal in opt-in regions.",
        );
    }
    if (ACCESS_CODES.includes(name) || statusOf(error) === 403 || /not authorized/i.test(message)) {
        return new SnapshotExportError(`${subject}: access denied (${cause}). Check the function's role and any bucket policy or service control policy that denies it.`);
    }
    if (THROTTLING_CODES.includes(name) || (error as AwsError)?.$retryable?.throttling) {
        return new SnapshotExportError(`${subject}: throttled by AWS after the SDK's retries (${cause}). The invocation fails so that Lambda retries it and the errors alarm fires.`);
    }
    return new SnapshotExportError(`${subject}: ${cause}`);
}

function isObjectCreated(event: unknown): event is ObjectCreatedEvent {
    const e = event as Partial<ObjectCreatedEvent> | undefined;
    return e?.["detail-type"] === "Object Created" && typeof e.detail?.object?.key === "string" && typeof e.detail?.bucket?.name === "string";
}

/** One JSON line per event, straight to stdout so that the log group's metric filter sees plain JSON. */
function log(fields: Record<string, unknown>): void {
    process.stdout.write(`${JSON.stringify({ level: "INFO", ...fields })}\n`);
}
