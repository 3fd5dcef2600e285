import * as pulumi from "@pulumi/pulumi";
import { PlannedResource, Violation, evaluatePolicies } from "hardened-redis-gate";
import { toPlannedResource } from "hardened-redis-gate";
import { MockHarness } from "../support/harness";
import productionConfig from "hardened-redis-policies/config/production.json";

/**
 * Every component of the package, with its default args and with typical production args, must pass
 * every rule of the pack (resource and stack rules, mandatory and advisory) with no violation at all,
 * both as a deployment and as a preview (where outputs computed on create are unknown). In a preview,
 * the only findings allowed are the scenario's `notJudgedInPreview`: advisories of the `not-judged`
 * policy about values that a real `pulumi preview` does not know either.
 * To cover a new component or a new set of args, add a row.
 */
type Components = typeof import("hardened-redis");

interface Scenario {
    component: string;
    args: string;
    create: (components: Components, name: string) => pulumi.Resource;
    /** A pack config the scenario must also pass, besides the defaults. */
    config?: Record<string, unknown>;
    /** The not-judged advisories every plan reports, as `describe_` lines or matchers of them. */
    notJudged?: unknown[];
    /** The not-judged advisories a preview reports besides, as `describe_` lines or matchers of them. */
    notJudgedInPreview?: unknown[];
}

/** The export bucket's policy names the bucket's ARN, which S3 generates from the prefix on create. */
const BACKUP_POLICY_NOT_JUDGED =
    'advisory not-judged on aws:s3/bucket:Bucket cache-backups: export-bucket-allows-plaintext: ElastiCache export bucket "cache-backups": ' +
    "part of its bucket policy is unknown during preview (computed by another resource), so it was not judged.";

/** A first preview cannot read KubernetesRedis's ACL file: its password hashes come from passwords generated at deployment. */
const ACL_FILE_NOT_JUDGED = expect.stringMatching(
    /^advisory not-judged on kubernetes:apps\/v1:StatefulSet cache-statefulset: k8s-redis-without-authentication, k8s-redis-user-dangerous-commands: .* ACL users not judged, they depend on \/etc\/redis\/auth\/users\.acl, from volume "auth" whose content is not in the program or not known before deployment\.$/,
);

/** Sentinel rewrites its own configuration, so each sentinel assembles it at start in an emptyDir the gate cannot read. */
const SENTINEL_CONFIG_NOT_JUDGED =
    "advisory not-judged on kubernetes:apps/v1:StatefulSet cache-sentinel: k8s-redis-protected-mode-off, k8s-redis-without-tls, k8s-redis-without-authentication, k8s-redis-user-dangerous-commands: " +
    'Redis workload "cache-sentinel" container "sentinel": protected-mode, port, tls-port, ' +
    'ACL users not judged, they depend on /var/lib/redis-sentinel/sentinel.conf, from volume "state" whose content is not in the program or not known before deployment.';

const scenarios: Scenario[] = [
    {
        component: "ElastiCacheRedis",
        args: "default args",
        create: (c, name) =>
            new c.ElastiCacheRedis(name, {
                vpcId: "vpc-0123456789abcdef0",
                subnetIds: ["subnet-a", "subnet-b"],
                allowedSecurityGroupIds: ["sg-0client"],
            }),
        notJudgedInPreview: [BACKUP_POLICY_NOT_JUDGED],
    },
    {
        component: "ElastiCacheRedis",
        args: "typical production args",
        config: productionConfig,
        notJudgedInPreview: [BACKUP_POLICY_NOT_JUDGED],
        create: (c, name) =>
            new c.ElastiCacheRedis(name, {
                vpcId: "vpc-0123456789abcdef0",
                subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
                allowedSecurityGroupIds: ["sg-0app", "sg-0workers"],
                allowedCidrBlocks: ["10.20.0.0/16"],
                engine: "valkey",
                nodeType: "cache.r7g.xlarge",
                numCacheClusters: 3,
                port: 6380,
                snapshotRetentionDays: 14,
                users: [
                    { name: "orders", role: "readwrite", keyPatterns: ["orders:*"] },
                    { name: "reports", role: "readonly" },
                ],
                tags: { team: "payments", environment: "production" },
                region: "eu-west-1",
            }),
    },
    {
        component: "ElastiCacheRedis",
        args: "cluster mode (shards) args",
        config: productionConfig,
        notJudgedInPreview: [BACKUP_POLICY_NOT_JUDGED],
        create: (c, name) =>
            new c.ElastiCacheRedis(name, {
                vpcId: "vpc-0123456789abcdef0",
                subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
                allowedSecurityGroupIds: ["sg-0app"],
                shards: 3,
                replicasPerShard: 2,
                region: "eu-west-1",
            }),
    },
    {
        component: "ElastiCacheServerless",
        args: "default args",
        config: productionConfig,
        notJudgedInPreview: [BACKUP_POLICY_NOT_JUDGED],
        create: (c, name) =>
            new c.ElastiCacheServerless(name, {
                vpcId: "vpc-0123456789abcdef0",
                subnetIds: ["subnet-a", "subnet-b"],
                allowedSecurityGroupIds: ["sg-0client"],
            }),
    },
    {
        component: "KubernetesRedis",
        args: "default args",
        create: (c, name) =>
            new c.KubernetesRedis(name, { namespace: "data", allowedClients: [{ podSelector: { matchLabels: { app: "web" } } }] }),
        notJudged: [SENTINEL_CONFIG_NOT_JUDGED],
        notJudgedInPreview: [ACL_FILE_NOT_JUDGED],
    },
    {
        component: "KubernetesRedis",
        args: "typical production args",
        config: productionConfig,
        notJudged: [SENTINEL_CONFIG_NOT_JUDGED],
        notJudgedInPreview: [ACL_FILE_NOT_JUDGED],
        create: (c, name) =>
            new c.KubernetesRedis(name, {
                namespace: "payments",
                allowedClients: [
                    { podSelector: { matchLabels: { app: "checkout" } } },
                    {
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "workers" } },
                        podSelector: { matchLabels: { app: "settlement" } },
                    },
                ],
                users: [
                    { name: "orders", role: "readwrite", keyPatterns: ["orders:*"] },
                    { name: "reports", role: "readonly" },
                ],
                replicas: 2,
                image: { repository: "valkey/valkey", tag: "8.1.4" },
                storage: { size: "50Gi", storageClassName: "gp3" },
                resources: { requests: { cpu: "2", memory: "8Gi" }, limits: { cpu: "2", memory: "8Gi" } },
                tls: { requireClientCertificates: true },
                zoneAntiAffinity: "required",
            }),
    },
];

const harness = new MockHarness();
let components: Components;

async function plan(scenario: Scenario): Promise<PlannedResource[]> {
    harness.reset();
    const resource = scenario.create(components, "cache");
    await harness.settle(resource);
    return harness.resources.map(toPlannedResource);
}

/** Violations as lines that name the rule and resource, so that a failure says what to fix. */
function describe_(violations: Violation[]): string[] {
    return violations.map(
        (v) =>
            `${v.enforcementLevel} ${v.policyName} on ${v.resourceType ?? "the stack"} ${v.resourceName ?? ""}: ${v.message.split("\n").slice(1).join(" ")}`,
    );
}

for (const preview of [false, true]) {
    describe(`secure by default, ${preview ? "as a preview" : "as a deployment"}`, () => {
        beforeAll(async () => {
            await harness.install({ preview });
            components = await import("hardened-redis");
        });

        it.each(scenarios.map((s) => [s.component, s.args, s] as const))("%s with %s passes every rule", async (_, __, scenario) => {
            const resources = await plan(scenario);
            expect(resources.length).toBeGreaterThan(5);
            const allowed = [...(scenario.notJudged ?? []), ...(preview ? (scenario.notJudgedInPreview ?? []) : [])];
            const judged = [
                describe_(await evaluatePolicies(resources)),
                ...(scenario.config ? [describe_(await evaluatePolicies(resources, { config: scenario.config }))] : []),
            ];
            for (const lines of judged) {
                expect(lines).toEqual(expect.arrayContaining(allowed));
                expect(lines).toHaveLength(allowed.length);
            }
        });
    });
}

describe("the rules see what the components create", () => {
    beforeAll(async () => {
        await harness.install();
        components = await import("hardened-redis");
    });

    /** The same plan with one input of one resource changed, as a user might weaken it by hand. */
    function weakened(
        resources: PlannedResource[],
        type: string,
        change: (props: Record<string, any>) => Record<string, any>,
    ): PlannedResource[] {
        return resources.map((r) => (r.type === type ? { ...r, props: change(r.props) } : r));
    }

    it("catches ElastiCacheRedis with TLS and RBAC removed from its replication group", async () => {
        const resources = await plan(scenarios[0]);
        const insecure = weakened(
            resources,
            "aws:elasticache/replicationGroup:ReplicationGroup",
            ({ transitEncryptionEnabled, userGroupIds, ...rest }) => rest,
        );
        const names = (await evaluatePolicies(insecure)).map((v) => v.policyName);
        expect(names).toEqual(expect.arrayContaining(["elasticache-unencrypted-in-transit", "elasticache-without-authentication"]));
    });

    it("catches ElastiCacheRedis's export bucket with its public access block dropped", async () => {
        const resources = (await plan(scenarios[0])).filter((r) => r.type !== "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        expect((await evaluatePolicies(resources)).map((v) => v.policyName)).toContain("export-bucket-public");
    });

    it("catches ElastiCacheServerless's export bucket with its public access block dropped and TLS no longer required", async () => {
        const serverless = scenarios.find((s) => s.component === "ElastiCacheServerless")!;
        const resources = (await plan(serverless)).filter(
            (r) => r.type !== "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock" && r.type !== "aws:s3/bucketPolicy:BucketPolicy",
        );
        const names = (await evaluatePolicies(resources)).map((v) => v.policyName);
        expect(names).toEqual(expect.arrayContaining(["export-bucket-public", "export-bucket-allows-plaintext"]));
    });

    it("catches KubernetesRedis with its NetworkPolicy dropped and protected mode switched off", async () => {
        const resources = (await plan(scenarios.find((s) => s.component === "KubernetesRedis")!)).filter(
            (r) => r.type !== "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        );
        const insecure = weakened(resources, "kubernetes:core/v1:ConfigMap", (props) => ({
            ...props,
            data: Object.fromEntries(
                Object.entries(props.data as Record<string, string>).map(([k, v]) => [
                    k,
                    v.replace("protected-mode yes", "protected-mode no"),
                ]),
            ),
        }));
        const names = (await evaluatePolicies(insecure)).map((v) => v.policyName);
        expect(names).toEqual(expect.arrayContaining(["k8s-redis-without-network-policy", "k8s-redis-protected-mode-off"]));
    });

    it("catches KubernetesRedis with its default user switched on in the rendered ACL file", async () => {
        const insecure = weakened(
            await plan(scenarios.find((s) => s.component === "KubernetesRedis")!),
            "kubernetes:core/v1:Secret",
            (props) => {
                const stringData = props.stringData?.value ?? props.stringData;
                if (typeof stringData?.["users.acl"] !== "string") return props;
                const acl = stringData["users.acl"].replace(/^user default off .*$/m, "user default on nopass ~* &* +@all");
                return { ...props, stringData: { ...stringData, "users.acl": acl } };
            },
        );
        const violations = (await evaluatePolicies(insecure)).filter(
            (v) => v.policyName.startsWith("k8s-redis-") && v.enforcementLevel === "mandatory",
        );
        expect(violations.map((v) => v.policyName).sort()).toEqual([
            "k8s-redis-user-dangerous-commands",
            "k8s-redis-without-authentication",
        ]);
    });

    it("sees KubernetesRedis's service users hold only the dangerous commands their job takes", async () => {
        const config = { "k8s-redis-user-dangerous-commands": { serviceUserCommands: {} } };
        const messages = (await evaluatePolicies(await plan(scenarios.find((s) => s.component === "KubernetesRedis")!), { config })).map(
            (v) => v.message,
        );
        expect(messages).toEqual(
            expect.arrayContaining([
                expect.stringMatching(
                    /user "replication" .* grant 2 dangerous command\(s\): PSYNC \(through \+psync\), REPLCONF \(through \+replconf\)\./,
                ),
            ]),
        );
    });
});
