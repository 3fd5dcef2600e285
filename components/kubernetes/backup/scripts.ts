import { POD_FILES, POD_PATHS } from "../pod-files";
import { BACKUP_SUCCESS_METRIC } from "../monitoring/rules";

/** Where the backup job keeps the RDB between its two containers (an emptyDir). */
export const BACKUP_WORK_DIR = "/backup";
/** The TLS files the backup job mounts: the CA, and a client certificate with mTLS. */
export const BACKUP_TLS_DIR = "/etc/redis/tls";
export const BACKUP_USER = "backup";
/**
 * The AOF names of redis.conf. With AOF on, Redis loads only the AOF, so a restore installs the RDB
 * as the base of a new multi-part AOF: a directory that moves into place in one rename.
 */
export const AOF_DIR = "appendonlydir";
export const AOF_BASE = "appendonly.aof.1.base.rdb";
export const AOF_MANIFEST = "appendonly.aof.manifest";
/** The staging directory of a restore, on the data volume so that the final move is atomic. */
export const RESTORE_STAGING = `${POD_PATHS.data}/.restore`;

export interface S3Target {
    bucket: string;
    region: string;
    endpoint?: string;
    serverSideEncryption: string;
    kmsKeyId?: string;
}

export interface BackupScriptOptions {
    s3: S3Target;
    prefix: string;
    /** Object names start with this. */
    objectPrefix: string;
    /** The replica to copy from. */
    sourceHost: string;
    port: number;
    clientCertificate: boolean;
    pushgatewayUrl?: string;
    /** The Pushgateway grouping label value of this instance. */
    instance: string;
}

const cliLookup = 'cli="$(command -v redis-cli || command -v valkey-cli)"';

function awsCommand(s3: S3Target): string {
    return ["aws", `--region ${s3.region}`, ...(s3.endpoint ? [`--endpoint-url ${s3.endpoint}`] : []), "--only-show-errors"].join(" ");
}

/**
 * The backup job, in two phases: `dump` (Redis image) copies an RDB from a replica with
 * `redis-cli --rdb` as the backup user (password from REDISCLI_AUTH), compresses it and writes its
 * SHA-256; `upload` (AWS CLI image) stores both with server-side encryption and reports success.
 */
export function renderBackupScript(options: BackupScriptOptions): string {
    const tls = [
        `--cacert ${BACKUP_TLS_DIR}/${POD_FILES.ca}`,
        ...(options.clientCertificate
            ? [`--cert ${BACKUP_TLS_DIR}/${POD_FILES.certificate}`, `--key ${BACKUP_TLS_DIR}/${POD_FILES.privateKey}`]
            : []),
    ].join(" ");
    const sse = [
        `--sse ${options.s3.serverSideEncryption}`,
        ...(options.s3.kmsKeyId ? [`--sse-kms-key-id ${options.s3.kmsKeyId}`] : []),
    ].join(" ");
    const destination = `s3://${options.s3.bucket}/${options.prefix}`;
    const report = options.pushgatewayUrl
        ? [
              `  printf '# TYPE ${BACKUP_SUCCESS_METRIC} gauge\\n${BACKUP_SUCCESS_METRIC} %s\\n' "$(date +%s)" |`,
              `    curl -fsS --max-time 30 --data-binary @- "${options.pushgatewayUrl}/metrics/job/hardened-redis-backup/redis_instance/${options.instance}"`,
          ]
        : [];
    return lines(
        "set -eu",
        "umask 077",
        `work=${BACKUP_WORK_DIR}`,
        'case "${1:-}" in',
        "dump)",
        `  ${cliLookup}`,
        `  object="${options.objectPrefix}-$(date -u +%Y%m%dT%H%M%SZ).rdb.gz"`,
        `  "$cli" --tls ${tls} -h ${options.sourceHost} -p ${options.port} --user ${BACKUP_USER} --no-auth-warning --rdb "$work/dump.rdb" >&2`,
        '  gzip -1 -c "$work/dump.rdb" > "$work/$object"',
        '  rm -f "$work/dump.rdb"',
        '  (cd "$work" && sha256sum "$object" > "$object.sha256")',
        '  printf \'%s\\n\' "$object" > "$work/object"',
        '  echo "backup: wrote $object ($(wc -c < "$work/$object") bytes)"',
        "  ;;",
        "upload)",
        '  object="$(cat "$work/object")"',
        `  ${awsCommand(options.s3)} s3 cp "$work/$object" "${destination}/$object" ${sse}`,
        // The checksum goes last: an object without one is never offered for restore.
        `  ${awsCommand(options.s3)} s3 cp "$work/$object.sha256" "${destination}/$object.sha256" ${sse}`,
        ...report,
        `  echo "backup: uploaded ${destination}/$object"`,
        "  ;;",
        "*)",
        '  echo "usage: backup.sh dump|upload" >&2',
        "  exit 2",
        "  ;;",
        "esac",
    );
}

export interface RestoreScriptOptions {
    s3: S3Target;
    bucket: string;
    objectKey: string;
}

/**
 * The restore init containers, in two phases, run only on pod 0 with an empty volume: `download`
 * (AWS CLI image) fetches the object and its checksum into a staging directory; `place` (Redis
 * image) verifies the checksum and the RDB, then moves it into place, as the AOF base, in one rename. Any failure
 * removes the staging directory and leaves the volume empty.
 */
export function renderRestoreScript(options: RestoreScriptOptions): string {
    const source = `s3://${options.bucket}/${options.objectKey}`;
    const data = POD_PATHS.data;
    return lines(
        "set -eu",
        "umask 077",
        `staging=${RESTORE_STAGING}`,
        `fail() { rm -rf "$staging"; echo "restore: refusing ${source}: $1" >&2; exit 1; }`,
        'case "${HOSTNAME##*-}" in 0) ;; *) echo "restore: not pod 0, replicas sync from the primary"; exit 0 ;; esac',
        `if [ -e ${data}/dump.rdb ] || [ -e ${data}/${AOF_DIR} ]; then echo "restore: ${data} already holds data, nothing to restore"; exit 0; fi`,
        'case "${1:-}" in',
        "download)",
        '  rm -rf "$staging" && mkdir -p "$staging"',
        `  ${awsCommand(options.s3)} s3 cp "${source}" "$staging/dump.rdb.gz" || fail "cannot download the object"`,
        `  ${awsCommand(options.s3)} s3 cp "${source}.sha256" "$staging/dump.rdb.gz.sha256" || fail "cannot download its checksum"`,
        "  ;;",
        "place)",
        '  [ -f "$staging/dump.rdb.gz" ] && [ -f "$staging/dump.rdb.gz.sha256" ] || fail "the download phase left no object"',
        '  expected="$(cut -d" " -f1 "$staging/dump.rdb.gz.sha256")"',
        '  actual="$(sha256sum "$staging/dump.rdb.gz" | cut -d" " -f1)"',
        '  [ "$expected" = "$actual" ] || fail "checksum mismatch (expected $expected, got $actual): the object is corrupted or truncated"',
        '  gzip -d -c "$staging/dump.rdb.gz" > "$staging/dump.rdb" || fail "the object does not decompress"',
        '  check="$(command -v redis-check-rdb || command -v valkey-check-rdb || true)"',
        '  if [ -n "$check" ]; then "$check" "$staging/dump.rdb" > "$staging/check.log" 2>&1 || fail "redis-check-rdb rejects the RDB: $(tail -n 3 "$staging/check.log")"; fi',
        `  mkdir "$staging/${AOF_DIR}"`,
        `  mv "$staging/dump.rdb" "$staging/${AOF_DIR}/${AOF_BASE}"`,
        `  printf 'file ${AOF_BASE} seq 1 type b\\n' > "$staging/${AOF_DIR}/${AOF_MANIFEST}"`,
        `  mv "$staging/${AOF_DIR}" ${data}/${AOF_DIR}`,
        '  rm -rf "$staging"',
        `  echo "restore: restored ${source} ($actual)"`,
        "  ;;",
        "*)",
        '  echo "usage: restore.sh download|place" >&2',
        "  exit 2",
        "  ;;",
        "esac",
    );
}

function lines(...content: string[]): string {
    return content.join("\n") + "\n";
}
