import { cwe, redisSecurity } from "../lib/controls";
import { isPasswordName, passwordOptions } from "../lib/credentials";
import { WORKLOAD_TYPES, containersOf, isRedisWorkload, podTemplateOf } from "../lib/kubernetes";
import { listOf, objectOf, stringOf } from "../lib/read";
import { commandWords } from "../lib/redis-config";
import { resourceRule } from "../lib/rule";

/** The commands a container runs: its own, and those of its probes and lifecycle hooks. */
function commandsOf(container: Record<string, any>): Record<string, any>[] {
    const hooks = [container.livenessProbe, container.readinessProbe, container.startupProbe, objectOf(container.lifecycle).postStart, objectOf(container.lifecycle).preStop];
    return [container, ...hooks.map((hook) => ({ command: objectOf(objectOf(hook).exec).command }))];
}

export const k8sRedisPasswordInPodSpec = resourceRule(
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
    WORKLOAD_TYPES,
    (workload, report) => {
        if (!isRedisWorkload(workload)) return;
        const problems = containersOf(podTemplateOf(workload).spec).flatMap(({ name, container }) => {
            const options = [...new Set(commandsOf(container).flatMap((command) => passwordOptions(commandWords(command))))].map((option) => `container "${name}" passes ${option} on its command line`);
            const literals = listOf(container.env)
                .map(objectOf)
                .filter((env) => typeof env.name === "string" && isPasswordName(env.name) && (stringOf(env.value) ?? "") !== "")
                .map((env) => `container "${name}" sets ${env.name} to a literal value`);
            return [...options, ...literals];
        });
        if (problems.length > 0) {
            report(`Redis workload "${workload.name}" exposes a password: ${problems.join("; ")}. Load passwords from a mounted Secret instead.`);
        }
    },
);
