import { NAMED_DANGEROUS_COMMANDS, analyzeAccessString, dangerousCommandsOf, grantLabel } from "../../policies/lib/access-string";
import { COMMAND_TABLES } from "../../policies/lib/command-table";
import { elastiCacheDefaultUserEnabled } from "../../policies/rules/elasticache-default-user-enabled";
import { elastiCacheLiteralPassword } from "../../policies/rules/elasticache-literal-password";
import { elastiCacheUserDangerousCommands } from "../../policies/rules/elasticache-user-dangerous-commands";
import { elastiCacheUserWithoutPassword } from "../../policies/rules/elasticache-user-without-password";
import { describeRule, fedBy, planned, secret } from "../support/policy-fixtures";

const USER = "aws:elasticache/user:User";
const GROUP = "aws:elasticache/userGroup:UserGroup";
const ASSOCIATION = "aws:elasticache/userGroupAssociation:UserGroupAssociation";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const PASSWORD = "random:index/randomPassword:RandomPassword";

const generator = planned(PASSWORD, "app-password", { length: 32, special: true });

function user(name: string, accessString: string, extra: Record<string, unknown> = {}) {
    return planned(USER, name, {
        userId: `orders-${name}`,
        userName: name,
        engine: "redis",
        accessString,
        authenticationMode: secret({ type: "password", passwords: ["generated-in-the-test"] }),
        ...extra,
    });
}

const app = fedBy(user("app", "on ~orders:* &* +@all -@dangerous"), "authenticationMode", generator);
const defaultOff = fedBy(user("default", "off -@all", { userId: "orders-default-off" }), "authenticationMode", generator);

describe("access strings", () => {
    const FLUSHALL_BY_ALL = "FLUSHALL (through +@all)";
    it.each([
        ["on ~* &* +@all -@dangerous", true, [], 0],
        ["on ~* &* -@all +@read +@connection -@dangerous", true, [], 0],
        ["on ~* &* +@all", true, [FLUSHALL_BY_ALL, "KEYS (through +@all)", "CONFIG SET (through +@all)"], 75],
        ["on ~* allcommands", true, ["FLUSHALL (through allcommands)"], 75],
        ["on ~* +@read +@dangerous", true, ["FLUSHALL (through +@dangerous)", "KEYS (through +@dangerous)"], 75],
        ["on ~* +@admin", true, ["CONFIG SET (through +@admin)", "SHUTDOWN (through +@admin)"], 65],
        ["on ~* -@all +get +FLUSHALL +config|set", true, ["CONFIG SET (through +config|set)", "FLUSHALL (through +FLUSHALL)"], 2],
        ["on ~* +@all -@dangerous +flushdb", true, ["FLUSHDB (through +flushdb)"], 1],
        ["on ~* -@dangerous +@all", true, [FLUSHALL_BY_ALL], 75],
        ["on ~* +flushall -flushall", true, [], 0],
        ["on ~* -@all (~logs:* +@all)", true, [FLUSHALL_BY_ALL], 75],
        ["on ~* -@all +debug|object", true, ["DEBUG OBJECT (through +debug|object)"], 1],
        // Categories that hold dangerous commands without saying so.
        [
            "on ~* &* +@write +@read",
            true,
            [
                "FLUSHALL (through +@write)",
                "FLUSHDB (through +@write)",
                "KEYS (through +@read)",
                "MIGRATE (through +@write)",
                "PFDEBUG (through +@write)",
                "RESTORE (through +@write)",
                "RESTORE-ASKING (through +@write)",
                "SORT (through +@write)",
                "SORT_RO (through +@read)",
                "SWAPDB (through +@write)",
            ],
            10,
        ],
        ["on ~* &* +@keyspace", true, ["FLUSHALL (through +@keyspace)", "KEYS (through +@keyspace)", "SWAPDB (through +@keyspace)"], 7],
        // CONFIG, CLIENT and the other containers are @slow, and granting a container grants all its subcommands.
        ["on ~* &* +@slow", true, ["CONFIG SET (through +@slow)", "CLIENT KILL (through +@slow)", "SHUTDOWN (through +@slow)"], 72],
        ["on ~* &* +@slow -@dangerous", true, [], 0],
        ["off -@all", false, [], 0],
        ["~* +@all", false, [FLUSHALL_BY_ALL], 75],
        ["on off", false, [], 0],
    ])("%s: enabled %s, grants %j among %d dangerous commands", (accessString, enabled, grants, count) => {
        const analysis = analyzeAccessString(accessString);
        expect(analysis.enabled).toBe(enabled);
        expect(analysis.dangerousGrants.map(grantLabel)).toEqual(expect.arrayContaining(grants));
        expect(analysis.dangerousGrants).toHaveLength(count);
    });

    it("sees nopass until resetpass or a password takes it back", () => {
        expect(analyzeAccessString("on nopass ~* +@read").nopass).toBe(true);
        expect(analyzeAccessString("on nopass resetpass ~* +@read").nopass).toBe(false);
        expect(analyzeAccessString(`on nopass #${"a".repeat(64)} ~* +@read`).nopass).toBe(false);
    });

    it("names every command of the issue as dangerous in every table", () => {
        for (const table of COMMAND_TABLES) {
            expect({
                table: table.version,
                dangerous: [...NAMED_DANGEROUS_COMMANDS].filter((c) => table.commands[c]?.includes("dangerous")),
            }).toEqual({ table: table.version, dangerous: [...NAMED_DANGEROUS_COMMANDS] });
            expect([...dangerousCommandsOf(table)]).toEqual(
                expect.arrayContaining(["config|set", "client|kill", "shutdown", "debug", "module|load", "acl|setuser"]),
            );
        }
    });

    it("judges a command that only Valkey has with the Valkey tables", () => {
        // CLIENT NO-TOUCH came with Redis 7.2 / Valkey 7.2; CLUSTER MYSHARDID too.
        expect(analyzeAccessString("on ~* -@all +client|no-touch +cluster|myshardid").unknownCommands).toEqual([]);
        expect(analyzeAccessString("on ~* -@all +@read +commandlog").unknownCommands).toEqual(["+commandlog"]);
    });

    it("does not repeat a rule it cannot read, which may be a password missing its >", () => {
        const analysis = analyzeAccessString("on ~* +@read typed-password-without-marker");
        expect(analysis.rejectedBy).toEqual([
            "redis 7.0.15: rule 4 is not an ACL rule",
            "valkey 7.2.7: rule 4 is not an ACL rule",
            "valkey 8.0.1: rule 4 is not an ACL rule",
        ]);
    });

    it("reports a string every version rejects", () => {
        const analysis = analyzeAccessString("on ~* +@nosuchcategory");
        expect(analysis.rejectedByAll).toBe(true);
        expect(analysis.rejectedBy).toEqual([
            'redis 7.0.15: unknown ACL category "nosuchcategory" in "+@nosuchcategory"',
            'valkey 7.2.7: unknown ACL category "nosuchcategory" in "+@nosuchcategory"',
            'valkey 8.0.1: unknown ACL category "nosuchcategory" in "+@nosuchcategory"',
        ]);
    });
});

describeRule(elastiCacheUserWithoutPassword, [
    {
        title: "users with generated passwords, and one with IAM",
        resources: [app, defaultOff, user("svc", "on ~* +@read -@dangerous", { authenticationMode: { type: "iam" } })],
        messages: [],
    },
    {
        title: "a user with nopass in its access string",
        resources: [user("cache", "on nopass ~* +@read -@dangerous")],
        messages: [/^ElastiCache user "cache" is enabled with nopass in its access string/],
    },
    {
        title: "a user with noPasswordRequired",
        resources: [user("cache", "on ~* +@read -@dangerous", { authenticationMode: undefined, noPasswordRequired: true })],
        messages: [/^ElastiCache user "cache" is enabled and needs no password/],
    },
    {
        title: "a user with the no-password-required mode",
        resources: [user("cache", "on ~* +@read -@dangerous", { authenticationMode: { type: "no-password-required" } })],
        messages: [/is enabled and needs no password/],
    },
    {
        title: "a user with an empty password list",
        resources: [user("cache", "on ~* +@read -@dangerous", { authenticationMode: { type: "password", passwords: [] } })],
        messages: [/is enabled but has no password/],
    },
    { title: "a switched-off default user with nopass", resources: [user("default", "off nopass -@all")], messages: [] },
]);

describeRule(elastiCacheUserDangerousCommands, [
    {
        title: "application roles that end with -@dangerous, and a switched-off user",
        resources: [app, defaultOff, user("reports", "on ~* &* -@all +@read +@connection -@dangerous")],
        messages: [],
    },
    {
        title: "an application user with +@all",
        resources: [user("ops", "on ~* &* +@all")],
        messages: [
            /^ElastiCache user "ops" is not an administrator but its ACL rules grant 75 dangerous command\(s\): ACL DELUSER \(through \+@all\), .* and 67 more\. End the rules with -@dangerous/,
        ],
    },
    {
        title: "an application user with +@write +@read",
        resources: [user("app", "on ~* &* +@write +@read")],
        messages: [
            /grant 10 dangerous command\(s\): FLUSHALL \(through \+@write\), FLUSHDB \(through \+@write\), KEYS \(through \+@read\), MIGRATE/,
        ],
    },
    {
        title: "an application user with +@slow",
        resources: [user("app", "on ~app:* +@slow")],
        messages: [/grant 72 dangerous command\(s\): ACL DELUSER \(through \+@slow\)/],
    },
    {
        title: "a command no known release has",
        resources: [user("app", "on ~* -@all +@read -@dangerous +commandlog")],
        messages: [/^ElastiCache user "app" is granted \+commandlog, which no release the pack knows/],
    },
    {
        title: "an access string that no release accepts",
        resources: [user("app", "on ~* +@nosuchcategory")],
        messages: [
            /^ElastiCache user "app" has ACL rules that no known Redis or Valkey version accepts \(redis 7\.0\.15: unknown ACL category "nosuchcategory"/,
        ],
    },
    {
        title: "a user granted FLUSHALL by name",
        resources: [user("jobs", "on ~* -@all +@read +flushall")],
        messages: [
            /grant 3 dangerous command\(s\): FLUSHALL \(through \+flushall\), KEYS \(through \+@read\), SORT_RO \(through \+@read\)\./,
        ],
    },
    {
        title: "+@dangerous re-granted after the deny",
        resources: [user("jobs", "on ~* +@all -@dangerous +@dangerous")],
        messages: [/grant 75 dangerous command\(s\): ACL DELUSER \(through \+@dangerous\)/],
    },
    { title: "the administrator named in the default config", resources: [user("admin", "on ~* &* +@all")], messages: [] },
    {
        title: "an administrator named in the pack config",
        resources: [user("ops", "on ~* &* +@all")],
        config: { "elasticache-user-dangerous-commands": { adminUserNames: ["ops"] } },
        messages: [],
    },
]);

const userGroup = (userIds: unknown[], ...members: ReturnType<typeof user>[]) =>
    fedBy(planned(GROUP, "orders-users", { userGroupId: "orders-users", engine: "redis", userIds }), "userIds", ...members);

describeRule(elastiCacheDefaultUserEnabled, [
    {
        title: "a group whose default user is switched off",
        resources: [app, defaultOff, userGroup(["orders-default-off", "orders-app"], defaultOff, app)],
        messages: [],
    },
    {
        title: "a group with ElastiCache's built-in default user",
        resources: [app, userGroup(["default", "orders-app"], app)],
        messages: [
            /^ElastiCache user group "orders-users" includes ElastiCache's built-in "default" user, which is enabled with no password/,
        ],
    },
    {
        title: "a group whose own default user is switched on",
        resources: [
            app,
            user("default", "on ~* +@all", { userId: "orders-default" }),
            planned(GROUP, "orders-users", { userGroupId: "orders-users", engine: "redis", userIds: ["orders-default", "orders-app"] }),
        ],
        messages: [/^ElastiCache user group "orders-users" includes default user "default", which is switched on/],
    },
    {
        title: "an enabled default user added through a UserGroupAssociation",
        resources: [
            app,
            userGroup(["orders-app"], app),
            user("default", "on ~* +@read", { userId: "orders-default" }),
            planned(ASSOCIATION, "add-default", { userGroupId: "orders-users", userId: "orders-default" }),
        ],
        messages: [/includes default user "default", which is switched on/],
    },
]);

describeRule(elastiCacheLiteralPassword, [
    { title: "passwords from random.RandomPassword", resources: [generator, app, defaultOff], messages: [] },
    {
        title: "a password written in the program",
        resources: [user("app", "on ~* +@all -@dangerous")],
        messages: [
            /^User "app" sets authenticationMode to a password written in the program or its config, not one generated by random:index\/randomPassword:RandomPassword/,
        ],
    },
    {
        title: "a literal AUTH token on a replication group",
        resources: [
            planned(RG, "orders", { replicationGroupId: "orders", description: "x", authToken: secret("typed-by-hand-0123456789") }),
        ],
        messages: [/^ReplicationGroup "orders" sets authToken to a password written in the program/],
    },
    {
        title: "a password taken from a non-secret RandomString",
        resources: (() => {
            const random = planned("random:index/randomString:RandomString", "weak", { length: 20 });
            return [random, fedBy(user("app", "on ~* +@all -@dangerous"), "authenticationMode", random)];
        })(),
        messages: [/sets authenticationMode to a password taken from RandomString "weak", not one generated by/],
    },
    {
        title: "IAM users, which have no password",
        resources: [user("svc", "on ~* +@read -@dangerous", { authenticationMode: { type: "iam" } })],
        messages: [],
    },
]);
