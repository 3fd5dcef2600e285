import { evaluatePolicies, toPlannedResource } from "hardened-redis-gate";
import { InvalidArgumentError } from "../../../components/shared/validation";
import { validateElastiCacheRedisArgs } from "../../../components/aws/elasticache-redis-settings";
import { CANARY_KEY, drillGroupPrefix } from "../../../components/aws/restore-drill/contract";
import { restoreDrillDefinition } from "../../../components/aws/restore-drill/definition";
import { BASE_ARGS, CacheArgs, cacheDeployer } from "../deploy-cache";
import {
    MOCK_ACCOUNT_ID,
    MockHarness,
    RecordedResource,
    isSecretValue,
    mockPassword,
    plainStrings,
    promiseOf,
    unwrapSecret,
} from "../../support/harness";

const harness = new MockHarness({
    "aws:s3/getCanonicalUserId:getCanonicalUserId": () => ({
        id: "4f1e0c5e9d3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f",
        displayName: "",
    }),
});
const deploy = cacheDeployer(harness);

const REGION = "us-east-1";
const arn = (service: string, name: string) => `arn:aws:${service}:${REGION}:${MOCK_ACCOUNT_ID}:${name}`;
const CONTROL_ARN = arn("lambda", "cache-restore-drill");
const VALIDATE_ARN = arn("lambda", "cache-restore-validate");
const MACHINE_ARN = arn("sfn", "cache-restore-drill");
const named = (type: string, name: string) => harness.one(type, name).inputs;
const policyOf = (name: string) => JSON.parse(named("aws:iam/rolePolicy:RolePolicy", name).policy);
const statements = (name: string) => policyOf(name).Statement as any[];
const sid = (name: string, id: string) => statements(name).find((s) => s.Sid === id);

describe("the restore drill with default arguments", () => {
    it("runs the state machine weekly, on Wednesday two hours after the snapshot window, through a role that may only start it", async () => {
        const cache = await deploy();
        expect(named("aws:cloudwatch/eventRule:EventRule", "cache-restore-drill-schedule")).toMatchObject({
            name: "cache-restore-drill-schedule",
            scheduleExpression: "cron(0 7 ? * WED *)",
        });
        expect(named("aws:cloudwatch/eventTarget:EventTarget", "cache-restore-drill-schedule")).toMatchObject({
            arn: MACHINE_ARN,
            roleArn: arn("iam", "cache-restore-drill-schedule"),
            input: "{}",
        });
        expect(policyOf("cache-restore-drill-schedule")).toEqual({
            Version: "2012-10-17",
            Statement: [{ Sid: "StartDrill", Effect: "Allow", Action: "states:StartExecution", Resource: MACHINE_ARN }],
        });
        expect(JSON.parse(named("aws:iam/role:Role", "cache-restore-drill-schedule").assumeRolePolicy).Statement).toEqual([
            {
                Sid: "AssumeRole",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
            },
        ]);
        expect(await promiseOf(cache.restoreDrillStateMachineArn)).toBe(MACHINE_ARN);
    });

    it("deploys the definition the tests execute, invoking the two drill functions and nothing else", async () => {
        await deploy();
        const machine = named("aws:sfn/stateMachine:StateMachine", "cache-restore-drill");
        expect(machine).toMatchObject({
            name: "cache-restore-drill",
            type: "STANDARD",
            roleArn: arn("iam", "cache-restore-drill-machine"),
        });
        expect(JSON.parse(machine.definition)).toEqual(
            restoreDrillDefinition({
                controlFunctionArn: CONTROL_ARN,
                validateFunctionArn: VALIDATE_ARN,
                pollSeconds: 60,
                maxPolls: 120,
                maxCanaryAgeSeconds: 300,
                keyCountTolerancePercent: 1,
                sampleSize: 20,
            }),
        );
        expect(statements("cache-restore-drill-machine")).toEqual([
            { Sid: "InvokeDrillFunctions", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [CONTROL_ARN, VALIDATE_ARN] },
        ]);
    });

    it("writes the canary every minute and runs the watchdog hourly", async () => {
        await deploy();
        expect(named("aws:cloudwatch/eventRule:EventRule", "cache-restore-canary-schedule").scheduleExpression).toBe("rate(1 minute)");
        expect(named("aws:cloudwatch/eventTarget:EventTarget", "cache-restore-canary-schedule").arn).toBe(
            arn("lambda", "cache-restore-canary"),
        );
        expect(named("aws:cloudwatch/eventRule:EventRule", "cache-restore-drill-watchdog").scheduleExpression).toBe("rate(1 hour)");
        expect(named("aws:cloudwatch/eventTarget:EventTarget", "cache-restore-drill-watchdog")).toMatchObject({
            arn: CONTROL_ARN,
            input: '{"action":"watchdog"}',
        });
        for (const rule of ["cache-restore-canary-schedule", "cache-restore-drill-watchdog"]) {
            expect(named("aws:lambda/permission:Permission", rule)).toMatchObject({
                principal: "events.amazonaws.com",
                sourceArn: arn("cloudwatch", rule),
            });
        }
    });

    it("gives the canary an ACL user that may only SET and GET its key, and the validation the read-only role, with generated passwords in Secrets Manager", async () => {
        await deploy();
        expect(named("aws:elasticache/user:User", "cache-user-restore-canary")).toMatchObject({
            userName: "restore-canary",
            accessString: `on ~${CANARY_KEY} -@all +set +get`,
        });
        expect(named("aws:elasticache/user:User", "cache-user-restore-drill")).toMatchObject({
            userName: "restore-drill",
            accessString: "on ~* &* -@all +@read +@connection -@dangerous",
        });
        expect(named("aws:elasticache/userGroup:UserGroup", "cache-users").userIds).toEqual([
            "cache-default-off",
            "cache-app",
            "cache-restore-canary",
            "cache-restore-drill",
        ]);
        for (const user of ["restore-canary", "restore-drill"]) {
            const version = named("aws:secretsmanager/secretVersion:SecretVersion", `cache-${user}-credentials`);
            expect(JSON.parse(unwrapSecret(version.secretString))).toMatchObject({
                username: user,
                password: mockPassword(`cache-${user}-password`),
                port: 6380,
                tls: true,
            });
            expect(named("aws:secretsmanager/secret:Secret", `cache-${user}-credentials`).kmsKeyId).toBe(
                "arn:aws:kms:us-east-1:123456789012:key/cache-key",
            );
        }
    });

    it("keeps every password out of every non-secret input, the functions' environment included", async () => {
        await deploy();
        const passwords = harness.ofType("random:index/randomPassword:RandomPassword").map((p) => mockPassword(p.name));
        expect(passwords).toHaveLength(4);
        const leaks = harness.resources.flatMap((r) =>
            plainStrings(r.inputs)
                .filter((s) => passwords.some((p) => s.includes(p)))
                .map(() => `${r.type} ${r.name}`),
        );
        expect(leaks).toEqual([]);
        expect(named("aws:lambda/function:Function", "cache-restore-canary").environment.variables).toEqual({
            CREDENTIALS_SECRET_ARN: arn("secretsmanager", "cache-restore-canary-credentials"),
            CANARY_KEY,
        });
        expect(isSecretValue(named("aws:secretsmanager/secretVersion:SecretVersion", "cache-restore-drill-credentials").secretString)).toBe(
            true,
        );
    });

    it("runs the canary and the validation in the cache's subnets with a group of their own, which the cache admits as one more named source", async () => {
        await deploy();
        for (const fn of ["cache-restore-canary", "cache-restore-validate"]) {
            expect(named("aws:lambda/function:Function", fn).vpcConfig).toEqual({
                subnetIds: ["subnet-a", "subnet-b"],
                securityGroupIds: ["sg-cache-restore-drill-sg"],
            });
        }
        expect(named("aws:lambda/function:Function", "cache-restore-drill").vpcConfig).toBeUndefined();
        expect(named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "cache-ingress-restore-drill")).toMatchObject({
            securityGroupId: "sg-cache-sg",
            referencedSecurityGroupId: "sg-cache-restore-drill-sg",
            ipProtocol: "tcp",
            fromPort: 6380,
            toPort: 6380,
        });
        const egress = harness
            .ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
            .map((r) => r.inputs)
            .sort((a, b) => b.fromPort - a.fromPort);
        expect(
            egress.map(({ securityGroupId, fromPort, toPort, referencedSecurityGroupId, cidrIpv4 }) => ({
                securityGroupId,
                fromPort,
                toPort,
                referencedSecurityGroupId,
                cidrIpv4,
            })),
        ).toEqual([
            {
                securityGroupId: "sg-cache-restore-drill-sg",
                fromPort: 6380,
                toPort: 6380,
                referencedSecurityGroupId: "sg-cache-sg",
                cidrIpv4: undefined,
            },
            {
                securityGroupId: "sg-cache-restore-drill-sg",
                fromPort: 443,
                toPort: 443,
                referencedSecurityGroupId: undefined,
                cidrIpv4: "0.0.0.0/0",
            },
        ]);
    });

    it("lets the drill create and delete only groups with its own prefix and tag, from this cache's snapshots, subnets, users and parameters", async () => {
        await deploy();
        const ec = (type: string, name: string) => `arn:aws:elasticache:${REGION}:${MOCK_ACCOUNT_ID}:${type}:${name}`;
        expect(sid("cache-restore-drill", "CreateDrillGroups")).toEqual({
            Sid: "CreateDrillGroups",
            Effect: "Allow",
            Action: "elasticache:CreateReplicationGroup",
            Resource: [
                ec("replicationgroup", "drill-cache-*"),
                ec("cluster", "drill-cache-*"),
                ec("snapshot", "automatic.cache-*"),
                ec("parametergroup", "cache-redis7"),
                ec("subnetgroup", "cache-subnets"),
                ec("usergroup", "cache-users"),
            ],
            Condition: {
                StringEquals: { "aws:RequestTag/hardened-redis:restore-drill-of": "cache" },
                StringEqualsIgnoreCase: { "elasticache:CacheNodeType": "cache.r7g.large" },
            },
        });
        expect(sid("cache-restore-drill", "DeleteDrillGroups")).toEqual({
            Sid: "DeleteDrillGroups",
            Effect: "Allow",
            Action: "elasticache:DeleteReplicationGroup",
            Resource: [ec("replicationgroup", "drill-cache-*"), ec("cluster", "drill-cache-*")],
            Condition: { StringEquals: { "aws:ResourceTag/hardened-redis:restore-drill-of": "cache" } },
        });
        expect(sid("cache-restore-drill", "PublishDrillMetrics").Condition).toEqual({
            StringEquals: { "cloudwatch:namespace": "HardenedRedis/RestoreDrill" },
        });
        expect(sid("cache-restore-drill", "EncryptDrillGroups")).toMatchObject({
            Resource: "arn:aws:kms:us-east-1:123456789012:key/cache-key",
            Condition: { StringEquals: { "kms:ViaService": "elasticache.us-east-1.amazonaws.com" } },
        });
        // Nothing else of ElastiCache may be created, changed or deleted, and "*" only where the API has no resource to scope to.
        const drillPolicies = ["cache-restore-drill", "cache-restore-canary", "cache-restore-validate"].flatMap(statements);
        const writes = drillPolicies.filter((s) =>
            [s.Action].flat().some((a: string) => /^elasticache:(Create|Delete|Modify|AddTags)/.test(a)),
        );
        expect(writes.map((s) => s.Sid).sort()).toEqual(["CreateDrillGroups", "DeleteDrillGroups", "TagDrillGroups"]);
        const unscoped = drillPolicies.filter((s) => [s.Resource].flat().includes("*")).flatMap((s) => [s.Action].flat());
        expect(unscoped.sort()).toEqual(
            [
                "cloudwatch:GetMetricStatistics",
                "cloudwatch:PutMetricData",
                ...[1, 2].flatMap(() => [
                    "ec2:AssignPrivateIpAddresses",
                    "ec2:CreateNetworkInterface",
                    "ec2:DeleteNetworkInterface",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSubnets",
                    "ec2:UnassignPrivateIpAddresses",
                ]),
            ].sort(),
        );
        expect(sid("cache-restore-canary", "ReadCredentials").Resource).toBe(arn("secretsmanager", "cache-restore-canary-credentials"));
        expect(sid("cache-restore-validate", "ReadCredentials").Resource).toBe(arn("secretsmanager", "cache-restore-drill-credentials"));
    });

    it("alarms on a failed drill, a missing drill, RTO and RPO above the objectives and a failing canary, to the encrypted topic", async () => {
        await deploy();
        const alarm = (suffix: string) => named("aws:cloudwatch/metricAlarm:MetricAlarm", `cache-${suffix}`);
        const topic = arn("sns", "cache-notifications");
        const summary = (suffix: string) => {
            const a = alarm(suffix);
            return [
                a.name,
                a.namespace,
                a.metricName,
                a.statistic,
                a.period,
                a.comparisonOperator,
                a.threshold,
                a.treatMissingData,
                a.alarmActions,
                a.okActions,
            ];
        };
        expect(summary("restore-drill-failed")).toEqual([
            "cache-restore-drill-failed",
            "HardenedRedis/RestoreDrill",
            "RestoreDrillSucceeded",
            "Minimum",
            3600,
            "LessThanThreshold",
            1,
            "ignore",
            [topic],
            [topic],
        ]);
        // Weekly: 7 days between runs plus a whole drill (twice the RTO of 60 minutes, plus 2 hours).
        expect(summary("restore-drill-missing")).toEqual([
            "cache-restore-drill-missing",
            "HardenedRedis/RestoreDrill",
            "RestoreDrillSecondsSinceSuccess",
            "Maximum",
            7200,
            "GreaterThanThreshold",
            7 * 86400 + 4 * 3600,
            "breaching",
            [topic],
            [topic],
        ]);
        expect(summary("restore-drill-rto")).toEqual([
            "cache-restore-drill-rto",
            "HardenedRedis/RestoreDrill",
            "RestoreDrillRtoSeconds",
            "Maximum",
            3600,
            "GreaterThanThreshold",
            3600,
            "ignore",
            [topic],
            [topic],
        ]);
        expect(summary("restore-drill-rpo")).toEqual([
            "cache-restore-drill-rpo",
            "HardenedRedis/RestoreDrill",
            "RestoreDrillRpoSeconds",
            "Maximum",
            3600,
            "GreaterThanThreshold",
            300,
            "ignore",
            [topic],
            [topic],
        ]);
        expect(alarm("restore-canary-errors")).toMatchObject({
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: "cache-restore-canary" },
        });
        expect(alarm("restore-drill-rto").dimensions).toEqual({ ReplicationGroupId: "cache" });
    });

    it("adds the drill's outcome, RTO and RPO panels to the dashboard", async () => {
        await deploy();
        const widgets = JSON.parse(named("aws:cloudwatch/dashboard:Dashboard", "cache-dashboard").dashboardBody).widgets;
        const drill = widgets.filter((w: any) => w.properties.metrics[0][0] === "HardenedRedis/RestoreDrill");
        expect(drill.map((w: any) => [w.properties.title, w.properties.metrics, w.properties.annotations.horizontal])).toEqual([
            [
                "cache: Restore drills (1 succeeded, 0 failed)",
                [["HardenedRedis/RestoreDrill", "RestoreDrillSucceeded", "ReplicationGroupId", "cache"]],
                [],
            ],
            [
                "cache: Restore drill RTO (s)",
                [["HardenedRedis/RestoreDrill", "RestoreDrillRtoSeconds", "ReplicationGroupId", "cache"]],
                [{ label: "RTO 60 min", value: 3600 }],
            ],
            [
                "cache: Restore drill RPO (s)",
                [["HardenedRedis/RestoreDrill", "RestoreDrillRpoSeconds", "ReplicationGroupId", "cache"]],
                [{ label: "RPO 5 min", value: 300 }],
            ],
        ]);
    });

    it("passes every rule of the policy pack with no finding", async () => {
        await deploy();
        const violations = await evaluatePolicies(harness.resources.map(toPlannedResource));
        expect(violations.map((v) => `${v.policyName} on ${v.resourceName}`)).toEqual([]);
    });
});

describe("the restore drill from exports", () => {
    const EC_ID = "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353";
    const OWNER_ID = "4f1e0c5e9d3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f";
    const exportStatements = (name: string) => statements(name).filter((s) => [s.Action].flat().some((a: string) => a.startsWith("s3:")));

    it("lists only the group's exports and lets ElastiCache read only them, by exactly the object ACL grant, in a region enabled by default", async () => {
        const cache = await deploy();
        const bucket = await promiseOf(cache.backupBucketName);
        expect(exportStatements("cache-restore-drill")).toEqual([
            {
                Sid: "ListExports",
                Effect: "Allow",
                Action: "s3:ListBucket",
                Resource: `arn:aws:s3:::${bucket}`,
                Condition: { StringEquals: { "s3:prefix": "cache-" } },
            },
            {
                Sid: "LetElastiCacheReadExports",
                Effect: "Allow",
                Action: "s3:PutObjectAcl",
                Resource: `arn:aws:s3:::${bucket}/cache-????????-??????-????.rdb`,
                Condition: {
                    StringEquals: {
                        "s3:x-amz-grant-full-control": `id=${OWNER_ID}`,
                        "s3:x-amz-grant-read": `id=${EC_ID}`,
                        "s3:x-amz-grant-read-acp": `id=${EC_ID}`,
                        "s3:x-amz-grant-write-acp": `id=${EC_ID}`,
                    },
                    Null: { "s3:x-amz-acl": "true", "s3:x-amz-grant-write": "true" },
                },
            },
        ]);
        expect(named("aws:lambda/function:Function", "cache-restore-drill").environment.variables).toMatchObject({
            EXPORT_BUCKET: bucket,
            PARTITION: "aws",
            ELASTICACHE_CANONICAL_USER_ID: EC_ID,
            OWNER_CANONICAL_USER_ID: OWNER_ID,
        });
        // The grant is the drill's, at run time, on export objects only: the bucket's own ACL and policy do not change.
        expect(
            statements("cache-restore-canary")
                .concat(statements("cache-restore-validate"))
                .filter((s) => [s.Action].flat().some((a: string) => a.startsWith("s3:"))),
        ).toEqual([]);
    });

    it("in an opt-in region only lists the exports: the bucket policy already lets ElastiCache read them", async () => {
        const cache = await deploy({ region: "ap-east-1" });
        const bucket = await promiseOf(cache.backupBucketName);
        expect(exportStatements("cache-restore-drill")).toEqual([
            {
                Sid: "ListExports",
                Effect: "Allow",
                Action: "s3:ListBucket",
                Resource: `arn:aws:s3:::${bucket}`,
                Condition: { StringEquals: { "s3:prefix": "cache-" } },
            },
        ]);
        const variables = named("aws:lambda/function:Function", "cache-restore-drill").environment.variables;
        expect(variables).toMatchObject({ EXPORT_BUCKET: bucket, PARTITION: "aws" });
        expect(Object.keys(variables)).not.toContain("ELASTICACHE_CANONICAL_USER_ID");
        const violations = await evaluatePolicies(harness.resources.map(toPlannedResource));
        expect(violations.map((v) => `${v.policyName} on ${v.resourceName}`)).toEqual([]);
    });

    it("restores snapshots, with no S3 access, when exports are off", async () => {
        await deploy({ backup: { enabled: false } });
        expect(exportStatements("cache-restore-drill")).toEqual([]);
        expect(
            Object.keys(named("aws:lambda/function:Function", "cache-restore-drill").environment.variables).filter((k) =>
                /EXPORT|CANONICAL|PARTITION/.test(k),
            ),
        ).toEqual([]);
        expect(harness.ofType("aws:s3/bucket:Bucket")).toEqual([]);
    });
});

describe("the restore drill of a cluster-mode group", () => {
    it("is on by default, tells the control function the shard count, and gives the drill users the configuration endpoint", async () => {
        await deploy({ shards: 3 });
        expect(named("aws:lambda/function:Function", "cache-restore-drill").environment.variables.SHARDS).toBe("3");
        for (const user of ["restore-canary", "restore-drill"]) {
            const value = JSON.parse(
                unwrapSecret(named("aws:secretsmanager/secretVersion:SecretVersion", `cache-${user}-credentials`).secretString),
            );
            expect(value).toMatchObject({
                username: user,
                host: "clustercfg.cache.abc123.us-east-1.cache.amazonaws.com",
                cluster: true,
                tls: true,
                port: 6380,
            });
        }
        expect(named("aws:sfn/stateMachine:StateMachine", "cache-restore-drill").name).toBe("cache-restore-drill");
    });

    it("keeps every password out of every non-secret input", async () => {
        await deploy({ shards: 3 });
        const passwords = harness.ofType("random:index/randomPassword:RandomPassword").map((p) => mockPassword(p.name));
        expect(passwords).toHaveLength(4);
        expect(
            harness.resources.flatMap((r) =>
                plainStrings(r.inputs)
                    .filter((text) => passwords.some((p) => text.includes(p)))
                    .map(() => `${r.type} ${r.name}`),
            ),
        ).toEqual([]);
    });

    it("passes every rule of the policy pack with no finding", async () => {
        await deploy({ shards: 3 });
        const violations = await evaluatePolicies(harness.resources.map(toPlannedResource));
        expect(violations.map((v) => `${v.policyName} on ${v.resourceName}`)).toEqual([]);
    });
});

describe("the restore drill of a group with a 40-character id", () => {
    const GROUP = "orders-eu-west-1-production-cache-abcdef";

    it("gives its users ids within 40 characters, and lets the drill create only groups with the prefix it names them with", async () => {
        expect(GROUP).toHaveLength(40);
        await deploy({ replicationGroupId: GROUP });
        const userIds = harness.ofType("aws:elasticache/user:User").map((u) => u.inputs.userId as string);
        const drillUsers = userIds.filter((id) => /restore-(canary|drill)$/.test(id));
        expect(drillUsers).toHaveLength(2);
        for (const id of drillUsers) expect(id.length).toBeLessThanOrEqual(40);
        const prefix = drillGroupPrefix(GROUP);
        expect(sid("cache-restore-drill", "CreateDrillGroups").Resource.slice(0, 2)).toEqual([
            `arn:aws:elasticache:${REGION}:${MOCK_ACCOUNT_ID}:replicationgroup:${prefix}*`,
            `arn:aws:elasticache:${REGION}:${MOCK_ACCOUNT_ID}:cluster:${prefix}*`,
        ]);
        expect(prefix.length + 8).toBeLessThanOrEqual(40);
    });
});

describe("switching the restore drill", () => {
    const DRILL_TYPES = ["aws:sfn/stateMachine:StateMachine", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"];
    const drillResources = (r: RecordedResource) => DRILL_TYPES.includes(r.type) || /restore/.test(r.name);

    it("creates none of it with enabled: false: no users, no functions, no ingress", async () => {
        const cache = await deploy({ restoreDrill: { enabled: false } });
        expect(harness.resources.filter(drillResources).map((r) => r.name)).toEqual([]);
        expect(await promiseOf(cache.restoreDrillStateMachineArn)).toBeUndefined();
    });

    it("applies rpoMinutes, rtoMinutes and the schedule given", async () => {
        await deploy({ restoreDrill: { rpoMinutes: 10, rtoMinutes: 30, schedule: "cron(30 9 ? * MON *)" } });
        expect(named("aws:cloudwatch/eventRule:EventRule", "cache-restore-drill-schedule").scheduleExpression).toBe("cron(30 9 ? * MON *)");
        expect(named("aws:cloudwatch/metricAlarm:MetricAlarm", "cache-restore-drill-rpo").threshold).toBe(600);
        expect(named("aws:cloudwatch/metricAlarm:MetricAlarm", "cache-restore-drill-rto").threshold).toBe(1800);
        const definition = JSON.parse(named("aws:sfn/stateMachine:StateMachine", "cache-restore-drill").definition);
        expect(definition.States.ValidateRestore.Parameters.maxCanaryAgeSeconds).toBe(600);
        expect(definition.States.DrillGroupAvailable.Choices[1].NumericGreaterThanEquals).toBe(60);
    });
});

describe("restoreDrill arguments", () => {
    const check =
        (restoreDrill: unknown, extra: CacheArgs = {}) =>
        () =>
            validateElastiCacheRedisArgs("cache", { ...BASE_ARGS, ...extra, restoreDrill } as any);
    const fails = (restoreDrill: unknown, message: string, extra: CacheArgs = {}) => {
        expect(check(restoreDrill, extra)).toThrow(InvalidArgumentError);
        expect(check(restoreDrill, extra)).toThrow(message);
    };

    it("are on by default, in cluster mode too, and off by default on a Global Datastore secondary", () => {
        expect(check(undefined)().restoreDrill).toMatchObject({
            scheduleExpression: "cron(0 7 ? * WED *)",
            rpoMinutes: 5,
            rtoMinutes: 60,
            maxPolls: 120,
        });
        expect(check(undefined, { globalReplicationGroupId: "ldgnf-orders" })().restoreDrill).toBeUndefined();
        expect(check(undefined, { shards: 2 })().restoreDrill).toEqual(check(undefined)().restoreDrill);
        expect(check({ enabled: false })().restoreDrill).toBeUndefined();
    });

    it("refuse each wrong value with the argument's name and what is allowed", () => {
        fails({ enabeld: true }, 'ElastiCacheRedis "cache": restoreDrill.enabeld is not an argument. Did you mean restoreDrill.enabled?');
        fails({ enabled: "yes" }, 'restoreDrill.enabled is "yes". Allowed: true or false.');
        fails({ enabled: true }, "restoreDrill.enabled is true on a Global Datastore secondary", {
            globalReplicationGroupId: "ldgnf-orders",
        });
        fails({ schedule: "cron(0 7 ? * WED)" }, 'restoreDrill.schedule is "cron(0 7 ? * WED)", which has 5 fields instead of 6');
        fails(
            { schedule: "rate(12 hours)" },
            'restoreDrill.schedule is "rate(12 hours)", which runs up to 2 times in 24 hours. Allowed: at most one drill a day',
        );
        fails({ schedule: "every week" }, 'restoreDrill.schedule is "every week"');
        fails({ rpoMinutes: 1 }, "restoreDrill.rpoMinutes");
        fails({ rpoMinutes: 1.5 }, "restoreDrill.rpoMinutes");
        fails({ rtoMinutes: 5 }, "restoreDrill.rtoMinutes");
        fails({ rtoMinutes: 721 }, "restoreDrill.rtoMinutes");
        fails({ keyCountTolerancePercent: 60 }, "restoreDrill.keyCountTolerancePercent is 60. Allowed: a number of percent from 0 to 50.");
        fails(undefined, 'users[0].name is "restore-canary", a reserved name', { users: [{ name: "restore-canary", role: "readwrite" }] });
    });
});
