import { podSecurityStandards } from "../lib/controls";
import { WORKLOAD_TYPES, isRedisWorkload, podTemplateOf } from "../lib/kubernetes";
import { restrictedProfileProblems } from "../lib/pod-security";
import { resourceRule } from "../lib/rule";

export const k8sRedisPodSecurityViolation = resourceRule(
    {
        name: "k8s-redis-pod-security-violation",
        description:
            "Redis pods must meet the Pod Security Standards restricted profile: non-root, no privilege escalation, all capabilities dropped, " +
            "a RuntimeDefault seccomp profile, no host namespaces, ports or paths.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [podSecurityStandards("Restricted profile")],
        remediation:
            "Give the pod securityContext { runAsNonRoot: true, runAsUser: 10001 or above, seccompProfile: { type: RuntimeDefault } } and every container " +
            "securityContext { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }; label the namespace pod-security.kubernetes.io/enforce: restricted.",
    },
    WORKLOAD_TYPES,
    (workload, report) => {
        if (!isRedisWorkload(workload)) return;
        const problems = restrictedProfileProblems(podTemplateOf(workload).spec);
        if (problems.length > 0) {
            report(`Redis workload "${workload.name}" breaks the restricted Pod Security Standard: ${problems.join("; ")}.`);
        }
    },
);
