import { MockHarness, unwrapSecret } from "../support/harness";

/** What the component rendered, read back from the resources it registered under the mock harness. */
export function renderedFiles(harness: MockHarness, name: string) {
    const configMap = harness.one("kubernetes:core/v1:ConfigMap", `${name}-config`).inputs;
    const authSecret = harness.one("kubernetes:core/v1:Secret", `${name}-auth`).inputs;
    const container = harness.one("kubernetes:apps/v1:StatefulSet", `${name}-statefulset`).inputs.spec.template.spec.containers[0];
    return {
        config: configMap.data as Record<string, string>,
        auth: unwrapSecret(authSecret.stringData) as Record<string, string>,
        startScript: container.command[2] as string,
        readinessScript: container.readinessProbe.exec.command[2] as string,
    };
}

export type RenderedFiles = ReturnType<typeof renderedFiles>;
