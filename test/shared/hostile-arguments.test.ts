import { MockHarness } from "../support/harness";
import { runProgram } from "../support/run-program";

/**
 * Arguments that look acceptable, or that a JavaScript, YAML or other-language caller can pass
 * despite the types, and that would otherwise deploy something weaker than asked for or fail deep
 * inside Pulumi. Each is refused at construction with an error naming the argument.
 */
const harness = new MockHarness();
let components: typeof import("hardened-redis");

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
});
beforeEach(() => harness.reset());

const ELASTICACHE_ARGS = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-a", "subnet-b"], allowedSecurityGroupIds: ["sg-0client"] };
const KUBERNETES_ARGS = { namespace: "payments", allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }] };
const GLOBAL_ARGS = {
    primary: { ...ELASTICACHE_ARGS, region: "us-east-1" },
    secondaries: [{ ...ELASTICACHE_ARGS, region: "eu-west-1" }],
};

/** Runs `construct` and returns the error it throws, failing the test when it throws none or another kind. */
function refusal(construct: () => unknown): Error {
    try {
        construct();
    } catch (error) {
        expect(error).toBeInstanceOf(components.InvalidArgumentError);
        return error as Error;
    }
    throw new Error("the arguments were accepted");
}

/** Runs a case of test/fixtures/late-hostile-arguments.ts, whose check fails once an output resolves and ends the program. */
function lateRefusal(caseName: string): string {
    const run = runProgram("test/fixtures/late-hostile-arguments.ts", caseName);
    expect(run.status).not.toBe(0);
    return run.stderr;
}

const elastiCache = (args: Record<string, unknown>) => () => new components.ElastiCacheRedis("c", { ...ELASTICACHE_ARGS, ...args } as any);
const kubernetes = (args: Record<string, unknown>) => () => new components.KubernetesRedis("c", { ...KUBERNETES_ARGS, ...args } as any);

describe("selectors that still match everything", () => {
    const clients = (client: Record<string, unknown>) => ({ allowedClients: [client] });
    const cases: [string, Record<string, unknown>, string][] = [
        [
            "Exists on the label every namespace carries",
            { namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "Exists" }] } },
            "allowedClients[0].namespaceSelector matches every namespace or every one but a few: Exists, NotIn and DoesNotExist only narrow a selection.",
        ],
        [
            "DoesNotExist alone",
            { podSelector: { matchExpressions: [{ key: "quarantined", operator: "DoesNotExist" }] } },
            "allowedClients[0].podSelector matches every pod or every one but a few: Exists, NotIn and DoesNotExist only narrow a selection.",
        ],
        [
            "NotIn alone",
            { podSelector: { matchExpressions: [{ key: "app", operator: "NotIn", values: ["attacker"] }] } },
            "allowedClients[0].podSelector matches every pod or every one but a few: Exists, NotIn and DoesNotExist only narrow a selection.",
        ],
        [
            "Exists on any label",
            { podSelector: { matchExpressions: [{ key: "app", operator: "Exists" }] } },
            "allowedClients[0].podSelector matches every pod or every one but a few: Exists, NotIn and DoesNotExist only narrow a selection.",
        ],
    ];
    it.each(cases)("refuses %s", (_, client, message) => {
        expect(refusal(kubernetes(clients(client))).message).toBe(
            `KubernetesRedis "c": ${message} Allowed: at least one matchLabels entry or In requirement that names the clients.`,
        );
    });

    it("accepts a narrowing requirement beside one that names the clients", () => {
        const client = {
            podSelector: { matchLabels: { app: "checkout" }, matchExpressions: [{ key: "canary", operator: "DoesNotExist" }] },
        };
        expect(() => kubernetes(clients(client))()).not.toThrow();
    });
});

describe("kmsKeyArn that would drop the customer-managed key", () => {
    const allowed =
        'Allowed: the ARN of a KMS key, such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", or leave it out to create one.';
    it.each([
        ["an empty string", "", 'kmsKeyArn is "".'],
        ["a blank string", "  ", 'kmsKeyArn is "  ".'],
        ["an alias", "alias/aws/elasticache", 'kmsKeyArn is "alias/aws/elasticache".'],
        ["a bare key id", "1234abcd-12ab-34cd-56ef-1234567890ab", 'kmsKeyArn is "1234abcd-12ab-34cd-56ef-1234567890ab".'],
    ])("refuses %s", (_, kmsKeyArn, message) => {
        expect(refusal(elastiCache({ kmsKeyArn })).message).toBe(`ElastiCacheRedis "c": ${message} ${allowed}`);
    });

    it("refuses an empty ARN that only resolves later", () => {
        expect(lateRefusal("empty-kms-key")).toContain(`ElastiCacheRedis "late": kmsKeyArn is "". ${allowed}`);
    });

    it("refuses it on a Global Datastore secondary, naming the secondary", () => {
        const args = { ...GLOBAL_ARGS, secondaries: [{ ...GLOBAL_ARGS.secondaries[0], kmsKeyArn: "" }] };
        expect(refusal(() => new components.GlobalElastiCacheRedis("g", args as any)).message).toMatch(
            /^GlobalElastiCacheRedis "g": secondaries\[0\]\.kmsKeyArn is ""\./,
        );
    });

    it("accepts key ARNs of every partition, multi-Region keys included", () => {
        for (const kmsKeyArn of [
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
            "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ]) {
            expect(() => elastiCache({ kmsKeyArn })()).not.toThrow();
        }
    });
});

describe("key patterns that Redis cannot load", () => {
    const allowed = 'Allowed: a Redis glob of printable characters without spaces and without a leading ~ or %, such as "orders:*".';
    it.each([
        ["a NUL", "orders:\u0000*", '"orders:\\u0000*"'],
        ["a line break", "orders:\n*", '"orders:\\n*"'],
        ["a DEL", "orders:\u007f", '"orders:\\u007f"'],
        ["a bell", "\u0007orders", '"\\u0007orders"'],
    ])("refuses %s on both targets", (_, pattern, shown) => {
        const users = [{ name: "app", role: "readonly", keyPatterns: [pattern] }];
        expect(refusal(elastiCache({ users })).message).toBe(`ElastiCacheRedis "c": users[0].keyPatterns[0] is ${shown}. ${allowed}`);
        expect(refusal(kubernetes({ users })).message).toBe(`KubernetesRedis "c": users[0].keyPatterns[0] is ${shown}. ${allowed}`);
    });
});

describe("client CIDR blocks written to slip past the range check", () => {
    it.each([
        [
            "an IPv4-mapped IPv6 range of the whole internet",
            "::ffff:0.0.0.0/96",
            "embeds IPv4 addresses (IPv4-mapped); write the IPv4 block itself",
        ],
        ["an IPv4-mapped IPv6 host", "::ffff:8.8.8.8/128", "embeds IPv4 addresses (IPv4-mapped); write the IPv4 block itself"],
        ["a NAT64 range", "64:ff9b::/96", "embeds IPv4 addresses (NAT64, RFC 6052); write the IPv4 block itself"],
        ["a 6to4 range", "2002::/16", "embeds IPv4 addresses (6to4); write the IPv4 block itself"],
        ["an octal IPv4 address", "012.0.0.0/8", "is not written in dotted decimal without leading zeros"],
        ["a hexadecimal IPv4 address", "0x0a.0.0.0/8", "is not written in dotted decimal without leading zeros"],
        ["a short-form IPv4 address", "10.1/16", "is not written in dotted decimal without leading zeros"],
        ["host bits beyond the prefix", "10.0.0.7/8", "has bits set beyond its /8 prefix; the block is 10.0.0.0/8"],
    ])("refuses %s", (_, cidr, problem) => {
        expect(refusal(elastiCache({ allowedCidrBlocks: [cidr] })).message).toMatch(
            new RegExp(
                `^ElastiCacheRedis "c": allowedCidrBlocks\\[0\\] "${cidr.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}" ${problem.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\. Allowed: an IPv4 block inside 10\\.0\\.0\\.0/8`,
            ),
        );
    });

    it("still accepts private blocks and a narrow IPv6 block", () => {
        expect(() => elastiCache({ allowedCidrBlocks: ["10.20.0.0/16", "192.168.1.10/32", "2600:1f18:abc:de00::/56"] })()).not.toThrow();
    });
});

describe("regions", () => {
    const allowed = 'Allowed: an AWS region that @pulumi/aws knows, such as "us-east-1" or "eu-west-1".';
    it.each([
        ["a made-up region of the right shape", { region: "us-east-9" }, 'region is "us-east-9".'],
        ["a region in the wrong case", { region: "US-EAST-1" }, 'region is "US-EAST-1".'],
        ["an availability zone", { region: "us-east-1a" }, 'region is "us-east-1a".'],
        [
            "a secret replica region that does not exist",
            { secretReplicas: [{ region: "eu-west-9" }] },
            'secretReplicas[0].region is "eu-west-9".',
        ],
        [
            "a backup replica region that does not exist",
            { backup: { replicaRegion: "ap-south-9" } },
            'backup.replicaRegion is "ap-south-9".',
        ],
    ])("refuses %s", (_, args, message) => {
        expect(refusal(elastiCache(args)).message).toBe(`ElastiCacheRedis "c": ${message} ${allowed}`);
    });

    it("refuses an unknown secondary region of a Global Datastore, naming the secondary", () => {
        const args = { ...GLOBAL_ARGS, secondaries: [{ ...GLOBAL_ARGS.secondaries[0], region: "eu-west-9" }] };
        expect(refusal(() => new components.GlobalElastiCacheRedis("g", args as any)).message).toBe(
            `GlobalElastiCacheRedis "g": secondaries[0].region is "eu-west-9". ${allowed}`,
        );
    });
});

describe("user passwords that ElastiCache refuses", () => {
    const allowed = 'Allowed: 16 to 128 printable ASCII characters other than space, ", / and @ (ElastiCache RBAC user passwords).';
    it.each([
        ["a short password", "short-password", "is 14 characters long"],
        ["an overlong password", "x".repeat(129), "is 129 characters long"],
        ["a password with a space", "correct horse battery staple", "holds a character that ElastiCache refuses"],
        ["a password with an at sign", "p@ssword-p@ssword-1", "holds a character that ElastiCache refuses"],
    ])("refuses %s without showing it", (_, password, problem) => {
        const error = refusal(elastiCache({ userPasswords: { app: password } }));
        expect(error.message).toBe(`ElastiCacheRedis "c": userPasswords.app ${problem}. ${allowed}`);
        expect(error.message).not.toContain(password);
    });

    it("refuses a secret password that resolves later, without showing it", () => {
        const stderr = lateRefusal("short-secret-password");
        expect(stderr).toContain(`ElastiCacheRedis "late": userPasswords.app is 15 characters long. ${allowed}`);
        expect(stderr).not.toContain("fifteen-chars-x");
    });
});

describe("arguments of the wrong type from untyped callers", () => {
    const elastiCacheCases: [string, Record<string, unknown>, string][] = [
        [
            "a string for keyPatterns",
            { users: [{ name: "app", role: "readonly", keyPatterns: "orders:*" }] },
            "users[0].keyPatterns is not a list. Allowed: one or more key patterns",
        ],
        ["a string for subnetIds", { subnetIds: "subnet-a" }, "subnetIds is not a list. Allowed: one or more private subnet ids"],
        ["a string for allowedCidrBlocks", { allowedCidrBlocks: "10.0.0.0/8" }, "allowedCidrBlocks is not a list. Allowed: a list of"],
        [
            "a string for allowedSecurityGroupIds",
            { allowedSecurityGroupIds: "sg-0client" },
            "allowedSecurityGroupIds is not a list. Allowed: a list of",
        ],
        [
            "a string for highAvailability",
            { highAvailability: "false", numCacheClusters: 1 },
            'highAvailability is the string "false". Allowed: true or false',
        ],
        [
            "a string for numCacheClusters",
            { numCacheClusters: "3" },
            'numCacheClusters is the string "3". Allowed: a whole number from 1 to 6',
        ],
        [
            "an object for users",
            { users: { name: "app", role: "readonly" } },
            "users is not a list. Allowed: a list of one or more { name, role, keyPatterns? }",
        ],
        ["a number for port", { port: "6380" }, 'port is the string "6380". Allowed: a whole number from 1024 to 65535'],
    ];
    it.each(elastiCacheCases)("ElastiCacheRedis refuses %s", (_, args, message) => {
        expect(refusal(elastiCache(args)).message).toMatch(
            new RegExp(`^ElastiCacheRedis "c": ${message.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`),
        );
    });

    const kubernetesCases: [string, Record<string, unknown>, string][] = [
        ["a missing namespace", { namespace: undefined }, "namespace is not set. Allowed: an existing namespace name"],
        ["a null namespace", { namespace: null }, "namespace is null. Allowed: an existing namespace name"],
        [
            "a string for allowedClients",
            { allowedClients: "app=checkout" },
            "allowedClients is not a list. Allowed: one or more { podSelector?",
        ],
        [
            "a string for keyPatterns",
            { users: [{ name: "app", role: "readonly", keyPatterns: "orders:*" }] },
            "users[0].keyPatterns is not a list. Allowed: one or more key patterns",
        ],
        [
            "a string for matchExpressions",
            { allowedClients: [{ podSelector: { matchExpressions: "app in (a)" } }] },
            "allowedClients[0].podSelector.matchExpressions is not a list. Allowed: a list of",
        ],
        [
            "a string for values",
            { allowedClients: [{ podSelector: { matchExpressions: [{ key: "app", operator: "In", values: "checkout" }] } }] },
            "allowedClients[0].podSelector.matchExpressions[0].values is not a list. Allowed: a list of",
        ],
        ["a string for replicas", { replicas: "2" }, 'replicas is the string "2". Allowed: a whole number'],
    ];
    it.each(kubernetesCases)("KubernetesRedis refuses %s", (_, args, message) => {
        expect(refusal(kubernetes(args)).message).toMatch(
            new RegExp(`^KubernetesRedis "c": ${message.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`),
        );
    });

    it('a missing namespace never becomes the string "undefined" in a name', () => {
        const { namespace: _omitted, ...withoutNamespace } = KUBERNETES_ARGS;
        expect(refusal(() => new components.KubernetesRedis("c", withoutNamespace as any)).message).not.toContain('"undefined"');
    });
});
