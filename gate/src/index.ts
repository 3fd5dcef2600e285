// The gate as a library: the evaluator that runs the policy pack as the Pulumi engine would, the mock
// runtime that records a program's resources, and the reports the command line prints and writes.
export { evaluatePolicies } from "./evaluate";
export type { PlannedResource, Violation, EvaluateOptions } from "./evaluate";
export { toPlannedResource } from "./planned-resource";
export type { RecordedResourceLike } from "./planned-resource";
export {
    RecordingMocks,
    waitForRegistrations,
    OWN_RUNTIME,
    OFFLINE_ACCOUNT_ID,
    OFFLINE_REGION,
    OFFLINE_CANONICAL_USER_ID,
    OFFLINE_INVOKES,
} from "./mock-runtime";
export type {
    RegisteredResource,
    InvokeMock,
    RecordingMocksOptions,
    PulumiRuntime,
    SourcePosition,
    UnansweredInvoke,
} from "./mock-runtime";
export { runProgram, programRuntime, deployingAccount, plannedResources } from "./program";
export type { ProgramRun } from "./program";
export { resolveTarget, knownStacks, flattenConfig, TargetError, OFFLINE_SECRET_PLACEHOLDER, DEFAULT_STACK } from "./project";
export type { ProgramTarget } from "./project";
export { planGroups, formatPlan, formatViolations, regionOf } from "./report";
export type { PlanGroup } from "./report";
export { toSarif } from "./sarif";
export type { SarifInput, SarifRule } from "./sarif";
export { Progress } from "./progress";
