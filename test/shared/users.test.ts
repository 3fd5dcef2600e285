import { validateUsersArgs } from "../../components/shared/users";
import { ArgChecker } from "../../components/shared/validation";

describe("validateUsersArgs", () => {
    const check = new ArgChecker("KubernetesRedis", "r");

    it("fills in every key and narrows the role", () => {
        expect(validateUsersArgs(check, [{ name: "app", role: "readonly" }])).toEqual([
            { name: "app", role: "readonly", keyPatterns: ["*"] },
        ]);
    });

    it("refuses names the component reserves for itself", () => {
        expect(() => validateUsersArgs(check, [{ name: "replication", role: "admin" }], ["replication", "monitoring"])).toThrow(
            /users\[0\]\.name is "replication", a reserved name\. Allowed: any other name; the "default" user is created disabled by the component, and "replication", "monitoring" are used internally/,
        );
    });

    it("refuses an empty key pattern list", () => {
        expect(() => validateUsersArgs(check, [{ name: "app", role: "readonly", keyPatterns: [] }])).toThrow(
            /users\[0\]\.keyPatterns is empty/,
        );
    });
});
