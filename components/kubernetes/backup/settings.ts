import { ArgChecker, argNames } from "../../shared/validation";
import { ImageRefArgs, imageOf } from "../monitoring/settings";

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^[A-Za-z0-9!_.*'()/-]{1,200}$/;
const OBJECT_KEY = /^[A-Za-z0-9!_.*'()/-]{1,900}\.rdb\.gz$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;
const HTTP_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]{1,512}$/;
const KMS_KEY = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+|alias\/[A-Za-z0-9/_-]+|[0-9a-f-]{36})$/;
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;
const AWS_CLI_TAG = /^2\.\d+\.\d+$/;
/** The S3 server-side encryption of backups (the schema enum `ServerSideEncryption`). */
export const ServerSideEncryption = {
    awsKms: "aws:kms",
    AES256: "AES256",
} as const;
/** One of the S3 server-side encryption of backups. */
export type ServerSideEncryption = (typeof ServerSideEncryption)[keyof typeof ServerSideEncryption];

export const SERVER_SIDE_ENCRYPTION: readonly ServerSideEncryption[] = Object.values(ServerSideEncryption);

export const BACKUP_DEFAULTS = {
    schedule: "*/15 * * * *",
    rpoMinutes: 30,
    serverSideEncryption: "aws:kms",
    uploaderImage: { repository: "amazon/aws-cli", tag: "2.31.39" },
} as const;

/** Where the backup job and the restore init container get S3 credentials: exactly one of the two. */
export interface BackupCredentialsArgs {
    /** An IAM role for the backup (and restoring) service account, through IRSA (`eks.amazonaws.com/role-arn`). */
    roleArn?: string;
    /** A Secret in the namespace with `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`. */
    secretName?: string;
}

/** Scheduled RDB backups to S3 or an S3-compatible store, and restore on an empty volume. */
export interface KubernetesRedisBackupArgs {
    /** The bucket. */
    bucket: string;
    /** The bucket's region, such as `eu-west-1`. */
    region: string;
    /** The key prefix, default `<namespace>/<objectName>`. */
    prefix?: string;
    /** An `https://` endpoint of an S3-compatible store. Default: AWS S3. */
    endpoint?: string;
    /** The CronJob schedule (five cron fields, UTC). Default every 15 minutes. */
    schedule?: string;
    /** `aws:kms` (default) or `AES256`. */
    serverSideEncryption?: ServerSideEncryption;
    /** The KMS key for `aws:kms`; the bucket's default key when unset. */
    kmsKeyId?: string;
    /** S3 credentials: an IRSA role or a Secret. */
    credentials: BackupCredentialsArgs;
    /** The recovery point objective in minutes, 5 to 10080: the backup-age alert fires beyond it. Default 30. */
    rpoMinutes?: number;
    /** The Pushgateway the job reports its last success to, for the backup-age alert. Required with monitoring. */
    pushgatewayUrl?: string;
    /** The AWS CLI image, pinned: repository (default `amazon/aws-cli`), tag `2.X.Y`, optional digest. */
    uploaderImage?: ImageRefArgs;
    /** An object key (`...rdb.gz`, with its `.sha256` beside it) to restore into pod 0 when its volume is empty. */
    restoreFrom?: string;
}

export const BACKUP_ARG_NAMES = argNames<KubernetesRedisBackupArgs>()([
    "bucket",
    "region",
    "prefix",
    "endpoint",
    "schedule",
    "serverSideEncryption",
    "kmsKeyId",
    "credentials",
    "rpoMinutes",
    "pushgatewayUrl",
    "uploaderImage",
    "restoreFrom",
]);
export const BACKUP_CREDENTIALS_ARG_NAMES = argNames<BackupCredentialsArgs>()(["roleArn", "secretName"]);

export function validateBackupArgs(
    check: ArgChecker,
    args: KubernetesRedisBackupArgs | undefined,
    defaultPrefix: string,
    monitoring: boolean,
) {
    if (!args) return undefined;
    check.object("backup", args, BACKUP_ARG_NAMES);
    const d = BACKUP_DEFAULTS;
    const serverSideEncryption = check.oneOf(
        "backup.serverSideEncryption",
        args.serverSideEncryption ?? d.serverSideEncryption,
        SERVER_SIDE_ENCRYPTION,
    );
    if (args.kmsKeyId !== undefined && serverSideEncryption !== "aws:kms")
        check.fail("backup.kmsKeyId", "is set with AES256 encryption", 'a KMS key only with serverSideEncryption "aws:kms"');
    if (monitoring && args.pushgatewayUrl === undefined)
        check.fail(
            "backup.pushgatewayUrl",
            "is missing while monitoring is on",
            "the Pushgateway URL the backup-age alert reads the last success from",
        );
    return {
        bucket: check.matches(
            "backup.bucket",
            args.bucket,
            BUCKET,
            "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens",
        ),
        region: check.matches("backup.region", args.region, REGION, 'an AWS region such as "eu-west-1"'),
        prefix: check
            .matches("backup.prefix", args.prefix ?? defaultPrefix, PREFIX, "a key prefix of letters, digits and !_.*'()/-")
            .replace(/\/+$/, ""),
        endpoint:
            args.endpoint === undefined
                ? undefined
                : check
                      .matches("backup.endpoint", args.endpoint, HTTPS_URL, 'an https:// URL such as "https://minio.storage:9000"')
                      .replace(/\/$/, ""),
        schedule: cronSchedule(check, args.schedule ?? d.schedule),
        serverSideEncryption,
        kmsKeyId:
            args.kmsKeyId === undefined
                ? undefined
                : check.matches("backup.kmsKeyId", args.kmsKeyId, KMS_KEY, "a KMS key id, key ARN, alias or alias ARN"),
        credentials: credentials(check, args.credentials),
        rpoMinutes: check.integerInRange("backup.rpoMinutes", args.rpoMinutes ?? d.rpoMinutes, 5, 10080),
        pushgatewayUrl:
            args.pushgatewayUrl === undefined
                ? undefined
                : check
                      .matches(
                          "backup.pushgatewayUrl",
                          args.pushgatewayUrl,
                          HTTP_URL,
                          'an http(s):// URL such as "http://pushgateway.monitoring:9091"',
                      )
                      .replace(/\/$/, ""),
        uploaderImage: imageOf(
            check,
            "backup.uploaderImage",
            args.uploaderImage,
            d.uploaderImage,
            AWS_CLI_TAG,
            'a full AWS CLI v2 version such as "2.31.39"',
        ),
        restoreFrom:
            args.restoreFrom === undefined
                ? undefined
                : check.matches(
                      "backup.restoreFrom",
                      args.restoreFrom,
                      OBJECT_KEY,
                      'an object key written by the backup job, ending in ".rdb.gz"',
                  ),
    };
}

export type BackupSettings = NonNullable<ReturnType<typeof validateBackupArgs>>;

function cronSchedule(check: ArgChecker, schedule: string): string {
    const fields = schedule.trim().split(/\s+/);
    if (fields.length !== 5 || !fields.every((field) => CRON_FIELD.test(field))) {
        check.fail("backup.schedule", `is "${schedule}"`, 'five numeric cron fields such as "*/15 * * * *"');
    }
    return fields.join(" ");
}

function credentials(check: ArgChecker, args: BackupCredentialsArgs | undefined) {
    if (args !== undefined)
        check.object("backup.credentials", args, BACKUP_CREDENTIALS_ARG_NAMES, "exactly one of { roleArn } (IRSA) or { secretName }");
    const given = [args?.roleArn, args?.secretName].filter((value) => value !== undefined).length;
    if (given !== 1)
        check.fail(
            "backup.credentials",
            given === 0 ? "is empty" : "names both a role and a Secret",
            "exactly one of { roleArn } (IRSA) or { secretName }",
        );
    return {
        roleArn:
            args!.roleArn === undefined
                ? undefined
                : check.matches("backup.credentials.roleArn", args!.roleArn, ROLE_ARN, "an IAM role ARN"),
        secretName:
            args!.secretName === undefined
                ? undefined
                : check.matches("backup.credentials.secretName", args!.secretName, SECRET_NAME, "a Secret name in the namespace"),
    };
}
