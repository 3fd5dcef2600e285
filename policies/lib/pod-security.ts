import { containersOf } from "./kubernetes";
import { booleanOf, isUnknown, listOf, numberOf, objectOf, stringOf } from "./read";

/** Volume types the restricted profile allows. */
const RESTRICTED_VOLUME_TYPES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);
const ALLOWED_ADDED_CAPABILITIES = new Set(["NET_BIND_SERVICE"]);
const ALLOWED_SECCOMP = new Set(["RuntimeDefault", "Localhost"]);

/**
 * What breaks the Pod Security Standards restricted profile (which includes baseline) in a pod spec,
 * one phrase per problem. Values unknown during preview are not counted as problems.
 */
export function restrictedProfileProblems(spec: Record<string, any>): string[] {
    const problems: string[] = [];
    const pod = objectOf(spec.securityContext);
    for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
        if (booleanOf(spec[field]) === true) problems.push(`the pod sets ${field}: true`);
    }
    for (const volume of listOf(spec.volumes).map(objectOf)) {
        const types = Object.keys(volume).filter((key) => key !== "name");
        const forbidden = types.filter((type) => !RESTRICTED_VOLUME_TYPES.has(type));
        if (forbidden.length > 0) problems.push(`volume "${stringOf(volume.name) ?? "?"}" is of type ${forbidden.join(", ")}`);
    }
    if (numberOf(pod.runAsUser) === 0) problems.push("the pod runs as user 0 (root)");
    for (const { list, name, container } of containersOf(spec)) {
        const ctx = objectOf(container.securityContext);
        const where = `${list === "containers" ? "container" : list.replace(/s$/, "")} "${name}"`;
        const runAsNonRoot = ctx.runAsNonRoot ?? pod.runAsNonRoot;
        if (!isUnknown(runAsNonRoot) && booleanOf(runAsNonRoot) !== true) problems.push(`${where} does not set runAsNonRoot: true`);
        if (numberOf(ctx.runAsUser) === 0) problems.push(`${where} runs as user 0 (root)`);
        if (booleanOf(ctx.privileged) === true) problems.push(`${where} is privileged`);
        if (!isUnknown(ctx.allowPrivilegeEscalation) && booleanOf(ctx.allowPrivilegeEscalation) !== false) problems.push(`${where} does not set allowPrivilegeEscalation: false`);
        const capabilities = objectOf(ctx.capabilities);
        if (!isUnknown(capabilities.drop) && !listOf(capabilities.drop).includes("ALL")) problems.push(`${where} does not drop ALL capabilities`);
        const added = listOf(capabilities.add).filter((c) => typeof c === "string" && !ALLOWED_ADDED_CAPABILITIES.has(c));
        if (added.length > 0) problems.push(`${where} adds capabilities ${added.join(", ")}`);
        const seccomp = objectOf(ctx.seccompProfile).type ?? objectOf(pod.seccompProfile).type;
        if (!isUnknown(seccomp) && !ALLOWED_SECCOMP.has(stringOf(seccomp) ?? "")) problems.push(`${where} has no seccompProfile of type RuntimeDefault or Localhost`);
        const hostPorts = listOf(container.ports).map((p) => numberOf(objectOf(p).hostPort)).filter((p) => p !== undefined && p !== 0);
        if (hostPorts.length > 0) problems.push(`${where} binds host port ${hostPorts.join(", ")}`);
        if (stringOf(ctx.procMount) !== undefined && ctx.procMount !== "Default") problems.push(`${where} sets procMount ${ctx.procMount}`);
    }
    return problems;
}
