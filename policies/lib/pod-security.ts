import { ContainerView, containersOf } from "./kubernetes";
import { booleanOf, isUnknown, listOf, numberOf, objectOf, stringOf } from "./known-values";

/**
 * Every control of the Pod Security Standards baseline and restricted profiles, as
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/ lists them (restricted includes baseline).
 * Each control reads the fields the page names and allows the values it allows.
 */

export type Profile = "baseline" | "restricted";

/** A pod template as the controls read it: its annotations and spec. */
export interface PodUnderReview {
    annotations: Record<string, unknown>;
    spec: Record<string, any>;
}

/** What a pod breaks: one finding per control and field, and what could not be judged because it is unknown at preview. */
export interface PodSecurityReview {
    problems: { profile: Profile; control: string; detail: string }[];
    unknown: string[];
}

type Verdict = "allowed" | "forbidden" | "unknown";

interface Control {
    profile: Profile;
    name: string;
    /** Reports each field that breaks the control, or that is unknown. */
    check(pod: PodUnderReview, judge: (value: unknown, allowed: (value: unknown) => boolean, detail: string) => void): void;
}

const BASELINE_CAPABILITIES = new Set([
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
]);
const SAFE_SYSCTLS = new Set([
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
]);
const SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);
const RESTRICTED_VOLUME_TYPES = new Set([
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
]);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

const absent = (value: unknown) => value === undefined || value === null;
const absentOrFalse = (value: unknown) => absent(value) || booleanOf(value) === false;
const oneOf = (allowed: readonly string[]) => (value: unknown) => absent(value) || allowed.includes(value as string);
/** A value as a message shows it; a Symbol (unknown at preview) cannot go through a template literal. */
const show = (value: unknown) => (isUnknown(value) ? "(unknown)" : String(value));
const showAll = (values: unknown[]) => values.map(show).join(", ");

function where({ list, name }: ContainerView): string {
    return `${list === "containers" ? "container" : list.replace(/s$/, "")} "${name}"`;
}

/** The pod's security context and each container's, with where each one is. */
function contexts(spec: Record<string, any>): { at: string; context: Record<string, any> }[] {
    return [
        { at: "the pod", context: objectOf(spec.securityContext) },
        ...containersOf(spec).map((c) => ({ at: where(c), context: objectOf(c.container.securityContext) })),
    ];
}

/** A Windows pod is exempt from the restricted controls that have no meaning on Windows. */
const isWindows = (spec: Record<string, any>) => stringOf(objectOf(spec.os).name) === "windows";

export const CONTROLS: readonly Control[] = [
    {
        profile: "baseline",
        name: "HostProcess",
        check: ({ spec }, judge) =>
            contexts(spec).forEach(({ at, context }) =>
                judge(objectOf(context.windowsOptions).hostProcess, absentOrFalse, `${at} sets windowsOptions.hostProcess`),
            ),
    },
    {
        profile: "baseline",
        name: "Host Namespaces",
        check: ({ spec }, judge) =>
            ["hostNetwork", "hostPID", "hostIPC"].forEach((field) => judge(spec[field], absentOrFalse, `the pod sets ${field}: true`)),
    },
    {
        profile: "baseline",
        name: "Privileged Containers",
        check: ({ spec }, judge) =>
            containersOf(spec).forEach((c) =>
                judge(objectOf(c.container.securityContext).privileged, absentOrFalse, `${where(c)} is privileged`),
            ),
    },
    {
        profile: "baseline",
        name: "Capabilities",
        check: ({ spec }, judge) =>
            containersOf(spec).forEach((c) => {
                const add = objectOf(objectOf(c.container.securityContext).capabilities).add;
                judge(
                    add,
                    (v) => listOf(v).every((cap) => BASELINE_CAPABILITIES.has(cap)),
                    `${where(c)} adds capabilities beyond the baseline set: ${showAll(listOf(add).filter((cap) => !BASELINE_CAPABILITIES.has(cap)))}`,
                );
            }),
    },
    {
        profile: "baseline",
        name: "HostPath Volumes",
        check: ({ spec }, judge) =>
            listOf(spec.volumes).forEach((v) =>
                judge(objectOf(v).hostPath, absent, `volume "${stringOf(objectOf(v).name) ?? "?"}" is a hostPath`),
            ),
    },
    {
        profile: "baseline",
        name: "Host Ports",
        check: ({ spec }, judge) =>
            containersOf(spec).forEach((c) =>
                listOf(c.container.ports).forEach((p) =>
                    judge(
                        objectOf(p).hostPort,
                        (v) => absent(v) || numberOf(v) === 0,
                        `${where(c)} binds host port ${show(objectOf(p).hostPort)}`,
                    ),
                ),
            ),
    },
    {
        profile: "baseline",
        name: "AppArmor",
        check: ({ spec, annotations }, judge) => {
            contexts(spec).forEach(({ at, context }) =>
                judge(
                    objectOf(context.appArmorProfile).type,
                    oneOf(["RuntimeDefault", "Localhost"]),
                    `${at} sets appArmorProfile type ${show(objectOf(context.appArmorProfile).type)}`,
                ),
            );
            Object.entries(annotations)
                .filter(([key]) => key.startsWith(APPARMOR_ANNOTATION))
                .forEach(([key, value]) =>
                    judge(
                        value,
                        (v) => v === "runtime/default" || (typeof v === "string" && v.startsWith("localhost/")),
                        `annotation ${key} is ${show(value)}`,
                    ),
                );
        },
    },
    {
        profile: "baseline",
        name: "SELinux",
        check: ({ spec }, judge) =>
            contexts(spec).forEach(({ at, context }) => {
                const options = objectOf(context.seLinuxOptions);
                judge(
                    options.type,
                    (v) => absent(v) || SELINUX_TYPES.has(v as string),
                    `${at} sets seLinuxOptions.type ${show(options.type)}`,
                );
                for (const field of ["user", "role"])
                    judge(options[field], (v) => absent(v) || v === "", `${at} sets seLinuxOptions.${field}`);
            }),
    },
    {
        profile: "baseline",
        name: "/proc Mount Type",
        check: ({ spec }, judge) =>
            containersOf(spec).forEach((c) =>
                judge(
                    objectOf(c.container.securityContext).procMount,
                    oneOf(["Default"]),
                    `${where(c)} sets procMount ${show(objectOf(c.container.securityContext).procMount)}`,
                ),
            ),
    },
    {
        profile: "baseline",
        name: "Seccomp",
        check: ({ spec }, judge) =>
            contexts(spec).forEach(({ at, context }) =>
                judge(
                    objectOf(context.seccompProfile).type,
                    oneOf(["RuntimeDefault", "Localhost"]),
                    `${at} sets seccompProfile type ${show(objectOf(context.seccompProfile).type)}`,
                ),
            ),
    },
    {
        profile: "baseline",
        name: "Sysctls",
        check: ({ spec }, judge) =>
            listOf(objectOf(spec.securityContext).sysctls).forEach((s) =>
                judge(objectOf(s).name, (v) => SAFE_SYSCTLS.has(v as string), `the pod sets the unsafe sysctl ${show(objectOf(s).name)}`),
            ),
    },
    {
        profile: "restricted",
        name: "Volume Types",
        check: ({ spec }, judge) =>
            listOf(spec.volumes).forEach((v) => {
                const volume = objectOf(v);
                const types = Object.keys(volume).filter((key) => key !== "name" && !absent(volume[key]));
                judge(
                    types,
                    (t) => listOf(t).every((type) => RESTRICTED_VOLUME_TYPES.has(type)),
                    `volume "${stringOf(volume.name) ?? "?"}" is of type ${types.join(", ")}`,
                );
            }),
    },
    {
        profile: "restricted",
        name: "Privilege Escalation",
        check: ({ spec }, judge) =>
            isWindows(spec)
                ? undefined
                : containersOf(spec).forEach((c) =>
                      judge(
                          objectOf(c.container.securityContext).allowPrivilegeEscalation,
                          (v) => booleanOf(v) === false,
                          `${where(c)} does not set allowPrivilegeEscalation: false`,
                      ),
                  ),
    },
    {
        profile: "restricted",
        name: "Running as Non-root",
        check: ({ spec }, judge) => {
            const pod = objectOf(spec.securityContext).runAsNonRoot;
            judge(pod, (v) => absent(v) || booleanOf(v) === true, "the pod sets runAsNonRoot: false");
            containersOf(spec).forEach((c) => {
                const own = objectOf(c.container.securityContext).runAsNonRoot;
                judge(absent(own) ? pod : own, (v) => booleanOf(v) === true, `${where(c)} does not run with runAsNonRoot: true`);
            });
        },
    },
    {
        profile: "restricted",
        name: "Running as Non-root user",
        check: ({ spec }, judge) =>
            contexts(spec).forEach(({ at, context }) =>
                judge(context.runAsUser, (v) => absent(v) || numberOf(v) !== 0, `${at} runs as user 0 (root)`),
            ),
    },
    {
        profile: "restricted",
        name: "Seccomp",
        check: ({ spec }, judge) => {
            if (isWindows(spec)) return;
            const pod = objectOf(objectOf(spec.securityContext).seccompProfile).type;
            containersOf(spec).forEach((c) => {
                const own = objectOf(objectOf(c.container.securityContext).seccompProfile).type;
                judge(
                    absent(own) ? pod : own,
                    (v) => v === "RuntimeDefault" || v === "Localhost",
                    `${where(c)} has no seccompProfile of type RuntimeDefault or Localhost`,
                );
            });
        },
    },
    {
        profile: "restricted",
        name: "Capabilities",
        check: ({ spec }, judge) =>
            isWindows(spec)
                ? undefined
                : containersOf(spec).forEach((c) => {
                      const capabilities = objectOf(objectOf(c.container.securityContext).capabilities);
                      judge(capabilities.drop, (v) => listOf(v).includes("ALL"), `${where(c)} does not drop ALL capabilities`);
                      judge(
                          capabilities.add,
                          (v) => listOf(v).every((cap) => cap === "NET_BIND_SERVICE"),
                          `${where(c)} adds capabilities other than NET_BIND_SERVICE: ${showAll(listOf(capabilities.add).filter((cap) => cap !== "NET_BIND_SERVICE"))}`,
                      );
                  }),
    },
];

function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    return false;
}

/**
 * What a pod template breaks of the given profile (restricted includes baseline). A field unknown at
 * preview is reported under `unknown`, never counted as allowed.
 */
export function reviewPodSecurity(pod: PodUnderReview, profile: Profile = "restricted"): PodSecurityReview {
    const review: PodSecurityReview = { problems: [], unknown: [] };
    const wholeFields = [
        ...["securityContext", "volumes", "initContainers", "containers", "ephemeralContainers", "os"].map((field) => ({
            at: `the pod's ${field}`,
            value: pod.spec[field],
        })),
        ...containersOf(pod.spec).flatMap((c) => [
            { at: `the securityContext of ${where(c)}`, value: c.container.securityContext },
            { at: `the ports of ${where(c)}`, value: c.container.ports },
        ]),
    ];
    for (const { at } of wholeFields.filter(({ value }) => isUnknown(value))) review.unknown.push(`${at} is unknown at preview`);
    for (const control of CONTROLS.filter((c) => profile === "restricted" || c.profile === "baseline")) {
        control.check(pod, (value, allowed, detail) => {
            const verdict: Verdict = containsUnknown(value) ? "unknown" : allowed(value) ? "allowed" : "forbidden";
            if (verdict === "forbidden") review.problems.push({ profile: control.profile, control: control.name, detail });
            if (verdict === "unknown") review.unknown.push(`${control.name}: unknown at preview whether ${detail}`);
        });
    }
    return review;
}
