import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { evaluatePolicies } from "hardened-redis-gate";
import { policies } from "hardened-redis-policies/policies";
import development from "hardened-redis-policies/config/development.json";
import production from "hardened-redis-policies/config/production.json";
import { fedBy, planned, secret } from "../support/policy-fixtures";

const root = path.resolve(__dirname, "../../policies");
const sources = (dir: string) =>
    fs.readdirSync(path.join(root, dir)).map((file) => [file, fs.readFileSync(path.join(root, dir, file), "utf8")] as const);

describe("the policy pack", () => {
    it("is a Node.js pack of compiled JavaScript with a versioned package.json", () => {
        expect(parse(fs.readFileSync(path.join(root, "PulumiPolicy.yaml"), "utf8"))).toMatchObject({
            runtime: { name: "nodejs", options: { typescript: false } },
        });
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        expect(pkg).toMatchObject({
            name: "hardened-redis-policies",
            main: "bin/index.js",
            version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
            dependencies: { "@pulumi/policy": "1.21.0" },
        });
        expect(pkg.files).toEqual(expect.arrayContaining(["PulumiPolicy.yaml", "config/*.json"]));
    });

    it("has one rule per file under rules/, named after the rule, and lists every one of them", () => {
        const files = fs
            .readdirSync(path.join(root, "rules"))
            .map((f) => f.replace(/\.ts$/, ""))
            .sort();
        expect(policies.map((p) => p.name).sort()).toEqual(files);
        for (const [file, text] of sources("rules")) {
            expect([file, text.match(/^export const /gm)?.length]).toEqual([file, 1]);
            expect(text).toContain(`name: "${file.replace(/\.ts$/, "")}"`);
        }
    });

    it("gives every rule a level, a severity, the controls it implements and a remediation", () => {
        for (const policy of policies) {
            expect([policy.name, policy.enforcementLevel]).toEqual([policy.name, expect.stringMatching(/^(advisory|mandatory)$/)]);
            expect([policy.name, policy.severity]).toEqual([policy.name, expect.stringMatching(/^(low|medium|high|critical)$/)]);
            expect(policy.framework).toEqual({
                name: expect.any(String),
                version: expect.any(String),
                reference: expect.any(String),
                specification: expect.any(String),
            });
            expect(policy.url).toMatch(/^https:\/\//);
            expect(policy.tags!.length).toBeGreaterThan(0);
            expect(policy.remediationSteps!.length).toBeGreaterThan(30);
            expect(policy.configSchema?.properties.enforcementLevel).toBeUndefined();
        }
    });

    it("covers every control the pack promises", () => {
        const tags = policies.flatMap((p) => p.tags ?? []).join("\n");
        const promised = [
            ...[1, 2, 3, 4, 5, 6, 7].map((n) => `ElastiCache.${n}`),
            ...[
                "repl-grp-encrypted-at-rest",
                "repl-grp-encrypted-in-transit",
                "rbac-auth-enabled",
                "repl-grp-auto-failover-enabled",
                "redis-cluster-automatic-backup-check",
                "subnet-group-check",
                "supported-engine-version",
                "auto-minor-version-upgrade-check",
            ].map((r) => `elasticache-${r}`),
            ...["CKV_AWS_29", "CKV_AWS_30", "CKV_AWS_31", "CKV_AWS_134", "CKV_AWS_191", "CKV_AWS_322", "CKV_AWS_323", "CKV2_AWS_50"],
            ...["AWS-0045", "AWS-0050", "AWS-0051"],
        ];
        expect(promised.filter((control) => !tags.includes(`: ${control}`))).toEqual([]);
    });
});

describe("the example configs", () => {
    /** A replication group that only advisory hygiene rules dislike: one node, no failover, three days of snapshots. */
    const devCache = planned("aws:elasticache/replicationGroup:ReplicationGroup", "dev", {
        replicationGroupId: "dev",
        description: "dev",
        port: 6379,
        numCacheClusters: 1,
        atRestEncryptionEnabled: true,
        transitEncryptionEnabled: true,
        userGroupIds: ["dev-users"],
        subnetGroupName: "dev",
        securityGroupIds: ["sg-1"],
        snapshotRetentionLimit: 3,
        logDeliveryConfigurations: [{ logType: "slow-log" }, { logType: "engine-log" }],
    });
    const levels = async (config?: Record<string, unknown>) =>
        Object.fromEntries((await evaluatePolicies([devCache], { config })).map((v) => [v.policyName, v.enforcementLevel]));

    it("production turns resilience gaps into mandatory violations", async () => {
        expect(await levels(production)).toEqual({
            "elasticache-automatic-backups-disabled": "mandatory",
            "elasticache-automatic-failover-disabled": "mandatory",
            "elasticache-without-customer-managed-key": "advisory",
            "elasticache-default-port": "advisory",
            "elasticache-without-alarms": "mandatory",
        });
    });

    it("development relaxes the snapshot minimum and switches off port, key and alarm hygiene", async () => {
        expect(await levels(development)).toEqual({ "elasticache-automatic-failover-disabled": "advisory" });
    });

    it("the default config reports the same gaps as advisories", async () => {
        expect(await levels()).toEqual({
            "elasticache-automatic-backups-disabled": "advisory",
            "elasticache-automatic-failover-disabled": "advisory",
            "elasticache-without-customer-managed-key": "advisory",
            "elasticache-default-port": "advisory",
            "elasticache-without-alarms": "advisory",
        });
    });

    it("applies `all`, then the levels named per policy, as the Pulumi CLI does", async () => {
        expect(await levels({ all: "mandatory", "elasticache-default-port": "disabled" })).toEqual({
            "elasticache-automatic-backups-disabled": "mandatory",
            "elasticache-automatic-failover-disabled": "mandatory",
            "elasticache-without-customer-managed-key": "mandatory",
            "elasticache-without-alarms": "mandatory",
        });
        expect(await levels({ all: "disabled" })).toEqual({});
    });

    it.each([
        [
            { "elasticache-automatic-backups-disabled": { minimumRetentionDays: 0 } },
            /policy pack configuration is invalid: elasticache-automatic-backups-disabled: \/minimumRetentionDays must be >= 1/,
        ],
        [
            { "elasticache-outdated-engine-version": { minimumRedisVersion: "seven" } },
            /elasticache-outdated-engine-version: \/minimumRedisVersion must match pattern/,
        ],
        [
            { "elasticache-default-port": "blocking" },
            /parsing enforcement level for "elasticache-default-port": "blocking" is not a valid enforcement level/,
        ],
        [{ "elasticache-default-port": 3 }, /parsing "elasticache-default-port": 3 is not a valid value; must be a string or object/],
    ])("refuses an invalid config %j", async (config, message) => {
        await expect(evaluatePolicies([devCache], { config })).rejects.toThrow(message);
    });
});

describe("messages never contain a secret", () => {
    const SECRETS = ["Hunter2-Literal-Password", "S3cret-Auth-Token-0123456789", "Acl-Password-In-ConfigMap", "Uri-Password-Value"];

    /** A stack that gets every credential wrong at once, with each secret marked secret where Pulumi would. */
    const leaky = [
        planned("aws:elasticache/user:User", "app", {
            userId: "app",
            userName: "app",
            engine: "redis",
            accessString: `on ~* +@all >${SECRETS[0]}`,
            authenticationMode: secret({ type: "password", passwords: [SECRETS[0]] }),
        }),
        planned("aws:elasticache/replicationGroup:ReplicationGroup", "orders", {
            replicationGroupId: "orders",
            description: "x",
            authToken: secret(SECRETS[1]),
            port: 6379,
        }),
        planned("kubernetes:core/v1:ConfigMap", "redis-config", {
            metadata: { name: "redis-config", labels: { app: "redis" } },
            data: {
                "redis.conf": `requirepass ${SECRETS[2]}\nprotected-mode no`,
                "users.acl": `user app on >${SECRETS[2]} ~*`,
                REDIS_URL: `rediss://app:${SECRETS[3]}@redis:6379`,
                REDIS_PASSWORD: SECRETS[2],
            },
        }),
        planned("kubernetes:apps/v1:Deployment", "redis", {
            metadata: { name: "redis" },
            spec: {
                template: {
                    metadata: { labels: { app: "redis" } },
                    spec: {
                        containers: [
                            {
                                name: "redis",
                                image: "redis:7.2.5",
                                args: ["--requirepass", SECRETS[0], "--masterauth", SECRETS[1]],
                                env: [{ name: "REDIS_PASSWORD", value: SECRETS[3] }],
                            },
                        ],
                        volumes: [{ name: "config", configMap: { name: "redis-config" } }],
                    },
                },
            },
        }),
    ];

    it("holds for every rule, while the rules still report each leak", async () => {
        const violations = await evaluatePolicies(leaky);
        expect(violations.map((v) => v.policyName)).toEqual(
            expect.arrayContaining([
                "elasticache-literal-password",
                "k8s-redis-password-in-configmap",
                "k8s-redis-password-in-pod-spec",
                "elasticache-user-dangerous-commands",
            ]),
        );
        const leaks = violations.filter((v) => SECRETS.some((s) => v.message.includes(s)));
        expect(leaks).toEqual([]);
    });
});

describe("rules judge a stack with property dependencies they cannot resolve", () => {
    it("ignores dependencies on resources outside the plan", async () => {
        const user = fedBy(
            planned("aws:elasticache/user:User", "app", {
                userId: "app",
                userName: "app",
                engine: "redis",
                accessString: "on ~* +@read -@dangerous",
                authenticationMode: { type: "password", passwords: ["x"] },
            }),
            "authenticationMode",
        );
        user.propertyDependencies.authenticationMode = [
            "urn:pulumi:test::hardened-redis::random:index/randomPassword:RandomPassword::elsewhere",
        ];
        const names = (await evaluatePolicies([user])).map((v) => v.policyName);
        expect(names).toEqual(["elasticache-literal-password"]);
    });
});
