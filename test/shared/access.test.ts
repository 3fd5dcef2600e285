import { analyzeAccessString, dangerousCommandsOf } from "../../policies/lib/access-string";
import { COMMAND_TABLES } from "../../policies/lib/command-table";
import { DISABLED_DEFAULT_USER_ACCESS_STRING, ROLES, elastiCacheAccessString, roleRules } from "../../components/shared/access";

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

    // "Dangerous" is the pack's notion (dangerousCommandsOf), which the policy tests check against ACL DRYRUN.
    it("denies every application role every dangerous command in every command table, and grants them to admin", () => {
        for (const role of ROLES) {
            const { enabled, rejectedBy, unknownCommands, dangerousGrants } = analyzeAccessString(
                elastiCacheAccessString(role, ["orders:*"]),
            );
            expect({ role, enabled, rejectedBy, unknownCommands, deniesDangerous: dangerousGrants.length === 0 }).toEqual({
                role,
                enabled: true,
                rejectedBy: [],
                unknownCommands: [],
                deniesDangerous: role !== "admin",
            });
        }
        expect(analyzeAccessString(elastiCacheAccessString("admin")).dangerousGrants.map((g) => g.command)).toEqual(
            expect.arrayContaining(["flushall", "config|set", "keys", "shutdown"]),
        );
    });

    it("counts as dangerous every command the component promises to deny, in every command table", () => {
        for (const table of COMMAND_TABLES) {
            const dangerous = [...dangerousCommandsOf(table)];
            // Commands that wipe, dump, reconfigure, re-replicate or stop the server, or rewrite its users.
            expect({ table: table.version, dangerous }).toEqual({
                table: table.version,
                dangerous: expect.arrayContaining([
                    "flushall",
                    "flushdb",
                    "keys",
                    "config|set",
                    "debug",
                    "shutdown",
                    "monitor",
                    "module|load",
                    "save",
                    "bgsave",
                    "bgrewriteaof",
                    "replicaof",
                    "slaveof",
                    "cluster|reset",
                    "failover",
                    "migrate",
                    "acl|setuser",
                ]),
            });
        }
    });
});
