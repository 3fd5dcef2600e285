import { cwe, kubernetesDocs } from "../lib/controls";
import { credentialsInText, isPasswordName, isPasswordValue } from "../lib/credentials";
import { containerEnvironment, dataOf } from "../lib/kubelet";
import { CONFIG_MAP, WORKLOAD_TYPES, containersOf, hasRedisLabel, isRedisWorkload, podTemplateOf } from "../lib/kubernetes";
import { isUnknown, objectOf } from "../lib/known-values";
import { StackResourceView, StackView, stackRule } from "../lib/rule";

const REDIS_NAME = /redis|valkey/i;

/** Password-named variables that Redis workloads, or Redis-named variables, read from this ConfigMap (`envFrom` with its prefix, `configMapKeyRef`). */
function passwordsReadFrom(stack: StackView, configMap: StackResourceView): string[] {
    return stack.ofType(...WORKLOAD_TYPES).flatMap((workload) => {
        const redis = isRedisWorkload(workload, stack);
        return containersOf(podTemplateOf(workload).spec).flatMap(({ name, container }) =>
            [...containerEnvironment({ stack, workload }, container).values()]
                .filter(
                    (v) =>
                        v.configMap === configMap &&
                        (redis || REDIS_NAME.test(v.name)) &&
                        isPasswordName(v.name) &&
                        !isUnknown(v.value) &&
                        isPasswordValue(v.value),
                )
                .map((v) => `workload "${workload.name}" container "${name}" reads its ${v.name} from it`),
        );
    });
}

export const k8sRedisPasswordInConfigMap = stackRule(
    {
        name: "k8s-redis-password-in-configmap",
        description:
            "A ConfigMap must not hold a Redis password: no requirepass or masterauth, no ACL user with a password, no URI with a password, " +
            "no password-named key, line or JSON field with a value in a Redis ConfigMap, and no password a Redis workload reads from it into its environment. " +
            "ConfigMaps are neither encrypted nor access-controlled like Secrets.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            kubernetesDocs(
                "ConfigMap",
                "A ConfigMap does not provide secrecy or encryption; use a Secret",
                "https://kubernetes.io/docs/concepts/configuration/configmap/",
            ),
            cwe(312, "Cleartext Storage of Sensitive Information"),
        ],
        remediation:
            "Move the password or ACL file into a Kubernetes Secret, mounted as a file; keep only non-secret settings in the ConfigMap.",
    },
    (stack, report) => {
        for (const configMap of stack.ofType(CONFIG_MAP)) {
            const redisConfigMap = hasRedisLabel(objectOf(objectOf(configMap.props.metadata).labels)) || REDIS_NAME.test(configMap.name);
            const findings: string[] = [];
            const data = dataOf(configMap);
            for (const [key, text] of isUnknown(data) ? [] : data) {
                if (isUnknown(text)) continue;
                findings.push(...credentialsInText(text, `key "${key}"`));
                if ((redisConfigMap || REDIS_NAME.test(key)) && isPasswordName(key) && isPasswordValue(text))
                    findings.push(`key "${key}" holds a password`);
            }
            findings.push(...passwordsReadFrom(stack, configMap));
            if (findings.length > 0) {
                report(
                    `ConfigMap "${configMap.name}" holds a Redis password: ${[...new Set(findings)].join("; ")}. Move it into a Secret.`,
                    configMap.urn,
                );
            }
        }
    },
);
