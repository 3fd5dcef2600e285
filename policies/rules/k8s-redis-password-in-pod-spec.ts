import { cwe, redisSecurity } from "../lib/controls";
import { commandPassword, hasUriPassword, isPasswordName, isPasswordValue, passwordOptions } from "../lib/credentials";
import { Known, PodContext, containerEnvironment } from "../lib/kubelet";
import {
    ContainerView,
    WORKLOAD_TYPES,
    containersOf,
    hasRedisLabel,
    isRedisWorkload,
    podTemplateOf,
    repositoryOf,
} from "../lib/kubernetes";
import { isUnknown, listOf, objectOf, stringOf } from "../lib/known-values";
import { clientCallOf, commandsSent, containerScripts } from "../lib/redis-cli";
import { StackResourceView, StackView, stackRule } from "../lib/rule";

/** Stands for an argument not known before deployment in a command redis-cli sends. */
const UNKNOWN_ARGUMENT = "(a value set at run time)";

/** A Redis server, or a workload that its labels or images tie to Redis (a client with a Redis password). */
function usesRedis(workload: StackResourceView, stack: StackView): boolean {
    const { labels, spec } = podTemplateOf(workload);
    const images = containersOf(spec).map((c) => stringOf(c.container.image) ?? "");
    return (
        isRedisWorkload(workload, stack) ||
        hasRedisLabel(labels) ||
        hasRedisLabel(objectOf(objectOf(workload.props.metadata).labels)) ||
        images.some((i) => /redis|valkey/.test(repositoryOf(i)))
    );
}

/**
 * Where a container exposes a Redis password: on a command line of its own, its probes' or its hooks'
 * (an option, a URI, a command redis-cli sends), or written as an env value. Any workload's Redis client
 * counts; password-named variables and generic options (`--password`) count in a workload tied to Redis.
 */
function exposedPasswords(context: PodContext, { name, container }: ContainerView, redis: boolean): string[] {
    const scripts = containerScripts(container, containerEnvironment(context, container)).map(({ invocations }) => invocations);
    // A word not known before deployment still counts as a value: `--requirepass $(PASSWORD)` exposes whatever it becomes.
    const known = (invocation: Known<string>[]) => invocation.map((w) => (isUnknown(w) ? "" : w));
    const options = scripts
        .flat()
        .filter(
            (invocation) =>
                redis || clientCallOf(invocation) !== undefined || invocation.some((w) => typeof w === "string" && hasUriPassword(w)),
        );
    // Likewise `redis-cli AUTH "$PASSWORD"`, whose argv shows the password; a line printf writes into redis-cli does not.
    const sent = scripts
        .flatMap(commandsSent)
        .flatMap(({ command }) => commandPassword(command.map((w) => (isUnknown(w) ? UNKNOWN_ARGUMENT : w))) ?? []);
    const literals = listOf(container.env)
        .map(objectOf)
        .filter((entry) => typeof entry.name === "string" && typeof entry.value === "string")
        .flatMap((entry) => [
            ...(redis && isPasswordName(entry.name) && isPasswordValue(entry.value)
                ? [`container "${name}" sets ${entry.name} to a literal value`]
                : []),
            ...(hasUriPassword(entry.value) ? [`container "${name}" sets ${entry.name} to a URI with a password`] : []),
        ]);
    return [
        ...[...new Set(options.flatMap((invocation) => passwordOptions(known(invocation))))].map(
            (option) => `container "${name}" passes ${option} on its command line`,
        ),
        ...[...new Set(sent)].map((command) => `container "${name}" sends ${command} on its command line`),
        ...literals,
    ];
}

export const k8sRedisPasswordInPodSpec = stackRule(
    {
        name: "k8s-redis-password-in-pod-spec",
        description:
            "Redis passwords must not be passed on a container's, probe's or hook's command line (--requirepass, --masterauth, -a, a URI with a password, " +
            "AUTH, CONFIG SET requirepass or ACL SETUSER sent by redis-cli), where every process on the node can read them, nor written as literal " +
            "environment values (a password-named variable, or a Redis URI with a password) in the pod spec, in any workload that uses Redis.",
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
            const redis = usesRedis(workload, stack);
            const problems = containersOf(podTemplateOf(workload).spec).flatMap((view) =>
                exposedPasswords({ stack, workload }, view, redis),
            );
            if (problems.length > 0) {
                report(
                    `${redis ? `Redis workload "${workload.name}" exposes a password` : `Workload "${workload.name}" exposes a Redis password`}: ${problems.join("; ")}. Load passwords from a mounted Secret instead.`,
                    workload.urn,
                );
            }
        }
    },
);
