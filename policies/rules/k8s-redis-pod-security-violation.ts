import { podSecurityStandards } from "../lib/controls";
import { isRedisWorkload, podTemplateOf } from "../lib/kubernetes";
import { reviewPodSecurity } from "../lib/pod-security";
import { stackRule } from "../lib/rule";

export const k8sRedisPodSecurityViolation = stackRule(
    {
        name: "k8s-redis-pod-security-violation",
        description:
            "Redis pods must meet every control of the Pod Security Standards baseline and restricted profiles: no host namespaces, ports, paths or HostProcess, " +
            "no privileged or added capabilities, default AppArmor, SELinux, /proc and seccomp, safe sysctls only, restricted volume types, non-root, " +
            "no privilege escalation, all capabilities dropped and a RuntimeDefault or Localhost seccomp profile.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [podSecurityStandards("Restricted profile")],
        remediation:
            "Give the pod securityContext { runAsNonRoot: true, runAsUser: 10001 or above, seccompProfile: { type: RuntimeDefault } } and every container " +
            "securityContext { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }; use no host namespaces, host ports or hostPath volumes; " +
            "label the namespace pod-security.kubernetes.io/enforce: restricted.",
    },
    (stack, report) => {
        for (const workload of stack.resources.filter(isRedisWorkload)) {
            const { problems } = reviewPodSecurity(podTemplateOf(workload));
            if (problems.length > 0) {
                const listed = problems.map((p) => `${p.control} (${p.profile}): ${p.detail}`).join("; ");
                report(`Redis workload "${workload.name}" breaks the Pod Security Standards: ${listed}.`, workload.urn);
            }
        }
    },
);
