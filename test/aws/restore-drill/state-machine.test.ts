import type * as LocalStepFunctions from "aws-local-stepfunctions" with { "resolution-mode": "import" };
import {
    DRILL_STATES as S,
    DrillDefinitionOptions,
    drillTimeoutSeconds,
    restoreDrillDefinition,
} from "../../../components/aws/restore-drill/definition";

// aws-local-stepfunctions ships a CommonJS build for require() beside its ES modules.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- its typings are those of the ES modules.
const { StateMachine } = require("aws-local-stepfunctions") as typeof LocalStepFunctions;
// asl-validator is CommonJS with a default function export.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- its typings declare no CommonJS export.
const aslValidator = require("asl-validator") as (
    definition: unknown,
    options?: { checkArn?: boolean; checkPaths?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };

const CONTROL = "arn:aws:lambda:eu-west-1:123456789012:function:orders-restore-drill";
const VALIDATE = "arn:aws:lambda:eu-west-1:123456789012:function:orders-restore-validate";
const ARGS: DrillDefinitionOptions = {
    controlFunctionArn: CONTROL,
    validateFunctionArn: VALIDATE,
    pollSeconds: 60,
    maxPolls: 120,
    maxCanaryAgeSeconds: 300,
    keyCountTolerancePercent: 1,
    sampleSize: 20,
};
const DRILL_GROUP = "drill-orders-mi5x0abc";
const BACKUP = {
    kind: "snapshot",
    snapshotName: "automatic.orders-2026-11-30-03-10",
    bucket: null,
    objectKeys: [],
    backupCreatedAt: "2026-11-30T03:10:00.000Z",
    chosenAt: "2026-11-30T07:00:00.000Z",
    engine: "redis",
    engineVersion: "7.1",
    expectedKeys: 1000,
};
const PASSED = {
    passed: true,
    failures: [],
    keys: 1000,
    expectedKeys: 1000,
    canaryWrittenAt: "2026-11-30T03:09:30.000Z",
    rpoSeconds: 30,
    sampledKeys: 20,
    validatedAt: "2026-11-30T07:18:00.000Z",
    rtoSeconds: 1080,
};

/** A Lambda error as Step Functions sees it: the error's name is the `Error` the catchers match. */
function lambdaError(name: string, message: string): Error {
    const error = new Error(message);
    error.name = name;
    return error;
}

interface Run {
    /** Every call to a Task, in order: the state's name and the input it got. */
    calls: { state: string; input: any }[];
    states: string[];
    output?: any;
    error?: Error;
}

type Handlers = Partial<Record<(typeof S)[keyof typeof S], (input: any) => unknown>>;

/** Runs the definition in the local interpreter with every Task mocked; waits and retries take no time. */
async function execute(overrides: Handlers = {}, args: DrillDefinitionOptions = ARGS): Promise<Run> {
    const calls: Run["calls"] = [];
    let polls = 0;
    const defaults: Handlers = {
        [S.start]: () => ({ replicationGroupId: DRILL_GROUP, startedAt: "2026-11-30T07:00:00.000Z", removedOrphans: [] }),
        [S.pick]: () => BACKUP,
        [S.create]: (input) => ({ replicationGroupId: input.replicationGroupId }),
        [S.status]: (input) => {
            polls++;
            const available = polls >= 3;
            const host = available ? "master.drill.cache.amazonaws.com" : null;
            return {
                available,
                status: available ? "available" : "creating",
                attempt: input.attempt + 1,
                host,
                port: available ? 6380 : null,
                shards: available ? [{ host, port: 6380 }] : [],
            };
        },
        [S.validate]: () => PASSED,
        [S.cleanup]: (input) => ({ replicationGroupId: input.replicationGroupId, deleted: true }),
        [S.recordSuccess]: () => ({ published: ["RestoreDrillSucceeded"] }),
        [S.recordFailure]: () => ({ published: ["RestoreDrillSucceeded"] }),
    };
    const handlers = { ...defaults, ...overrides };
    const taskResourceLocalHandlers = Object.fromEntries(
        Object.entries(handlers).map(([state, handler]) => [
            state,
            async (input: any) => {
                calls.push({ state, input });
                return handler!(input) as any;
            },
        ]),
    );
    const machine = new StateMachine(restoreDrillDefinition(args) as any, { validationOptions: { checkArn: true, checkPaths: true } });
    const execution = machine.run(
        {},
        {
            overrides: {
                taskResourceLocalHandlers,
                waitTimeOverrides: { [S.wait]: 0 },
                retryIntervalOverrides: { [S.cleanup]: 0, [S.status]: 0 },
            },
        },
    );
    const states: string[] = [];
    const collect = (async () => {
        for await (const event of execution.eventLogs) if (event.type === "StateEntered") states.push(event.state.name);
    })();
    try {
        const output = await execution.result;
        await collect;
        return { calls, states, output };
    } catch (error) {
        await collect;
        return { calls, states, error: error as Error };
    }
}

const called = (run: Run, state: string) => run.calls.filter((c) => c.state === state);

/** The execution ended in the Fail state, whose cause the interpreter reports. */
function expectFailed(run: Run): void {
    expect(run.states[run.states.length - 1]).toBe(S.failed);
    expect(run.error?.message).toMatch(/The restore drill failed/);
}

describe("the restore drill state machine definition", () => {
    it("is valid Amazon States Language, ARNs and paths included", () => {
        const result = aslValidator(restoreDrillDefinition(ARGS), { checkArn: true, checkPaths: true });
        expect({ valid: result.isValid, errors: result.errorsText() }).toEqual({ valid: true, errors: "" });
    });

    it("calls the two functions only, and bounds the whole execution by the wait plus a margin", () => {
        const definition = restoreDrillDefinition(ARGS);
        const resources = Object.values(definition.States).flatMap((state: any) => (state.Resource ? [state.Resource] : []));
        expect(new Set(resources)).toEqual(new Set([CONTROL, VALIDATE]));
        expect(definition.TimeoutSeconds).toBe(60 * 120 + 2 * 3600);
        expect(drillTimeoutSeconds(ARGS)).toBe(definition.TimeoutSeconds);
    });
});

describe("executing the restore drill with every task mocked", () => {
    it("happy path: restores, waits, validates, deletes the drill group and publishes RTO and RPO", async () => {
        const run = await execute();
        expect(run.error).toBeUndefined();
        expect(run.calls.map((c) => c.state)).toEqual([
            S.start,
            S.pick,
            S.create,
            S.status,
            S.status,
            S.status,
            S.validate,
            S.cleanup,
            S.recordSuccess,
        ]);
        expect(called(run, S.create)[0].input).toEqual({ action: "create", replicationGroupId: DRILL_GROUP, backup: BACKUP });
        expect(called(run, S.status).map((c) => c.input.attempt)).toEqual([0, 1, 2]);
        expect(called(run, S.validate)[0].input).toEqual({
            host: "master.drill.cache.amazonaws.com",
            port: 6380,
            shards: [{ host: "master.drill.cache.amazonaws.com", port: 6380 }],
            backupCreatedAt: BACKUP.backupCreatedAt,
            chosenAt: BACKUP.chosenAt,
            expectedKeys: 1000,
            maxCanaryAgeSeconds: 300,
            keyCountTolerancePercent: 1,
            sampleSize: 20,
        });
        expect(called(run, S.cleanup)[0].input).toEqual({ action: "delete", replicationGroupId: DRILL_GROUP });
        expect(called(run, S.recordSuccess)[0].input).toEqual({ action: "publish", succeeded: true, rtoSeconds: 1080, rpoSeconds: 30 });
        expect(run.states).toContain(S.succeeded);
        expect(run.output.validation).toEqual(PASSED);
    });

    it("from an export: creates the group from the export's objects and records them in the execution's output", async () => {
        const keys = ["orders-20261130-031005-0001.rdb", "orders-20261130-031005-0002.rdb"];
        const fromExport = {
            ...BACKUP,
            kind: "export",
            snapshotName: "automatic.orders-2026-11-30-03-10",
            bucket: "orders-backup-1",
            objectKeys: keys,
            backupCreatedAt: "2026-11-30T03:10:05.000Z",
        };
        const run = await execute({ [S.pick]: () => fromExport });
        expect(run.error).toBeUndefined();
        expect(called(run, S.create)[0].input).toEqual({ action: "create", replicationGroupId: DRILL_GROUP, backup: fromExport });
        expect(called(run, S.validate)[0].input).toMatchObject({ backupCreatedAt: "2026-11-30T03:10:05.000Z", expectedKeys: 1000 });
        expect(run.output.backup).toEqual(fromExport);
        expect(run.states).toContain(S.succeeded);
    });

    it("sharded: validates through the configuration endpoint and every shard's node", async () => {
        const shards = [1, 2, 3].map((n) => ({ host: `drill-000${n}-001.cache.amazonaws.com`, port: 6380 }));
        const run = await execute({
            [S.status]: (input) => ({
                available: true,
                status: "available",
                attempt: input.attempt + 1,
                host: "clustercfg.drill.cache.amazonaws.com",
                port: 6380,
                shards,
            }),
        });
        expect(run.error).toBeUndefined();
        expect(called(run, S.validate)[0].input).toMatchObject({ host: "clustercfg.drill.cache.amazonaws.com", port: 6380, shards });
        expect(run.calls.map((c) => c.state)).toEqual([S.start, S.pick, S.create, S.status, S.validate, S.cleanup, S.recordSuccess]);
    });

    it("no snapshot: publishes a failure, runs the cleanup and fails", async () => {
        const run = await execute({
            [S.pick]: () => {
                throw lambdaError("NoBackup", "orders has no available automatic snapshot");
            },
        });
        expectFailed(run);
        expect(run.calls.map((c) => c.state)).toEqual([S.start, S.pick, S.cleanup, S.recordFailure]);
        expect(called(run, S.recordFailure)[0].input).toEqual({ action: "publish", succeeded: false, rtoSeconds: null, rpoSeconds: null });
        expect(run.states).not.toContain(S.create);
    });

    it("creation failing: deletes whatever was created and fails", async () => {
        const run = await execute({
            [S.create]: () => {
                throw lambdaError("InsufficientCacheClusterCapacityFault", "no capacity for cache.r7g.large");
            },
        });
        expect(run.calls.map((c) => c.state)).toEqual([S.start, S.pick, S.create, S.cleanup, S.recordFailure]);
        expectFailed(run);
    });

    it("validation failing: publishes the measured RPO and RTO with the failure, and deletes the group", async () => {
        const failed = { ...PASSED, passed: false, failures: ["The canary was 900 s old when the backup was taken"], rpoSeconds: 900 };
        const run = await execute({ [S.validate]: () => failed });
        expect(run.calls.map((c) => c.state)).toEqual([
            S.start,
            S.pick,
            S.create,
            S.status,
            S.status,
            S.status,
            S.validate,
            S.cleanup,
            S.recordFailure,
        ]);
        expect(run.states).toContain(S.validationFailed);
        expect(called(run, S.recordFailure)[0].input).toEqual({ action: "publish", succeeded: false, rtoSeconds: 1080, rpoSeconds: 900 });
        expectFailed(run);
    });

    it("a TLS or ACL error of the validation function fails the drill the same way", async () => {
        const run = await execute({
            [S.validate]: () => {
                throw lambdaError("ReplyError", "NOPERM this user has no permissions to run the 'dbsize' command");
            },
        });
        expect(run.calls.slice(-2).map((c) => c.state)).toEqual([S.cleanup, S.recordFailure]);
        expect(called(run, S.cleanup)[0].input.replicationGroupId).toBe(DRILL_GROUP);
    });

    it("the wait timing out: gives up after maxPolls checks, deletes the group and fails", async () => {
        const run = await execute(
            {
                [S.status]: (input) => ({
                    available: false,
                    status: "creating",
                    attempt: input.attempt + 1,
                    host: null,
                    port: null,
                    shards: [],
                }),
            },
            { ...ARGS, maxPolls: 4 },
        );
        expect(called(run, S.status)).toHaveLength(4);
        expect(run.states).toContain(S.timedOut);
        expect(run.calls.slice(-2).map((c) => c.state)).toEqual([S.cleanup, S.recordFailure]);
        expect(called(run, S.validate)).toHaveLength(0);
        expectFailed(run);
    });

    it("a failure in the middle (the group fails while being created): deletes the group and fails", async () => {
        const run = await execute({
            [S.status]: () => {
                throw lambdaError("CreateFailed", `The drill group ${DRILL_GROUP} is create-failed`);
            },
        });
        expect(run.calls.map((c) => c.state)).toEqual([S.start, S.pick, S.create, S.status, S.cleanup, S.recordFailure]);
    });

    it("retries the cleanup while the group cannot be deleted yet, and succeeds once it can", async () => {
        let attempts = 0;
        const run = await execute({
            [S.cleanup]: (input) => {
                if (++attempts < 3) throw lambdaError("InvalidReplicationGroupStateFault", "the group is modifying");
                return { replicationGroupId: input.replicationGroupId, deleted: true };
            },
        });
        expect(called(run, S.cleanup)).toHaveLength(3);
        expect(run.states).toContain(S.succeeded);
        expect(run.error).toBeUndefined();
    });

    it("a cleanup that never succeeds fails the drill, leaving the group to the next run's janitor", async () => {
        const run = await execute({
            [S.cleanup]: () => {
                throw lambdaError("InvalidReplicationGroupStateFault", "the group is modifying");
            },
        });
        expect(called(run, S.cleanup)).toHaveLength(1 + 12);
        expect(called(run, S.recordFailure)).toHaveLength(1);
        expect(called(run, S.recordSuccess)).toHaveLength(0);
        expectFailed(run);
    });

    it("a janitor failure fails the drill before anything is created", async () => {
        const run = await execute({
            [S.start]: () => {
                throw lambdaError("AccessDenied", "not authorised to perform elasticache:DescribeReplicationGroups");
            },
        });
        expect(run.calls.map((c) => c.state)).toEqual([S.start, S.recordFailure]);
    });
});
