import { DANGEROUS_COMMANDS, DISABLED_DEFAULT_USER_ACCESS_STRING, ROLES, elastiCacheAccessString, roleRules } from "../../components/shared/access";
import { validateUsers } from "../../components/shared/users";
import { ArgChecker } from "../../components/shared/validation";

describe("role to ACL mapping", () => {
    it("maps each role to its exact rules", () => {
        expect(roleRules("readwrite", ["orders:*", "carts:*"])).toEqual(["~orders:*", "~carts:*", "&*", "+@all", "-@dangerous"]);
        expect(roleRules("readonly")).toEqual(["~*", "&*", "-@all", "+@read", "+@connection", "-@dangerous"]);
        expect(roleRules("admin")).toEqual(["~*", "&*", "+@all"]);
    });

    it("denies @dangerous last for every application role, so nothing later re-grants it", () => {
        for (const role of ROLES.filter((r) => r !== "admin")) {
            expect(roleRules(role).at(-1)).toBe("-@dangerous");
        }
    });

    it("renders ElastiCache access strings with the user switched on", () => {
        expect(elastiCacheAccessString("readwrite")).toBe("on ~* &* +@all -@dangerous");
        expect(DISABLED_DEFAULT_USER_ACCESS_STRING).toBe("off -@all");
    });

    it("lists the dangerous commands the issue names", () => {
        expect(DANGEROUS_COMMANDS).toEqual(expect.arrayContaining(["FLUSHALL", "FLUSHDB", "KEYS", "CONFIG", "DEBUG", "SHUTDOWN", "MONITOR", "MODULE"]));
    });
});

describe("validateUsers", () => {
    const check = new ArgChecker("KubernetesRedis", "r");

    it("fills in every key and narrows the role", () => {
        expect(validateUsers(check, [{ name: "app", role: "readonly" }])).toEqual([{ name: "app", role: "readonly", keyPatterns: ["*"] }]);
    });

    it("refuses names the component reserves for itself", () => {
        expect(() => validateUsers(check, [{ name: "replication", role: "admin" }], ["replication", "monitoring"])).toThrow(
            /users\[0\]\.name is "replication", a reserved name\. Allowed: any other name; the "default" user is created disabled by the component, and "replication", "monitoring" are used internally/,
        );
    });

    it("refuses an empty key pattern list", () => {
        expect(() => validateUsers(check, [{ name: "app", role: "readonly", keyPatterns: [] }])).toThrow(/users\[0\]\.keyPatterns is empty/);
    });
});
