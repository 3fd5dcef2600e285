import { validateEngineArgs } from "../../components/aws/engine";
import { ArgChecker } from "../../components/shared/validation";

const check = new ArgChecker("ElastiCacheRedis", "c");

describe("validateEngineArgs", () => {
    it("derives the parameter group family from engine and major version", () => {
        expect(validateEngineArgs(check, undefined, undefined)).toEqual({
            engine: "redis",
            version: "7.1",
            parameterGroupFamily: "redis7",
        });
        expect(validateEngineArgs(check, "valkey", "7.2")).toEqual({ engine: "valkey", version: "7.2", parameterGroupFamily: "valkey7" });
        expect(validateEngineArgs(check, "valkey", undefined)).toEqual({
            engine: "valkey",
            version: "8.1",
            parameterGroupFamily: "valkey8",
        });
    });
});
