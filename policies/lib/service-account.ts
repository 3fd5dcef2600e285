import { metadataNameOf, namespaceOf } from "./kubernetes";
import { booleanOf, isUnknown, listOf, objectOf, stringOf } from "./known-values";
import { ResourceView } from "./rule";

export const SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";

/** Whether the kubelet gives the pod a service account token, and why; `mounted` is undefined when unknown at preview. */
export interface TokenMount {
    mounted: boolean | undefined;
    because: string;
}

/**
 * Whether a pod gets a service account API token, as Kubernetes decides it
 * (https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting):
 * a projected `serviceAccountToken` volume always carries one; otherwise the pod's
 * `automountServiceAccountToken` wins, and when it is unset, its ServiceAccount's (`serviceAccountName`,
 * `default` when unset) setting applies; token mounting is on when neither sets it.
 */
export function tokenMount(spec: Record<string, any>, namespace: string, serviceAccounts: ResourceView[]): TokenMount {
    const projected = listOf(spec.volumes).find((v) =>
        listOf(objectOf(objectOf(v).projected).sources).some((source) => objectOf(source).serviceAccountToken !== undefined),
    );
    if (projected)
        return { mounted: true, because: `it has a projected serviceAccountToken volume "${stringOf(objectOf(projected).name) ?? "?"}"` };
    const own = spec.automountServiceAccountToken;
    if (isUnknown(own))
        return { mounted: undefined, because: "its pod spec sets automountServiceAccountToken to a value unknown at preview" };
    if (booleanOf(own) !== undefined)
        return { mounted: booleanOf(own), because: `its pod spec sets automountServiceAccountToken: ${booleanOf(own)}` };
    const name = spec.serviceAccountName ?? spec.serviceAccount ?? "default";
    if (isUnknown(name)) return { mounted: undefined, because: "its ServiceAccount name is unknown at preview" };
    const account = serviceAccounts.find(
        (sa) => sa.type === SERVICE_ACCOUNT && metadataNameOf(sa) === name && namespaceOf(sa) === namespace,
    );
    const accountSetting = account?.props.automountServiceAccountToken;
    if (isUnknown(accountSetting))
        return { mounted: undefined, because: `the automountServiceAccountToken of its ServiceAccount "${name}" is unknown at preview` };
    if (booleanOf(accountSetting) === false)
        return { mounted: false, because: `its ServiceAccount "${name}" sets automountServiceAccountToken: false` };
    const where = account ? `ServiceAccount "${name}" does not turn it off` : `ServiceAccount "${name}" is not in the program`;
    return { mounted: true, because: `its pod spec leaves automountServiceAccountToken unset and ${where}` };
}
