import { MockHarness, RecordedResource, promiseOf } from "../../support/harness";
import { cacheDeployer } from "../deploy-cache";
import { exportMissingAlarm, exportedSnapshotsFilter } from "./export-test-kit";

const OWNER_CANONICAL_ID = "4f1e0c5e9d3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f";
const ELASTICACHE_CANONICAL_ID = "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353";
const harness = new MockHarness({ "aws:s3/getCanonicalUserId:getCanonicalUserId": () => ({ id: OWNER_CANONICAL_ID, displayName: "" }) });

// The restore drill adds functions, roles and alarms of its own, asserted in test/aws/restore-drill/.
const deploy = cacheDeployer(harness, { restoreDrill: { enabled: false } });

const S3 = (kind: string) => `aws:s3/${kind.charAt(0).toLowerCase()}${kind.slice(1)}:${kind}`;
const BUCKET_ARN = "arn:aws:s3:::cache-backups-id";
const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:cache-notifications";
const policyOf = (resource: RecordedResource) => JSON.parse(resource.inputs.policy ?? resource.inputs.assumeRolePolicy);
const forBucket = (bucket: string) => (r: RecordedResource) => r.inputs.bucket === bucket;
const one = (type: string, bucket = "cache-backups-id") => {
    const found = harness.ofType(type).filter(forBucket(bucket));
    if (found.length !== 1) throw new Error(`expected one ${type} of ${bucket}, found ${found.length}`);
    return found[0].inputs;
};

/** Every Allow statement of the export role and the replication role, flattened. */
function allowedStatements(): { actions: string[]; resources: string[] }[] {
    return harness
        .ofType("aws:iam/rolePolicy:RolePolicy")
        .flatMap((p) => policyOf(p).Statement)
        .filter((s: any) => s.Effect === "Allow")
        .map((s: any) => ({ actions: [s.Action].flat(), resources: [s.Resource].flat() }));
}

describe("the export bucket", () => {
    it("is created with a DNS-compliant generated name, never force-destroyed, and tagged", async () => {
        const cache = await deploy();
        expect(harness.one(S3("Bucket")).inputs).toEqual({
            bucketPrefix: "cache-backup-",
            objectLockEnabled: false,
            forceDestroy: false,
            tags: { "managed-by": "hardened-redis" },
        });
        expect(await promiseOf(cache.backupBucketName)).toBe("cache-backups-id");
        expect(await promiseOf(cache.backupReplicaBucketName)).toBeUndefined();
    });

    it("blocks public access all four ways, encrypts with SSE-S3 and keeps versions", async () => {
        await deploy();
        expect(one(S3("BucketPublicAccessBlock"))).toMatchObject({
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: true,
            restrictPublicBuckets: true,
        });
        expect(one(S3("BucketServerSideEncryptionConfiguration")).rules).toEqual([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ]);
        expect(one(S3("BucketVersioning")).versioningConfiguration).toEqual({ status: "Enabled" });
    });

    it("refuses every request without TLS", async () => {
        await deploy();
        expect(policyOf(harness.one(S3("BucketPolicy"))).Statement).toEqual([
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ]);
    });

    it("moves exports to Glacier Instant Retrieval after 30 days and expires them after a year", async () => {
        await deploy();
        expect(one(S3("BucketLifecycleConfiguration")).rules).toEqual([
            {
                id: "exports",
                status: "Enabled",
                filter: {},
                transitions: [{ days: 30, storageClass: "GLACIER_IR" }],
                expiration: { days: 365 },
                noncurrentVersionExpiration: { noncurrentDays: 30 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
        ]);
    });

    it("grants ElastiCache's canonical user list, write and read-ACL on the bucket in a default region, with ACLs enabled for it", async () => {
        await deploy();
        expect(one(S3("BucketOwnershipControls")).rule).toEqual({ objectOwnership: "BucketOwnerPreferred" });
        const acl = one(S3("BucketAcl")).accessControlPolicy;
        expect(acl.owner).toEqual({ id: OWNER_CANONICAL_ID });
        expect(acl.grants).toEqual([
            { grantee: { type: "CanonicalUser", id: OWNER_CANONICAL_ID }, permission: "FULL_CONTROL" },
            { grantee: { type: "CanonicalUser", id: ELASTICACHE_CANONICAL_ID }, permission: "READ" },
            { grantee: { type: "CanonicalUser", id: ELASTICACHE_CANONICAL_ID }, permission: "WRITE" },
            { grantee: { type: "CanonicalUser", id: ELASTICACHE_CANONICAL_ID }, permission: "READ_ACP" },
        ]);
        expect(harness.one(S3("BucketAcl")).dependencies).toEqual(
            expect.arrayContaining([harness.one(S3("BucketOwnershipControls")).urn, harness.one(S3("BucketPublicAccessBlock")).urn]),
        );
    });

    it("sends the bucket's events to EventBridge, where finished exports are counted", async () => {
        await deploy();
        expect(one(S3("BucketNotification"))).toEqual({ bucket: "cache-backups-id", eventbridge: true });
    });

    it("has no Object Lock by default", async () => {
        await deploy();
        expect(harness.ofType(S3("BucketObjectLockConfiguration"))).toEqual([]);
    });

    it("takes a configured lifecycle", async () => {
        await deploy({ backup: { transitionStorageClass: "DEEP_ARCHIVE", transitionAfterDays: 90, expireAfterDays: 2555 } });
        expect(one(S3("BucketLifecycleConfiguration")).rules[0]).toMatchObject({
            transitions: [{ days: 90, storageClass: "DEEP_ARCHIVE" }],
            expiration: { days: 2555 },
        });
    });

    it("grants the regional ElastiCache service principal by bucket policy in an opt-in region, and nothing by ACL", async () => {
        await deploy({ region: "ap-east-1" });
        expect(one(S3("BucketAcl")).accessControlPolicy.grants).toEqual([
            { grantee: { type: "CanonicalUser", id: OWNER_CANONICAL_ID }, permission: "FULL_CONTROL" },
        ]);
        const statements = policyOf(harness.one(S3("BucketPolicy"))).Statement;
        expect(statements.map((s: any) => s.Sid)).toEqual(["DenyInsecureTransport", "ElastiCacheSnapshotExport"]);
        expect(statements[1]).toEqual({
            Sid: "ElastiCacheSnapshotExport",
            Effect: "Allow",
            Principal: { Service: "ap-east-1.elasticache-snapshot.amazonaws.com" },
            Action: [
                "s3:PutObject",
                "s3:GetObject",
                "s3:ListBucket",
                "s3:GetBucketAcl",
                "s3:ListMultipartUploadParts",
                "s3:ListBucketMultipartUploads",
            ],
            Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
        });
    });

    it("locks exports with Object Lock when asked", async () => {
        await deploy({ backup: { objectLock: { mode: "COMPLIANCE", retentionDays: 35 } } });
        expect(harness.one(S3("Bucket")).inputs.objectLockEnabled).toBe(true);
        expect(one(S3("BucketObjectLockConfiguration")).rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 35 } });
    });
});

describe("the export function", () => {
    it("runs the bundled handler on a current runtime, configured for this group and bucket", async () => {
        await deploy();
        const fn = harness.one("aws:lambda/function:Function").inputs;
        expect(fn).toMatchObject({
            name: "cache-snapshot-export",
            runtime: "nodejs22.x",
            handler: "index.handler",
            timeout: 60,
            environment: { variables: { REPLICATION_GROUP_ID: "cache", TARGET_BUCKET: "cache-backups-id", MAX_SNAPSHOT_AGE_HOURS: "29" } },
            loggingConfig: { logFormat: "JSON", logGroup: "/aws/lambda/cache-snapshot-export" },
        });
        const assets = await fn.code.assets;
        expect(Object.keys(assets)).toEqual(["index.js"]);
        const code: string = await assets["index.js"].text;
        expect(code).toMatch(/__export\(handler_exports, \{[^}]*\bhandler: \(\) => handler\b/);
        expect(code).toContain('require("@aws-sdk/client-elasticache")');
    });

    it("writes to its own log group, encrypted with the cache's key and kept as long as the cache's logs", async () => {
        await deploy();
        const logGroup = harness
            .ofType("aws:cloudwatch/logGroup:LogGroup")
            .find((g) => g.inputs.name === "/aws/lambda/cache-snapshot-export")!.inputs;
        expect(logGroup).toMatchObject({ retentionInDays: 365, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cache-key" });
    });

    it("sends failed invocations, after two retries, to an encrypted failure queue", async () => {
        await deploy();
        expect(harness.one("aws:sqs/queue:Queue").inputs).toMatchObject({
            name: "cache-snapshot-export-failures",
            sqsManagedSseEnabled: true,
            messageRetentionSeconds: 1209600,
        });
        expect(harness.one("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").inputs).toEqual({
            functionName: "cache-snapshot-export",
            maximumRetryAttempts: 2,
            maximumEventAgeInSeconds: 3600,
            destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:123456789012:cache-export-failures" } },
        });
        const queuePolicy = policyOf(harness.one("aws:sqs/queuePolicy:QueuePolicy")).Statement;
        expect(queuePolicy[1]).toEqual({
            Sid: "UndeliveredEvents",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: "arn:aws:sqs:us-east-1:123456789012:cache-export-failures",
            Condition: {
                ArnEquals: {
                    "aws:SourceArn": [
                        "arn:aws:cloudwatch:us-east-1:123456789012:cache-export-schedule",
                        "arn:aws:cloudwatch:us-east-1:123456789012:cache-export-landed",
                    ],
                },
            },
        });
    });

    it("counts exports that landed from its log line", async () => {
        await deploy();
        expect(harness.one("aws:cloudwatch/logMetricFilter:LogMetricFilter").inputs).toEqual(
            exportedSnapshotsFilter("cache", "replicationGroupId", "ReplicationGroupId"),
        );
        expect(exportedSnapshotsFilter("cache", "replicationGroupId", "ReplicationGroupId").pattern).toBe(
            '{ $.event = "snapshot-exported" && $.replicationGroupId = "cache" }',
        );
    });
});

describe("the least-privilege roles", () => {
    it("let Lambda alone assume the export role", async () => {
        await deploy();
        expect(policyOf(harness.one("aws:iam/role:Role")).Statement).toEqual([
            { Sid: "AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
    });

    it("give the export function exactly the documented export permissions, scoped to this group and bucket", async () => {
        await deploy();
        const snapshot = (name: string) => `arn:aws:elasticache:us-east-1:123456789012:snapshot:${name}`;
        expect(policyOf(harness.one("aws:iam/rolePolicy:RolePolicy")).Statement).toEqual([
            { Sid: "ListSnapshots", Effect: "Allow", Action: "elasticache:DescribeSnapshots", Resource: snapshot("*") },
            {
                Sid: "ExportSnapshots",
                Effect: "Allow",
                Action: "elasticache:CopySnapshot",
                Resource: [snapshot("automatic.cache-*"), snapshot("cache-*")],
            },
            { Sid: "ExportBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket"], Resource: BUCKET_ARN },
            {
                Sid: "ExportObjects",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                Resource: `${BUCKET_ARN}/cache-*`,
            },
            { Sid: "ExportBucketLookup", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
            {
                Sid: "WriteLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: "arn:aws:cloudwatch:us-east-1:123456789012:cache-export-logs:*",
            },
            {
                Sid: "ReportFailures",
                Effect: "Allow",
                Action: "sqs:SendMessage",
                Resource: "arn:aws:sqs:us-east-1:123456789012:cache-export-failures",
            },
        ]);
    });

    it("allow no wildcard action, and a wildcard resource only for the one action that has no resource", async () => {
        await deploy({ backup: { replicaRegion: "us-west-2", objectLock: { mode: "GOVERNANCE", retentionDays: 7 } } });
        const statements = allowedStatements();
        expect(statements.length).toBeGreaterThan(8);
        expect(statements.flatMap((s) => s.actions).filter((a) => a.includes("*"))).toEqual([]);
        expect(statements.filter((s) => s.resources.includes("*")).flatMap((s) => s.actions)).toEqual(["s3:ListAllMyBuckets"]);
        expect(
            statements
                .flatMap((s) => s.resources)
                .filter((r) => r !== "*" && /:(\*|[^:/]*\*$)/.test(r.replace(/^arn:aws:s3:::[^/]+\//, ""))),
        ).toEqual([
            "arn:aws:elasticache:us-east-1:123456789012:snapshot:*",
            "arn:aws:elasticache:us-east-1:123456789012:snapshot:automatic.cache-*",
            "arn:aws:elasticache:us-east-1:123456789012:snapshot:cache-*",
            "arn:aws:cloudwatch:us-east-1:123456789012:cache-export-logs:*",
        ]);
    });
});

describe("the schedule", () => {
    it("runs daily an hour after the snapshot window, through EventBridge with retries and a dead-letter queue", async () => {
        await deploy();
        const rules = Object.fromEntries(harness.ofType("aws:cloudwatch/eventRule:EventRule").map((r) => [r.inputs.name, r.inputs]));
        expect(rules["cache-export-schedule"].scheduleExpression).toBe("cron(0 6 * * ? *)");
        const targets = harness.ofType("aws:cloudwatch/eventTarget:EventTarget").map((t) => t.inputs);
        expect(targets).toEqual(
            ["cache-export-schedule", "cache-export-landed"].map((rule) => ({
                rule,
                arn: "arn:aws:lambda:us-east-1:123456789012:cache-export",
                retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
                deadLetterConfig: { arn: "arn:aws:sqs:us-east-1:123456789012:cache-export-failures" },
            })),
        );
        expect(harness.ofType("aws:lambda/permission:Permission").map((p) => p.inputs)).toEqual(
            ["cache-export-schedule", "cache-export-landed"].map((rule) => ({
                function: "cache-snapshot-export",
                action: "lambda:InvokeFunction",
                principal: "events.amazonaws.com",
                sourceArn: `arn:aws:cloudwatch:us-east-1:123456789012:${rule}`,
            })),
        );
    });

    it("hears from S3 when this group's export object is created", async () => {
        await deploy();
        const landed = harness.ofType("aws:cloudwatch/eventRule:EventRule").find((r) => r.inputs.name === "cache-export-landed")!.inputs;
        expect(JSON.parse(landed.eventPattern)).toEqual({
            source: ["aws.s3"],
            "detail-type": ["Object Created"],
            detail: { bucket: { name: ["cache-backups-id"] }, object: { key: [{ prefix: "cache-" }] } },
        });
    });

    it("follows a moved snapshot window", async () => {
        await deploy({ snapshotWindow: "22:30-23:45" });
        expect(
            harness.ofType("aws:cloudwatch/eventRule:EventRule").find((r) => r.inputs.name === "cache-export-schedule")!.inputs
                .scheduleExpression,
        ).toBe("cron(45 0 * * ? *)");
    });

    it("takes a configured schedule and RPO", async () => {
        await deploy({ backup: { schedule: "cron(30 7 ? * * *)", rpoHours: 40 } });
        expect(
            harness.ofType("aws:cloudwatch/eventRule:EventRule").find((r) => r.inputs.name === "cache-export-schedule")!.inputs
                .scheduleExpression,
        ).toBe("cron(30 7 ? * * *)");
        expect(harness.one("aws:lambda/function:Function").inputs.environment.variables.MAX_SNAPSHOT_AGE_HOURS).toBe("40");
        expect(
            harness.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.name === "cache-export-missing")!.inputs.period,
        ).toBe(40 * 3600);
    });
});

describe("the alarms", () => {
    it("fire on function errors, on no export within the RPO and on parked failures, to the notification topic", async () => {
        await deploy();
        const alarms = Object.fromEntries(
            harness
                .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
                .filter((a) => a.inputs.name.startsWith("cache-export-"))
                .map((a) => [a.inputs.name, a.inputs]),
        );
        expect(Object.keys(alarms).sort()).toEqual(["cache-export-errors", "cache-export-failures-queued", "cache-export-missing"]);
        expect(alarms["cache-export-errors"]).toMatchObject({
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: "cache-snapshot-export" },
            statistic: "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
        });
        expect(alarms["cache-export-missing"]).toMatchObject(exportMissingAlarm("cache", "ReplicationGroupId", 29));
        expect(alarms["cache-export-missing"]).toMatchObject({ dimensions: { ReplicationGroupId: "cache" }, period: 104400 });
        expect(alarms["cache-export-failures-queued"]).toMatchObject({
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: "cache-snapshot-export-failures" },
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
        });
        for (const alarm of Object.values(alarms)) {
            expect(alarm).toMatchObject({ alarmActions: [TOPIC_ARN], okActions: [TOPIC_ARN] });
        }
    });

    it("notify a topic the user gives for the component", async () => {
        const topicArn = "arn:aws:sns:us-east-1:123456789012:oncall";
        await deploy({ notifications: { topicArn } });
        const backupAlarms = harness
            .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter((a) => a.inputs.name.startsWith("cache-export-"));
        expect(backupAlarms.map((a) => a.inputs.alarmActions)).toEqual([[topicArn], [topicArn], [topicArn]]);
    });
});

describe("cross-region copies", () => {
    const REPLICA = "cache-backups-replica-id";

    it("replicate every export to a bucket in the other region that is set up like the source", async () => {
        const cache = await deploy({ backup: { replicaRegion: "us-west-2" } });
        expect(await promiseOf(cache.backupReplicaBucketName)).toBe(REPLICA);
        const replica = harness.ofType(S3("Bucket")).find((b) => b.name === "cache-backups-replica")!.inputs;
        expect(replica).toMatchObject({ bucketPrefix: "cache-replica-", region: "us-west-2", forceDestroy: false });
        expect(one(S3("BucketPublicAccessBlock"), REPLICA)).toMatchObject({
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: true,
            restrictPublicBuckets: true,
            region: "us-west-2",
        });
        expect(one(S3("BucketServerSideEncryptionConfiguration"), REPLICA).rules).toEqual([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ]);
        expect(one(S3("BucketVersioning"), REPLICA).versioningConfiguration).toEqual({ status: "Enabled" });
        expect(one(S3("BucketLifecycleConfiguration"), REPLICA).rules[0].expiration).toEqual({ days: 365 });
        expect(one(S3("BucketAcl"), REPLICA).accessControlPolicy.grants.map((g: any) => g.grantee.id)).toEqual([
            OWNER_CANONICAL_ID,
            ...Array(3).fill(ELASTICACHE_CANONICAL_ID),
        ]);
        expect(policyOf(harness.ofType(S3("BucketPolicy")).find(forBucket(REPLICA))!).Statement[0].Resource).toEqual([
            `arn:aws:s3:::${REPLICA}`,
            `arn:aws:s3:::${REPLICA}/*`,
        ]);
        expect(harness.ofType(S3("BucketNotification")).map((n) => n.inputs.bucket)).toEqual(["cache-backups-id"]);
    });

    it("grant ElastiCache in the replica's region the way that region needs", async () => {
        await deploy({ backup: { replicaRegion: "eu-south-1" } });
        expect(one(S3("BucketAcl"), REPLICA).accessControlPolicy.grants).toHaveLength(1);
        expect(policyOf(harness.ofType(S3("BucketPolicy")).find(forBucket(REPLICA))!).Statement[1].Principal).toEqual({
            Service: "eu-south-1.elasticache-snapshot.amazonaws.com",
        });
    });

    it("replicate new versions but not deletions, with a role S3 alone can assume for this account", async () => {
        await deploy({ backup: { replicaRegion: "us-west-2" } });
        const replication = harness.one(S3("BucketReplicationConfig"));
        expect(replication.inputs).toEqual({
            bucket: "cache-backups-id",
            role: "arn:aws:iam:us-east-1:123456789012:cache-backups-replication",
            rules: [
                {
                    id: "cross-region-copy",
                    status: "Enabled",
                    priority: 1,
                    filter: {},
                    deleteMarkerReplication: { status: "Disabled" },
                    destination: { bucket: `arn:aws:s3:::${REPLICA}`, storageClass: "STANDARD" },
                },
            ],
        });
        const versionings = harness.ofType(S3("BucketVersioning")).map((v) => v.urn);
        expect(replication.dependencies).toEqual(expect.arrayContaining(versionings));
        const role = harness.ofType("aws:iam/role:Role").find((r) => r.name === "cache-backups-replication")!;
        expect(policyOf(role).Statement).toEqual([
            {
                Sid: "AssumeRole",
                Effect: "Allow",
                Principal: { Service: "s3.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            },
        ]);
        const policy = harness.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "cache-backups-replication")!;
        expect(policyOf(policy).Statement).toEqual([
            {
                Sid: "ReadReplicationConfiguration",
                Effect: "Allow",
                Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                Resource: BUCKET_ARN,
            },
            {
                Sid: "ReadSourceVersions",
                Effect: "Allow",
                Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                Resource: `${BUCKET_ARN}/*`,
            },
            {
                Sid: "WriteReplicas",
                Effect: "Allow",
                Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                Resource: `arn:aws:s3:::${REPLICA}/*`,
            },
        ]);
    });

    it("lock the replicas like the source, and read the lock settings to copy them", async () => {
        await deploy({ backup: { replicaRegion: "us-west-2", objectLock: { mode: "GOVERNANCE", retentionDays: 14 } } });
        expect(harness.ofType(S3("Bucket")).map((b) => b.inputs.objectLockEnabled)).toEqual([true, true]);
        expect(one(S3("BucketObjectLockConfiguration"), REPLICA).rule).toEqual({ defaultRetention: { mode: "GOVERNANCE", days: 14 } });
        const policy = harness.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "cache-backups-replication")!;
        expect(policyOf(policy).Statement[1].Action).toEqual(expect.arrayContaining(["s3:GetObjectRetention", "s3:GetObjectLegalHold"]));
    });
});

describe("backup options", () => {
    it("passes tags to every taggable backup child and the right region to every regional one", async () => {
        await deploy({ region: "eu-west-1", tags: { team: "payments" }, backup: { replicaRegion: "eu-central-1" } });
        const backupChildren = harness.resources.filter(
            (r) => /^aws:(s3|lambda|sqs|iam)\/|eventRule|eventTarget|logMetricFilter/.test(r.type) || /^cache-export/.test(r.name),
        );
        const untaggable = /bucket[A-Z]|eventTarget|logMetricFilter|permission|functionEventInvokeConfig|queuePolicy|rolePolicy/;
        for (const child of backupChildren.filter((r) => !untaggable.test(r.type))) {
            expect([child.type, child.name, child.inputs.tags]).toEqual([
                child.type,
                child.name,
                { "managed-by": "hardened-redis", team: "payments" },
            ]);
        }
        for (const child of backupChildren.filter((r) => !r.type.startsWith("aws:iam/"))) {
            const expected = /^cache-backups-replica(-|$)/.test(child.name) ? "eu-central-1" : "eu-west-1";
            expect([child.type, child.name, child.inputs.region]).toEqual([child.type, child.name, expected]);
        }
        expect(harness.one(S3("BucketReplicationConfig")).inputs.region).toBe("eu-west-1");
    });

    it("exports to a bucket the user gives, and leaves that bucket alone", async () => {
        const cache = await deploy({ backup: { bucketName: "org-redis-backups" } });
        expect(harness.resources.filter((r) => r.type.startsWith("aws:s3/"))).toEqual([]);
        expect(await promiseOf(cache.backupBucketName)).toBe("org-redis-backups");
        expect(harness.one("aws:lambda/function:Function").inputs.environment.variables.TARGET_BUCKET).toBe("org-redis-backups");
        const statements = policyOf(harness.one("aws:iam/rolePolicy:RolePolicy")).Statement;
        expect(statements.find((s: any) => s.Sid === "ExportObjects").Resource).toBe("arn:aws:s3:::org-redis-backups/cache-*");
    });

    it("creates nothing for backups when they are off", async () => {
        const cache = await deploy({ backup: { enabled: false } });
        expect(harness.resources.filter((r) => /^aws:(s3|lambda|sqs|iam)\//.test(r.type))).toEqual([]);
        expect(harness.ofType("aws:cloudwatch/eventRule:EventRule")).toEqual([]);
        expect(await promiseOf(cache.backupBucketName)).toBeUndefined();
    });
});

describe("restoreFrom", () => {
    const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

    it("creates the replication group from a named snapshot", async () => {
        await deploy({ restoreFrom: { snapshotName: "automatic.orders-2025-03-10-03-14" } });
        expect(harness.one(GROUP).inputs.snapshotName).toBe("automatic.orders-2025-03-10-03-14");
        expect(harness.one(GROUP).inputs.snapshotArns).toBeUndefined();
    });

    it("creates the replication group from an exported .rdb file", async () => {
        const arn = "arn:aws:s3:::orders-backup-abc/orders-20250310-031405-0001.rdb";
        await deploy({ restoreFrom: { snapshotArns: [arn] } });
        expect(harness.one(GROUP).inputs.snapshotArns).toEqual([arn]);
        expect(harness.one(GROUP).inputs.snapshotName).toBeUndefined();
    });

    it("creates an empty replication group by default", async () => {
        await deploy();
        expect(harness.one(GROUP).inputs).not.toHaveProperty("snapshotName");
        expect(harness.one(GROUP).inputs).not.toHaveProperty("snapshotArns");
    });
});
