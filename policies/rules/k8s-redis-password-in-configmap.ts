import { cwe, kubernetesDocs } from "../lib/controls";
import { credentialsInText, isPasswordName } from "../lib/credentials";
import { CONFIG_MAP, hasRedisLabel } from "../lib/kubernetes";
import { isUnknown, objectOf } from "../lib/read";
import { resourceRule } from "../lib/rule";

const REDIS_NAME = /redis|valkey/i;

export const k8sRedisPasswordInConfigMap = resourceRule(
    {
        name: "k8s-redis-password-in-configmap",
        description:
            "A ConfigMap must not hold a Redis password: no requirepass or masterauth, no ACL user with a password, no URI with a password, " +
            "and no password-named key with a value in a Redis ConfigMap. ConfigMaps are neither encrypted nor access-controlled like Secrets.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            kubernetesDocs("ConfigMap", "A ConfigMap does not provide secrecy or encryption; use a Secret", "https://kubernetes.io/docs/concepts/configuration/configmap/"),
            cwe(312, "Cleartext Storage of Sensitive Information"),
        ],
        remediation: "Move the password or ACL file into a Kubernetes Secret, mounted as a file; keep only non-secret settings in the ConfigMap.",
    },
    [CONFIG_MAP],
    (configMap, report) => {
        const { props } = configMap;
        const metadata = objectOf(props.metadata);
        const redisConfigMap = hasRedisLabel(objectOf(metadata.labels)) || REDIS_NAME.test(configMap.name);
        const findings: string[] = [];
        for (const [section, base64] of [["data", false], ["binaryData", true]] as const) {
            for (const [key, value] of Object.entries(objectOf(props[section]))) {
                if (isUnknown(value) || typeof value !== "string") continue;
                const text = base64 ? Buffer.from(value, "base64").toString("utf8") : value;
                findings.push(...credentialsInText(text, `key "${key}"`));
                if ((redisConfigMap || REDIS_NAME.test(key)) && isPasswordName(key) && text.trim() !== "") findings.push(`key "${key}" holds a password`);
            }
        }
        if (findings.length > 0) {
            report(`ConfigMap "${configMap.name}" holds a Redis password: ${findings.join("; ")}. Move it into a Secret.`);
        }
    },
);
