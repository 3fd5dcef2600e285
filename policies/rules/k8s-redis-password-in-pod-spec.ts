import { cwe, redisSecurity } from "../lib/controls";
import { isPasswordName, isPasswordValue, passwordOptions } from "../lib/credentials";
import { Known, containerArgv, containerEnvironment, valuesOf } from "../lib/kubelet";
import { WORKLOAD_TYPES, containersOf, hasRedisLabel, isRedisWorkload, podTemplateOf, repositoryOf } from "../lib/kubernetes";
import { UNKNOWN, isUnknown, listOf, objectOf, stringOf } from "../lib/read";
import { stackRule } from "../lib/rule";
import { commandsRun } from "../lib/shell";

/** The argvs a container runs: its own, and those of its probes and lifecycle hooks. */
function commandsOf(container: Record<string, any>): Record<string, any>[] {
    const hooks = [container.livenessProbe, container.readinessProbe, container.startupProbe, objectOf(container.lifecycle).postStart, objectOf(container.lifecycle).preStop];
    return [container, ...hooks.map((hook) => ({ command: objectOf(objectOf(hook).exec).command }))];
}

/** A Redis server, or a workload that its labels or images tie to Redis (a client with a Redis password). */
function usesRedis(workload: Parameters<typeof isRedisWorkload>[0]): boolean {
    const { labels, spec } = podTemplateOf(workload);
    const images = containersOf(spec).map((c) => stringOf(c.container.image) ?? "");
    return isRedisWorkload(workload) || hasRedisLabel(labels) || hasRedisLabel(objectOf(objectOf(workload.props.metadata).labels)) || images.some((i) => /redis|valkey/.test(repositoryOf(i)));
}

export const k8sRedisPasswordInPodSpec = stackRule(
    {
        name: "k8s-redis-password-in-pod-spec",
        description:
            "Redis passwords must not be passed on a container's command line (--requirepass, --masterauth, -a, a URI with a password), " +
            "where every process on the node can read them, nor written as literal environment values in the pod spec.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            cwe(214, "Invocation of Process Using Visible Sensitive Information"),
            redisSecurity("Authentication", "Keep passwords out of process lists and manifests", "#authentication"),
        ],
        remediation:
            "Put the ACL file (with the passwords) in a Kubernetes Secret mounted as a file and load it with aclfile; give clients their password through " +
            "env valueFrom.secretKeyRef (REDISCLI_AUTH for redis-cli) or a mounted file, never a command-line option.",
    },
    (stack, report) => {
        for (const workload of stack.ofType(...WORKLOAD_TYPES)) {
            if (!usesRedis(workload)) continue;
            const problems = containersOf(podTemplateOf(workload).spec).flatMap(({ name, container }) => {
                const env = containerEnvironment({ workload }, container);
                const argvs = commandsOf(container).map((command) => containerArgv(command, env));
                const words = argvs.flatMap((argv) => (isUnknown(argv) ? [] : commandsRun(argv.argv, valuesOf(env), () => UNKNOWN)));
                // A word not known before deployment still counts as a value: `--requirepass $(PASSWORD)` exposes whatever it becomes.
                const known = (invocation: Known<string>[]) => invocation.map((w) => (isUnknown(w) ? "" : w));
                const options = [...new Set(words.flatMap((invocation) => passwordOptions(known(invocation))))].map((option) => `container "${name}" passes ${option} on its command line`);
                const literals = listOf(container.env)
                    .map(objectOf)
                    .filter((entry) => typeof entry.name === "string" && isPasswordName(entry.name) && isPasswordValue(stringOf(entry.value)))
                    .map((entry) => `container "${name}" sets ${entry.name} to a literal value`);
                return [...options, ...literals];
            });
            if (problems.length > 0) {
                report(`Redis workload "${workload.name}" exposes a password: ${problems.join("; ")}. Load passwords from a mounted Secret instead.`, workload.urn);
            }
        }
    },
);
