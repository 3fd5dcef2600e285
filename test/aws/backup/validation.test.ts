import { MockHarness } from "../../support/harness";

const harness = new MockHarness();
let components: typeof import("hardened-redis");

const BASE_ARGS = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-a", "subnet-b"], allowedSecurityGroupIds: ["sg-0client"] };

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
});

describe("bad backup and restore arguments", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
        [
            "a schedule that is no expression",
            { backup: { schedule: "daily" } },
            /backup\.schedule is "daily"\. Allowed: an EventBridge expression in UTC/,
        ],
        [
            "a cron with five fields",
            { backup: { schedule: "cron(0 6 * * *)" } },
            /backup\.schedule is "cron\(0 6 \* \* \*\)", which has 5 fields instead of 6/,
        ],
        [
            "a monthly cron",
            { backup: { schedule: "cron(0 6 1 * ? *)" } },
            /backup\.schedule is "cron\(0 6 1 \* \? \*\)", which does not run every week\. Allowed: an EventBridge expression/,
        ],
        ["a cron in some years only", { backup: { schedule: "cron(0 6 * * ? 2030)" } }, /which does not run every week/],
        [
            "a cron without a question mark",
            { backup: { schedule: "cron(0 6 * * MON *)" } },
            /backup\.schedule is "cron\(0 6 \* \* MON \*\)"\. Allowed: exactly one "\?"/,
        ],
        ["an hour out of range", { backup: { schedule: "cron(0 25 * * ? *)" } }, /and "25" is not a value from 0 to 23/],
        ["an unknown day", { backup: { schedule: "cron(0 6 ? * MOX *)" } }, /and "MOX" is not a value from 1 to 7 or SUN, MON/],
        ["a backwards range", { backup: { schedule: "cron(0 9-6 * * ? *)" } }, /and "9-6" is an empty range/],
        [
            "a rate with a mismatched unit",
            { backup: { schedule: "rate(1 hours)" } },
            /backup\.schedule is "rate\(1 hours\)"\. Allowed: a positive rate with a matching unit/,
        ],
        ["a zero rate", { backup: { schedule: "rate(0 days)" } }, /backup\.schedule is "rate\(0 days\)"/],
        [
            "more runs than ElastiCache allows manual backups",
            { backup: { schedule: "rate(30 minutes)" } },
            /runs up to 48 times in 24 hours\. Allowed: at most 20 runs in any 24 hours, the number of manual backups/,
        ],
        [
            "a weekly schedule",
            { backup: { schedule: "cron(0 6 ? * MON *)" } },
            /backup\.schedule is "cron\(0 6 \? \* MON \*\)", which lets the newest export get 172 hours old, more than the RPO of 168 hours/,
        ],
        [
            "a schedule that misses the RPO",
            { backup: { schedule: "cron(0 4 * * ? *)", rpoHours: 30 } },
            /lets the newest export get 50 hours old, more than the RPO of 30 hours\. Allowed: .*the default, daily an hour after the window, keeps exports within 28 hours/,
        ],
        [
            "an RPO that snapshots cannot meet",
            { backup: { rpoHours: 1 } },
            /backup\.rpoHours is 1, but ElastiCache takes one automatic snapshot a day: .* exported snapshots are up to 27 hours old\. Allowed: 27 to 168 hours\. For a lower recovery point, add a Global Datastore/,
        ],
        [
            "an RPO beyond what an alarm can watch",
            { backup: { rpoHours: 200 } },
            /backup\.rpoHours is 200\. Allowed: a whole number from 27 to 168/,
        ],
        ["a fractional RPO", { backup: { rpoHours: 30.5 } }, /backup\.rpoHours is 30\.5\. Allowed: a whole number from 27 to 168/],
        [
            "an unknown storage class",
            { backup: { transitionStorageClass: "ONEZONE_IA" } },
            /backup\.transitionStorageClass is "ONEZONE_IA"\. Allowed: "GLACIER_IR", "STANDARD_IA", "GLACIER", "DEEP_ARCHIVE"/,
        ],
        [
            "a transition to Standard-IA before day 30",
            { backup: { transitionStorageClass: "STANDARD_IA", transitionAfterDays: 10 } },
            /backup\.transitionAfterDays is 10\. Allowed: a whole number from 30 to 36500/,
        ],
        [
            "a transition on day 0",
            { backup: { transitionAfterDays: 0 } },
            /backup\.transitionAfterDays is 0\. Allowed: a whole number from 1 to 36500/,
        ],
        [
            "an expiry before the minimum storage duration",
            { backup: { expireAfterDays: 60 } },
            /backup\.expireAfterDays is 60, which deletes exports 30 days after they move to GLACIER_IR, a class that bills at least 90 days\. Allowed: 120 days or more/,
        ],
        ["a fractional expiry", { backup: { expireAfterDays: 400.5 } }, /backup\.expireAfterDays is 400\.5\. Allowed: a whole number/],
        [
            "an unknown Object Lock mode",
            { backup: { objectLock: { mode: "LEGAL_HOLD", retentionDays: 30 } } },
            /backup\.objectLock\.mode is "LEGAL_HOLD"\. Allowed: "GOVERNANCE", "COMPLIANCE"/,
        ],
        [
            "an Object Lock of no days",
            { backup: { objectLock: { mode: "GOVERNANCE", retentionDays: 0 } } },
            /backup\.objectLock\.retentionDays is 0\. Allowed: a whole number from 1/,
        ],
        [
            "a lock longer than the exports live",
            { backup: { objectLock: { mode: "COMPLIANCE", retentionDays: 400 } } },
            /backup\.objectLock\.retentionDays is 400, longer than backup\.expireAfterDays \(365\), so exports would expire while still locked\. Allowed: 1 to 365 days/,
        ],
        [
            "a replica region that is no region",
            { backup: { replicaRegion: "Oregon" } },
            /backup\.replicaRegion is "Oregon"\. Allowed: an AWS region that @pulumi\/aws knows/,
        ],
        [
            "a replica in the cache's own region",
            { region: "eu-west-1", backup: { replicaRegion: "eu-west-1" } },
            /backup\.replicaRegion is "eu-west-1", the cache's own region/,
        ],
        [
            "a bucket name S3 refuses",
            { backup: { bucketName: "Team_Backups" } },
            /backup\.bucketName is "Team_Backups"\. Allowed: a DNS-compliant bucket name/,
        ],
        ["a bucket name shaped like an IP address", { backup: { bucketName: "10.0.0.1" } }, /backup\.bucketName is "10\.0\.0\.1"/],
        [
            "Object Lock for the user's own bucket",
            { backup: { bucketName: "org-backups", objectLock: { mode: "GOVERNANCE", retentionDays: 7 } } },
            /backup\.objectLock is set together with backup\.bucketName/,
        ],
        [
            "a replica of the user's own bucket",
            { backup: { bucketName: "org-backups", replicaRegion: "us-west-2" } },
            /backup\.replicaRegion is set together with backup\.bucketName/,
        ],
        [
            "settings for backups that are off",
            { backup: { enabled: false, schedule: "rate(1 day)" } },
            /backup\.schedule is set while backup\.enabled is false/,
        ],
        [
            "exports of a data tiering node",
            { nodeType: "cache.r6gd.xlarge" },
            /backup\.enabled is true, but node type "cache\.r6gd\.xlarge" uses data tiering, whose snapshots ElastiCache cannot export to S3/,
        ],
        [
            "both kinds of restore source",
            { restoreFrom: { snapshotName: "automatic.orders-2025-03-10-03-14", snapshotArns: ["arn:aws:s3:::b-1/x.rdb"] } },
            /restoreFrom names both a snapshotName and snapshotArns\. Allowed: exactly one of/,
        ],
        ["no restore source", { restoreFrom: {} }, /restoreFrom names neither a snapshotName nor snapshotArns/],
        ["a bad snapshot name", { restoreFrom: { snapshotName: "-nightly" } }, /restoreFrom\.snapshotName is "-nightly"/],
        [
            "two .rdb files",
            { restoreFrom: { snapshotArns: ["arn:aws:s3:::b-1/a-0001.rdb", "arn:aws:s3:::b-1/a-0002.rdb"] } },
            /restoreFrom\.snapshotArns has 2 entries\. Allowed: exactly one \.rdb file/,
        ],
        ["no .rdb file", { restoreFrom: { snapshotArns: [] } }, /restoreFrom\.snapshotArns has 0 entries/],
        [
            "an ARN of something other than an .rdb",
            { restoreFrom: { snapshotArns: ["arn:aws:s3:::backups/orders.json"] } },
            /restoreFrom\.snapshotArns\[0\] is "arn:aws:s3:::backups\/orders\.json"\. Allowed: the S3 ARN of an \.rdb file/,
        ],
        [
            "an .rdb ARN with a comma",
            { restoreFrom: { snapshotArns: ["arn:aws:s3:::backups/a,b.rdb"] } },
            /restoreFrom\.snapshotArns\[0\] is "arn:aws:s3:::backups\/a,b\.rdb"/,
        ],
        [
            "an S3 URI instead of an ARN",
            { restoreFrom: { snapshotArns: ["s3://backups/a.rdb"] } },
            /restoreFrom\.snapshotArns\[0\] is "s3:\/\/backups\/a\.rdb"/,
        ],
    ];

    it.each(cases)("refuses %s at construction, before any resource exists", (_, args, message) => {
        harness.reset();
        const construct = () => new components.ElastiCacheRedis("bad", { ...BASE_ARGS, ...args } as any);
        expect(construct).toThrow(message);
        expect(construct).toThrow(components.InvalidArgumentError);
        expect(construct).toThrow(/^ElastiCacheRedis "bad": /);
        expect(harness.resources).toEqual([]);
    });
});
