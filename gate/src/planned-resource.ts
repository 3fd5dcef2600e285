import { PlannedResource } from "./evaluate";

/**
 * What a recording of a program under Pulumi's mock runtime holds for each resource (the test
 * harness's `RecordedResource`, the gate's own recordings), given as plain objects: a planned resource
 * whose props are called `inputs`, with secrets in their RPC signature and unknowns as Pulumi's `unknown`.
 */
export type RecordedResourceLike = Omit<PlannedResource, "props"> & { inputs: Record<string, any> };

/** The planned resource that `evaluatePolicies` judges, from a recorded registration. */
export function toPlannedResource(recorded: RecordedResourceLike): PlannedResource {
    return {
        type: recorded.type,
        name: recorded.name,
        urn: recorded.urn,
        props: recorded.inputs,
        parent: recorded.parent,
        dependencies: recorded.dependencies,
        propertyDependencies: recorded.propertyDependencies,
        provider: recorded.provider,
    };
}
