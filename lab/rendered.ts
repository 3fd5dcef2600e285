import { MockDeployment, unwrapSecret } from "./mock-deployment";

/** What the component rendered, read back from the resources it registered under the mocks. */
export function renderedFiles(deployment: MockDeployment, name: string) {
    const configMap = deployment.one("kubernetes:core/v1:ConfigMap", `${name}-config`).inputs;
    const authSecret = deployment.one("kubernetes:core/v1:Secret", `${name}-auth`).inputs;
    const container = deployment.one("kubernetes:apps/v1:StatefulSet", `${name}-statefulset`).inputs.spec.template.spec.containers[0];
    return {
        config: configMap.data as Record<string, string>,
        auth: unwrapSecret(authSecret.stringData) as Record<string, string>,
        startScript: container.command[2] as string,
        readinessScript: container.readinessProbe.exec.command[2] as string,
    };
}

export type RenderedFiles = ReturnType<typeof renderedFiles>;
