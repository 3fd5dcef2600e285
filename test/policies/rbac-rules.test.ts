import { analyzeAccessString } from "../../policies/lib/access-string";
import { elastiCacheDefaultUserEnabled } from "../../policies/rules/elasticache-default-user-enabled";
import { elastiCacheLiteralPassword } from "../../policies/rules/elasticache-literal-password";
import { elastiCacheUserDangerousCommands } from "../../policies/rules/elasticache-user-dangerous-commands";
import { elastiCacheUserWithoutPassword } from "../../policies/rules/elasticache-user-without-password";
import { describeRule, fedBy, planned, secret } from "./fixtures";

const USER = "aws:elasticache/user:User";
const GROUP = "aws:elasticache/userGroup:UserGroup";
const ASSOCIATION = "aws:elasticache/userGroupAssociation:UserGroupAssociation";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const PASSWORD = "random:index/randomPassword:RandomPassword";

const generator = planned(PASSWORD, "app-password", { length: 32, special: true });

function user(name: string, accessString: string, extra: Record<string, unknown> = {}) {
    return planned(USER, name, { userId: `orders-${name}`, userName: name, engine: "redis", accessString, authenticationMode: secret({ type: "password", passwords: ["generated-in-the-test"] }), ...extra });
}

const app = fedBy(user("app", "on ~orders:* &* +@all -@dangerous"), "authenticationMode", generator);
const defaultOff = fedBy(user("default", "off -@all", { userId: "orders-default-off" }), "authenticationMode", generator);

describe("access strings", () => {
    it.each([
        ["on ~* &* +@all -@dangerous", true, []],
        ["on ~* &* -@all +@read +@connection -@dangerous", true, []],
        ["on ~* &* +@all", true, ["+@all"]],
        ["on ~* allcommands", true, ["allcommands"]],
        ["on ~* +@read +@dangerous", true, ["+@dangerous"]],
        ["on ~* +@admin", true, ["+@admin"]],
        ["on ~* -@all +get +FLUSHALL +config|set", true, ["+FLUSHALL", "+config|set"]],
        ["on ~* +@all -@dangerous +flushdb", true, ["+flushdb"]],
        ["on ~* -@dangerous +@all", true, ["+@all"]],
        ["on ~* +flushall -flushall", true, []],
        ["on ~* -@all (~logs:* +@all)", true, ["+@all"]],
        ["off -@all", false, []],
        ["~* +@all", false, ["+@all"]],
        ["on off", false, []],
    ])("%s: enabled %s, dangerous grants %j", (accessString, enabled, grants) => {
        const analysis = analyzeAccessString(accessString);
        expect(analysis.enabled).toBe(enabled);
        expect(analysis.dangerousGrants).toEqual(grants);
    });

    it("sees nopass until resetpass takes it back", () => {
        expect(analyzeAccessString("on nopass ~* +@read").nopass).toBe(true);
        expect(analyzeAccessString("on nopass resetpass ~* +@read").nopass).toBe(false);
    });
});

describeRule(elastiCacheUserWithoutPassword, [
    { title: "users with generated passwords, and one with IAM", resources: [app, defaultOff, user("svc", "on ~* +@read -@dangerous", { authenticationMode: { type: "iam" } })], messages: [] },
    { title: "a user with nopass in its access string", resources: [user("cache", "on nopass ~* +@read -@dangerous")], messages: [/^ElastiCache user "cache" is enabled with nopass in its access string/] },
    { title: "a user with noPasswordRequired", resources: [user("cache", "on ~* +@read -@dangerous", { authenticationMode: undefined, noPasswordRequired: true })], messages: [/^ElastiCache user "cache" is enabled and needs no password/] },
    { title: "a user with the no-password-required mode", resources: [user("cache", "on ~* +@read -@dangerous", { authenticationMode: { type: "no-password-required" } })], messages: [/is enabled and needs no password/] },
    { title: "a user with an empty password list", resources: [user("cache", "on ~* +@read -@dangerous", { authenticationMode: { type: "password", passwords: [] } })], messages: [/is enabled but has no password/] },
    { title: "a switched-off default user with nopass", resources: [user("default", "off nopass -@all")], messages: [] },
]);

describeRule(elastiCacheUserDangerousCommands, [
    { title: "application roles that end with -@dangerous, and a switched-off user", resources: [app, defaultOff, user("reports", "on ~* &* -@all +@read +@connection -@dangerous")], messages: [] },
    { title: "an application user with +@all", resources: [user("ops", "on ~* &* +@all")], messages: [/^ElastiCache user "ops" is not an administrator but its access string grants dangerous commands through \+@all with no later -@dangerous/] },
    { title: "a user granted FLUSHALL by name", resources: [user("jobs", "on ~* -@all +@read +flushall")], messages: [/through \+flushall/] },
    { title: "+@dangerous re-granted after the deny", resources: [user("jobs", "on ~* +@all -@dangerous +@dangerous")], messages: [/through \+@dangerous/] },
    { title: "the administrator named in the default config", resources: [user("admin", "on ~* &* +@all")], messages: [] },
    { title: "an administrator named in the pack config", resources: [user("ops", "on ~* &* +@all")], config: { "elasticache-user-dangerous-commands": { adminUserNames: ["ops"] } }, messages: [] },
]);

const userGroup = (userIds: unknown[], ...members: ReturnType<typeof user>[]) => fedBy(planned(GROUP, "orders-users", { userGroupId: "orders-users", engine: "redis", userIds }), "userIds", ...members);

describeRule(elastiCacheDefaultUserEnabled, [
    { title: "a group whose default user is switched off", resources: [app, defaultOff, userGroup(["orders-default-off", "orders-app"], defaultOff, app)], messages: [] },
    { title: "a group with ElastiCache's built-in default user", resources: [app, userGroup(["default", "orders-app"], app)], messages: [/^ElastiCache user group "orders-users" includes ElastiCache's built-in "default" user, which is enabled with no password/] },
    {
        title: "a group whose own default user is switched on",
        resources: [app, user("default", "on ~* +@all", { userId: "orders-default" }), planned(GROUP, "orders-users", { userGroupId: "orders-users", engine: "redis", userIds: ["orders-default", "orders-app"] })],
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
    { title: "a password written in the program", resources: [user("app", "on ~* +@all -@dangerous")], messages: [/^User "app" sets authenticationMode to a password written in the program or its config, not one generated by random:index\/randomPassword:RandomPassword/] },
    { title: "a literal AUTH token on a replication group", resources: [planned(RG, "orders", { replicationGroupId: "orders", description: "x", authToken: secret("typed-by-hand-0123456789") })], messages: [/^ReplicationGroup "orders" sets authToken to a password written in the program/] },
    {
        title: "a password taken from a non-secret RandomString",
        resources: (() => {
            const random = planned("random:index/randomString:RandomString", "weak", { length: 20 });
            return [random, fedBy(user("app", "on ~* +@all -@dangerous"), "authenticationMode", random)];
        })(),
        messages: [/sets authenticationMode to a password taken from RandomString "weak", not one generated by/],
    },
    { title: "IAM users, which have no password", resources: [user("svc", "on ~* +@read -@dangerous", { authenticationMode: { type: "iam" } })], messages: [] },
]);
