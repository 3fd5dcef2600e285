import { CONTROLS, PodUnderReview, reviewPodSecurity } from "../../policies/lib/pod-security";
import { UNKNOWN } from "../../policies/lib/known-values";
import { k8sRedisPodSecurityViolation } from "../../policies/rules/k8s-redis-pod-security-violation";
import { describeRule, planned } from "../support/policy-fixtures";

/** A pod that meets the restricted profile; each case changes one field. */
const CONTAINER = {
    name: "redis",
    image: "redis:7.2",
    ports: [{ containerPort: 6379 }],
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
};

function pod(
    spec: Record<string, any> = {},
    container: Record<string, any> = {},
    annotations: Record<string, unknown> = {},
): PodUnderReview {
    return {
        annotations,
        spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
            containers: [{ ...CONTAINER, ...container, securityContext: { ...CONTAINER.securityContext, ...container.securityContext } }],
            volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data" } }],
            ...spec,
        },
    };
}

const podContext = (extra: Record<string, unknown>) => ({
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" }, ...extra },
});
const containerContext = (extra: Record<string, unknown>) => ({ securityContext: extra });

/** For each control of the Kubernetes page: a pod that breaks it (and the detail reported), and one it allows. */
const CASES: {
    control: string;
    profile: "baseline" | "restricted";
    breaks: PodUnderReview;
    detail: string;
    allows: PodUnderReview;
    alsoRestricted?: string;
}[] = [
    {
        control: "HostProcess",
        profile: "baseline",
        breaks: pod({}, containerContext({ windowsOptions: { hostProcess: true } })),
        detail: 'container "redis" sets windowsOptions.hostProcess',
        allows: pod({}, containerContext({ windowsOptions: { hostProcess: false } })),
    },
    {
        control: "HostProcess",
        profile: "baseline",
        breaks: pod(podContext({ windowsOptions: { hostProcess: true } })),
        detail: "the pod sets windowsOptions.hostProcess",
        allows: pod(podContext({ windowsOptions: {} })),
    },
    {
        control: "Host Namespaces",
        profile: "baseline",
        breaks: pod({ hostPID: true }),
        detail: "the pod sets hostPID: true",
        allows: pod({ hostPID: false }),
    },
    {
        control: "Host Namespaces",
        profile: "baseline",
        breaks: pod({ hostIPC: true }),
        detail: "the pod sets hostIPC: true",
        allows: pod({ hostIPC: false }),
    },
    {
        control: "Host Namespaces",
        profile: "baseline",
        breaks: pod({ hostNetwork: true }),
        detail: "the pod sets hostNetwork: true",
        allows: pod({ hostNetwork: false }),
    },
    {
        control: "Privileged Containers",
        profile: "baseline",
        breaks: pod({}, containerContext({ privileged: true })),
        detail: 'container "redis" is privileged',
        allows: pod({}, containerContext({ privileged: false })),
    },
    {
        control: "Capabilities",
        profile: "baseline",
        breaks: pod({}, containerContext({ capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] } })),
        detail: 'container "redis" adds capabilities beyond the baseline set: NET_ADMIN',
        alsoRestricted: "Capabilities",
        allows: pod({}, containerContext({ capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } })),
    },
    {
        control: "HostPath Volumes",
        profile: "baseline",
        breaks: pod({ volumes: [{ name: "host", hostPath: { path: "/" } }] }),
        detail: 'volume "host" is a hostPath',
        alsoRestricted: "Volume Types",
        allows: pod({ volumes: [{ name: "tmp", emptyDir: {} }] }),
    },
    {
        control: "Host Ports",
        profile: "baseline",
        breaks: pod({}, { ports: [{ containerPort: 6379, hostPort: 6379 }] }),
        detail: 'container "redis" binds host port 6379',
        allows: pod({}, { ports: [{ containerPort: 6379, hostPort: 0 }] }),
    },
    {
        control: "AppArmor",
        profile: "baseline",
        breaks: pod(podContext({ appArmorProfile: { type: "Unconfined" } })),
        detail: "the pod sets appArmorProfile type Unconfined",
        allows: pod(podContext({ appArmorProfile: { type: "Localhost", localhostProfile: "redis" } })),
    },
    {
        control: "AppArmor",
        profile: "baseline",
        breaks: pod({}, {}, { "container.apparmor.security.beta.kubernetes.io/redis": "unconfined" }),
        detail: "annotation container.apparmor.security.beta.kubernetes.io/redis is unconfined",
        allows: pod({}, {}, { "container.apparmor.security.beta.kubernetes.io/redis": "runtime/default" }),
    },
    {
        control: "SELinux",
        profile: "baseline",
        breaks: pod({}, containerContext({ seLinuxOptions: { type: "spc_t" } })),
        detail: 'container "redis" sets seLinuxOptions.type spc_t',
        allows: pod({}, containerContext({ seLinuxOptions: { type: "container_t", level: "s0:c1,c2" } })),
    },
    {
        control: "SELinux",
        profile: "baseline",
        breaks: pod(podContext({ seLinuxOptions: { user: "system_u" } })),
        detail: "the pod sets seLinuxOptions.user",
        allows: pod(podContext({ seLinuxOptions: { user: "" } })),
    },
    {
        control: "SELinux",
        profile: "baseline",
        breaks: pod(podContext({ seLinuxOptions: { role: "sysadm_r" } })),
        detail: "the pod sets seLinuxOptions.role",
        allows: pod(podContext({ seLinuxOptions: { role: "" } })),
    },
    {
        control: "/proc Mount Type",
        profile: "baseline",
        breaks: pod({}, containerContext({ procMount: "Unmasked" })),
        detail: 'container "redis" sets procMount Unmasked',
        allows: pod({}, containerContext({ procMount: "Default" })),
    },
    {
        control: "Seccomp",
        profile: "baseline",
        breaks: pod(podContext({ seccompProfile: { type: "Unconfined" } })),
        detail: "the pod sets seccompProfile type Unconfined",
        alsoRestricted: "Seccomp",
        allows: pod(podContext({ seccompProfile: { type: "Localhost", localhostProfile: "redis.json" } })),
    },
    {
        control: "Sysctls",
        profile: "baseline",
        breaks: pod(podContext({ sysctls: [{ name: "kernel.msgmax", value: "65536" }] })),
        detail: "the pod sets the unsafe sysctl kernel.msgmax",
        allows: pod(
            podContext({
                sysctls: [
                    { name: "net.ipv4.tcp_keepalive_time", value: "300" },
                    { name: "kernel.shm_rmid_forced", value: "1" },
                ],
            }),
        ),
    },
    {
        control: "Volume Types",
        profile: "restricted",
        breaks: pod({ volumes: [{ name: "nfs", nfs: { server: "nfs", path: "/" } }] }),
        detail: 'volume "nfs" is of type nfs',
        allows: pod({
            volumes: [
                { name: "certs", projected: { sources: [] } },
                { name: "csi", csi: { driver: "x" } },
            ],
        }),
    },
    {
        control: "Privilege Escalation",
        profile: "restricted",
        breaks: pod({}, containerContext({ allowPrivilegeEscalation: undefined })),
        detail: 'container "redis" does not set allowPrivilegeEscalation: false',
        allows: pod({ os: { name: "windows" } }, containerContext({ capabilities: { drop: ["ALL"] } })),
    },
    {
        control: "Running as Non-root",
        profile: "restricted",
        breaks: pod(podContext({ runAsNonRoot: undefined })),
        detail: 'container "redis" does not run with runAsNonRoot: true',
        allows: pod(podContext({ runAsNonRoot: undefined }), containerContext({ runAsNonRoot: true })),
    },
    {
        control: "Running as Non-root",
        profile: "restricted",
        breaks: pod(podContext({ runAsNonRoot: false }), containerContext({ runAsNonRoot: true })),
        detail: "the pod sets runAsNonRoot: false",
        allows: pod(),
    },
    {
        control: "Running as Non-root user",
        profile: "restricted",
        breaks: pod({}, containerContext({ runAsUser: 0 })),
        detail: 'container "redis" runs as user 0 (root)',
        allows: pod({}, containerContext({ runAsUser: 999 })),
    },
    {
        control: "Seccomp",
        profile: "restricted",
        breaks: pod(podContext({ seccompProfile: undefined })),
        detail: 'container "redis" has no seccompProfile of type RuntimeDefault or Localhost',
        allows: pod(podContext({ seccompProfile: undefined }), containerContext({ seccompProfile: { type: "RuntimeDefault" } })),
    },
    {
        control: "Capabilities",
        profile: "restricted",
        breaks: pod({}, containerContext({ capabilities: { drop: ["NET_RAW"] } })),
        detail: 'container "redis" does not drop ALL capabilities',
        allows: pod({}, containerContext({ capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } })),
    },
    {
        control: "Capabilities",
        profile: "restricted",
        breaks: pod({}, containerContext({ capabilities: { drop: ["ALL"], add: ["CHOWN"] } })),
        detail: 'container "redis" adds capabilities other than NET_BIND_SERVICE: CHOWN',
        allows: pod({ os: { name: "windows" } }, containerContext({ capabilities: {} })),
    },
];

describe("Pod Security Standards controls", () => {
    it("cover every control of the baseline and restricted profiles as the Kubernetes page lists them", () => {
        expect(CONTROLS.map((c) => `${c.profile}: ${c.name}`)).toEqual([
            "baseline: HostProcess",
            "baseline: Host Namespaces",
            "baseline: Privileged Containers",
            "baseline: Capabilities",
            "baseline: HostPath Volumes",
            "baseline: Host Ports",
            "baseline: AppArmor",
            "baseline: SELinux",
            "baseline: /proc Mount Type",
            "baseline: Seccomp",
            "baseline: Sysctls",
            "restricted: Volume Types",
            "restricted: Privilege Escalation",
            "restricted: Running as Non-root",
            "restricted: Running as Non-root user",
            "restricted: Seccomp",
            "restricted: Capabilities",
        ]);
        expect(new Set(CASES.map((c) => `${c.profile}: ${c.control}`))).toEqual(new Set(CONTROLS.map((c) => `${c.profile}: ${c.name}`)));
    });

    it("accept the restricted reference pod", () => {
        expect(reviewPodSecurity(pod())).toEqual({ problems: [], unknown: [] });
    });

    it.each(CASES.map((c) => [`${c.profile} ${c.control}: ${c.detail}`, c] as const))("%s", (_, c) => {
        // A baseline breach can be a restricted one too (restricted includes baseline and narrows some of its controls).
        const problems = reviewPodSecurity(c.breaks).problems;
        expect(problems[0]).toEqual({ profile: c.profile, control: c.control, detail: c.detail });
        expect(problems.slice(1).map((p) => `${p.profile}: ${p.control}`)).toEqual(
            c.alsoRestricted ? [`restricted: ${c.alsoRestricted}`] : [],
        );
        expect(reviewPodSecurity(c.allows).problems).toEqual([]);
    });

    it("judge only baseline controls for the baseline profile", () => {
        expect(
            reviewPodSecurity(pod(podContext({ runAsNonRoot: undefined, seccompProfile: undefined }), { securityContext: {} }), "baseline")
                .problems,
        ).toEqual([]);
    });

    it("report a field unknown at preview as not judged, never as allowed", () => {
        const review = reviewPodSecurity(
            pod({ hostNetwork: UNKNOWN }, containerContext({ capabilities: { drop: ["ALL"], add: [UNKNOWN] } })),
        );
        expect(review.problems).toEqual([]);
        expect(review.unknown).toEqual([
            "Host Namespaces: unknown at preview whether the pod sets hostNetwork: true",
            'Capabilities: unknown at preview whether container "redis" adds capabilities beyond the baseline set: (unknown)',
            'Capabilities: unknown at preview whether container "redis" adds capabilities other than NET_BIND_SERVICE: (unknown)',
        ]);
        expect(reviewPodSecurity(pod({ volumes: UNKNOWN })).unknown).toEqual(["the pod's volumes is unknown at preview"]);
    });
});

const LABELS = { "app.kubernetes.io/name": "redis" };
const workload = (template: PodUnderReview) =>
    planned("kubernetes:apps/v1:Deployment", "redis", {
        metadata: { name: "redis", namespace: "data" },
        spec: { template: { metadata: { labels: LABELS, annotations: template.annotations }, spec: template.spec } },
    });

describeRule(k8sRedisPodSecurityViolation, [
    { title: "a restricted Redis pod", resources: [workload(pod())], messages: [] },
    {
        title: "an unsafe sysctl",
        resources: [workload(pod(podContext({ sysctls: [{ name: "kernel.msgmax", value: "1" }] })))],
        messages: [
            /^Redis workload "redis" breaks the Pod Security Standards: Sysctls \(baseline\): the pod sets the unsafe sysctl kernel\.msgmax\.$/,
        ],
    },
    {
        title: "an unconfined AppArmor annotation",
        resources: [workload(pod({}, {}, { "container.apparmor.security.beta.kubernetes.io/redis": "unconfined" }))],
        messages: [/AppArmor \(baseline\)/],
    },
    {
        title: "an ephemeral container without a security context",
        resources: [workload(pod({ ephemeralContainers: [{ name: "debug", image: "busybox" }] }))],
        messages: [/Privilege Escalation \(restricted\): ephemeralContainer "debug"/],
    },
]);
