/**
 * The checks of the Pod Security Standards `restricted` profile (which includes `baseline`), plus
 * this project's additions: a read-only root filesystem and a UID of 10000 or more.
 */
const RESTRICTED_VOLUME_TYPES = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];
const SECCOMP_TYPES = ["RuntimeDefault", "Localhost"];

export function restrictedProfileViolations(pod: any): string[] {
    const violations: string[] = [];
    const fail = (problem: string) => violations.push(problem);
    for (const field of ["hostNetwork", "hostPID", "hostIPC"]) if (pod[field]) fail(`${field} is set`);
    for (const volume of pod.volumes ?? []) {
        const type = Object.keys(volume).find((key) => key !== "name");
        if (!type || !RESTRICTED_VOLUME_TYPES.includes(type)) fail(`volume ${volume.name} is of type ${type}`);
    }
    const podContext = pod.securityContext ?? {};
    if (podContext.runAsUser === 0) fail("the pod runs as root");
    if (podContext.sysctls?.length) fail("the pod sets sysctls");
    for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
        const at = `container ${container.name}`;
        const context = container.securityContext ?? {};
        if (context.privileged) fail(`${at} is privileged`);
        if (context.allowPrivilegeEscalation !== false) fail(`${at} may escalate privileges`);
        if ((context.runAsNonRoot ?? podContext.runAsNonRoot) !== true) fail(`${at} is not forced to run as non-root`);
        const uid = context.runAsUser ?? podContext.runAsUser;
        if (uid === undefined || uid < 10000) fail(`${at} runs as UID ${uid}, not 10000 or more`);
        if (!SECCOMP_TYPES.includes((context.seccompProfile ?? podContext.seccompProfile)?.type))
            fail(`${at} has no RuntimeDefault or Localhost seccomp profile`);
        if (!context.capabilities?.drop?.includes("ALL")) fail(`${at} does not drop ALL capabilities`);
        for (const added of context.capabilities?.add ?? []) if (added !== "NET_BIND_SERVICE") fail(`${at} adds capability ${added}`);
        if (context.readOnlyRootFilesystem !== true) fail(`${at} has a writable root filesystem`);
        if (context.procMount && context.procMount !== "Default") fail(`${at} uses procMount ${context.procMount}`);
        for (const port of container.ports ?? []) if (port.hostPort) fail(`${at} uses host port ${port.hostPort}`);
    }
    return violations;
}
