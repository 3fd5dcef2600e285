import { MockHarness, RecordedResource, mockPassword, plainStrings, promiseOf } from "../../support/harness";
import { exportMissingAlarm, exportedSnapshotsFilter } from "./export-test-kit";

const OWNER_CANONICAL_ID = "4f1e0c5e9d3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f";
const ELASTICACHE_CANONICAL_ID = "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353";
const harness = new MockHarness({ "aws:s3/getCanonicalUserId:getCanonicalUserId": () => ({ id: OWNER_CANONICAL_ID, displayName: "" }) });
let components: typeof import("hardened-redis");

const BASE_ARGS = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-a", "subnet-b"], allowedSecurityGroupIds: ["sg-0client"] };
const BUCKET = "sessions-backups-id";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const ACCOUNT = "us-east-1:123456789012";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const S3 = (kind: string) => `aws:s3/${kind.charAt(0).toLowerCase()}${kind.slice(1)}:${kind}`;
const policyOf = (resource: RecordedResource) => JSON.parse(resource.inputs.policy ?? resource.inputs.assumeRolePolicy);
const rule = (name: string) => harness.ofType("aws:cloudwatch/eventRule:EventRule").find((r) => r.inputs.name === name)!.inputs;

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
});
beforeEach(() => harness.reset());

async function deploy(args: Partial<import("hardened-redis").ElastiCacheServerlessArgs> = {}) {
    const cache = new components.ElastiCacheServerless("sessions", { ...BASE_ARGS, ...args });
    await harness.settle(cache);
    return cache;
}

describe("ElastiCacheServerless snapshot exports, on by default", () => {
    it("creates the hardened export bucket and names it in the outputs", async () => {
        const cache = await deploy();
        expect(harness.one(S3("Bucket")).inputs).toEqual({
            bucketPrefix: "sessions-backup-",
            objectLockEnabled: false,
            forceDestroy: false,
            tags: { "managed-by": "hardened-redis" },
        });
        expect(await promiseOf(cache.backupBucketName)).toBe(BUCKET);
        expect(await promiseOf(cache.backupReplicaBucketName)).toBeUndefined();
        expect(harness.one(S3("BucketPublicAccessBlock")).inputs).toMatchObject({
            bucket: BUCKET,
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: true,
            restrictPublicBuckets: true,
        });
        expect(harness.one(S3("BucketServerSideEncryptionConfiguration")).inputs.rules).toEqual([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ]);
        expect(harness.one(S3("BucketVersioning")).inputs.versioningConfiguration).toEqual({ status: "Enabled" });
        expect(harness.one(S3("BucketNotification")).inputs).toEqual({ bucket: BUCKET, eventbridge: true });
        expect(policyOf(harness.one(S3("BucketPolicy"))).Statement.map((s: any) => s.Sid)).toEqual(["DenyInsecureTransport"]);
    });

    it("grants ElastiCache the same read, write and read-ACL access as for node-based exports", async () => {
        await deploy();
        expect(harness.one(S3("BucketAcl")).inputs.accessControlPolicy.grants).toEqual([
            { grantee: { type: "CanonicalUser", id: OWNER_CANONICAL_ID }, permission: "FULL_CONTROL" },
            ...["READ", "WRITE", "READ_ACP"].map((permission) => ({
                grantee: { type: "CanonicalUser", id: ELASTICACHE_CANONICAL_ID },
                permission,
            })),
        ]);
    });

    it("runs the export function daily two hours after the snapshot time, configured for the serverless cache", async () => {
        await deploy();
        expect(rule("sessions-export-schedule").scheduleExpression).toBe("cron(0 5 * * ? *)");
        const fn = harness.one("aws:lambda/function:Function").inputs;
        expect(fn).toMatchObject({
            name: "sessions-snapshot-export",
            runtime: "nodejs22.x",
            handler: "index.handler",
            loggingConfig: { logGroup: "/aws/lambda/sessions-snapshot-export" },
        });
        expect(fn.environment.variables).toEqual({
            SERVERLESS_CACHE_NAME: "sessions",
            TARGET_BUCKET: BUCKET,
            MAX_SNAPSHOT_AGE_HOURS: "28",
        });
    });

    it("follows a moved snapshot time", async () => {
        await deploy({ dailySnapshotTime: "23:30" });
        expect(rule("sessions-export-schedule").scheduleExpression).toBe("cron(30 1 * * ? *)");
    });

    it("hears from S3 when an export of the cache's automated snapshots lands", async () => {
        await deploy();
        expect(JSON.parse(rule("sessions-export-landed").eventPattern)).toEqual({
            source: ["aws.s3"],
            "detail-type": ["Object Created"],
            detail: { bucket: { name: [BUCKET] }, object: { key: [{ prefix: "automatic.sessions-" }] } },
        });
    });

    it("counts exports by serverless cache name", async () => {
        await deploy();
        expect(harness.one("aws:cloudwatch/logMetricFilter:LogMetricFilter").inputs).toEqual(
            exportedSnapshotsFilter("sessions", "serverlessCacheName", "ServerlessCacheName"),
        );
        expect(exportedSnapshotsFilter("sessions", "serverlessCacheName", "ServerlessCacheName")).toMatchObject({
            pattern: '{ $.event = "snapshot-exported" && $.serverlessCacheName = "sessions" }',
            metricTransformation: { dimensions: { ServerlessCacheName: "$.serverlessCacheName" } },
        });
    });

    it("lets the function export only this cache's automated snapshots, into this bucket only", async () => {
        await deploy();
        const arn = (type: string, name: string) => `arn:aws:elasticache:${ACCOUNT}:${type}:${name}`;
        expect(policyOf(harness.one("aws:iam/rolePolicy:RolePolicy")).Statement).toEqual([
            {
                Sid: "ListSnapshots",
                Effect: "Allow",
                Action: "elasticache:DescribeServerlessCacheSnapshots",
                Resource: [arn("serverlesscache", "sessions"), arn("serverlesscachesnapshot", "*")],
            },
            {
                Sid: "ExportSnapshots",
                Effect: "Allow",
                Action: "elasticache:ExportServerlessCacheSnapshot",
                Resource: arn("serverlesscachesnapshot", "automatic.sessions-*"),
            },
            { Sid: "ExportBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket"], Resource: BUCKET_ARN },
            {
                Sid: "ExportObjects",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                Resource: `${BUCKET_ARN}/automatic.sessions-*`,
            },
            { Sid: "ExportBucketLookup", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
            {
                Sid: "WriteLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: "arn:aws:cloudwatch:us-east-1:123456789012:sessions-export-logs:*",
            },
            {
                Sid: "ReportFailures",
                Effect: "Allow",
                Action: "sqs:SendMessage",
                Resource: "arn:aws:sqs:us-east-1:123456789012:sessions-export-failures",
            },
        ]);
        expect(policyOf(harness.one("aws:iam/role:Role")).Statement).toEqual([
            { Sid: "AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
    });

    it("alarms on a failing export, on no export within the RPO and on parked failures, to the cache's topic", async () => {
        const cache = await deploy();
        const alarms = Object.fromEntries(
            harness
                .ofType(ALARM)
                .filter((a) => a.inputs.name.includes("-export-"))
                .map((a) => [a.inputs.name, a.inputs]),
        );
        const topic = ["arn:aws:sns:us-east-1:123456789012:sessions-notifications"];
        expect(alarms["sessions-export-errors"]).toMatchObject({
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: "sessions-snapshot-export" },
            threshold: 0,
            alarmActions: topic,
        });
        expect(alarms["sessions-export-missing"]).toMatchObject({
            ...exportMissingAlarm("sessions", "ServerlessCacheName", 28),
            alarmActions: topic,
            okActions: topic,
        });
        expect(alarms["sessions-export-missing"]).toMatchObject({ dimensions: { ServerlessCacheName: "sessions" }, period: 100800 });
        expect(alarms["sessions-export-missing"].alarmDescription).toContain("the serverless cache's ElastiCache events");
        expect(alarms["sessions-export-failures-queued"]).toMatchObject({
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: "sessions-snapshot-export-failures" },
            alarmActions: topic,
        });
        // The serverless metric alarms stay as they were; the cache's alarm names are those.
        expect(await promiseOf(cache.alarmNames)).not.toContain("sessions-export-errors");
    });

    it("puts no password anywhere but the secrets", async () => {
        await deploy();
        for (const resource of harness.resources)
            expect(plainStrings(resource.inputs)).not.toContain(mockPassword("sessions-app-password"));
    });
});

describe("ElastiCacheServerless backup arguments", () => {
    it("takes Object Lock, a lifecycle and a replica region like ElastiCacheRedis", async () => {
        const cache = await deploy({
            backup: {
                objectLock: { mode: "COMPLIANCE", retentionDays: 35 },
                transitionAfterDays: 60,
                expireAfterDays: 400,
                replicaRegion: "us-west-2",
            },
        });
        expect(harness.ofType(S3("BucketObjectLockConfiguration")).map((c) => c.inputs.rule)).toEqual([
            { defaultRetention: { mode: "COMPLIANCE", days: 35 } },
            { defaultRetention: { mode: "COMPLIANCE", days: 35 } },
        ]);
        expect(harness.ofType(S3("BucketLifecycleConfiguration"))[0].inputs.rules[0]).toMatchObject({
            transitions: [{ days: 60, storageClass: "GLACIER_IR" }],
            expiration: { days: 400 },
        });
        expect(harness.one(S3("BucketReplicationConfig")).inputs.bucket).toBe(BUCKET);
        expect(await promiseOf(cache.backupReplicaBucketName)).toBe("sessions-backups-replica-id");
    });

    it("exports to an existing bucket without creating one", async () => {
        const cache = await deploy({ backup: { bucketName: "shared-exports" } });
        expect(harness.ofType(S3("Bucket"))).toEqual([]);
        expect(await promiseOf(cache.backupBucketName)).toBe("shared-exports");
        expect(harness.one("aws:lambda/function:Function").inputs.environment.variables.TARGET_BUCKET).toBe("shared-exports");
    });

    it("takes a schedule and RPO", async () => {
        await deploy({ backup: { schedule: "cron(30 6 * * ? *)", rpoHours: 36 } });
        expect(rule("sessions-export-schedule").scheduleExpression).toBe("cron(30 6 * * ? *)");
        expect(harness.one("aws:lambda/function:Function").inputs.environment.variables.MAX_SNAPSHOT_AGE_HOURS).toBe("36");
    });

    it("can be switched off, leaving no bucket, function or export alarm", async () => {
        const cache = await deploy({ backup: { enabled: false } });
        expect(harness.ofType(S3("Bucket"))).toEqual([]);
        expect(harness.ofType("aws:lambda/function:Function")).toEqual([]);
        expect(harness.ofType(ALARM).filter((a) => a.inputs.name.includes("-export-"))).toEqual([]);
        expect(await promiseOf(cache.backupBucketName)).toBeUndefined();
    });

    it.each([
        ["a stray argument while off", { enabled: false, rpoHours: 30 }, /backup\.rpoHours is set while backup\.enabled is false/],
        [
            "an RPO below a day of snapshots",
            { rpoHours: 24 },
            /backup\.rpoHours is 24, but ElastiCache takes one automatic snapshot a day: with the snapshot window "03:00-04:00" .* up to 26 hours old\. Allowed: 26 to 168 hours\. Serverless caches have no Global Datastore/,
        ],
        [
            "too many runs a day",
            { schedule: "rate(30 minutes)" },
            /runs up to 48 times in 24 hours\. Allowed: at most 20 runs in any 24 hours, below the 24 manual backups ElastiCache allows per serverless cache/,
        ],
        [
            "lifecycle settings with an existing bucket",
            { bucketName: "shared-exports", expireAfterDays: 30 },
            /backup\.expireAfterDays is set together with backup\.bucketName/,
        ],
        [
            "the cache's own region as replica",
            { replicaRegion: "eu-west-1" },
            /backup\.replicaRegion is "eu-west-1", the cache's own region/,
        ],
        ["a misspelt argument", { rpo: 30 }, /backup\.rpo is not an argument/],
    ])("refuses %s", (_, backup, message) => {
        expect(() => new components.ElastiCacheServerless("sessions", { ...BASE_ARGS, region: "eu-west-1", backup } as any)).toThrow(
            message,
        );
    });
});
