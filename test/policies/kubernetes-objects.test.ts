import * as pulumi from "@pulumi/pulumi";
import { PlannedResource } from "hardened-redis-gate";
import { configGroupChildren, mergePatch, parseManifests, pulumiTypeOf } from "../../policies/lib/manifests";
import { reviewChart } from "../../policies/lib/helm";
import { UNKNOWN } from "../../policies/lib/known-values";
import { k8sRedisHelmChartInsecure } from "../../policies/rules/k8s-redis-helm-chart-insecure";
import { k8sRedisPodSecurityViolation } from "../../policies/rules/k8s-redis-pod-security-violation";
import { k8sRedisProtectedModeOff } from "../../policies/rules/k8s-redis-protected-mode-off";
import { k8sRedisServiceExposed } from "../../policies/rules/k8s-redis-service-exposed";
import { k8sRedisWithoutNetworkPolicy } from "../../policies/rules/k8s-redis-without-network-policy";
import { k8sRedisMissingResourceLimits } from "../../policies/rules/k8s-redis-missing-resource-limits";
import { k8sRedisPasswordInPodSpec } from "../../policies/rules/k8s-redis-password-in-pod-spec";
import { k8sRedisWritableRootFilesystem } from "../../policies/rules/k8s-redis-writable-root-filesystem";
import {
    UNKNOWN_VALUE,
    KUBERNETES_RULES,
    describeNotJudged,
    describeRule,
    messagesOf,
    notJudgedBy,
    planned,
} from "../support/policy-fixtures";

/** Objects that reach the cluster through other resources: inline manifests, patches, Helm values, ingress-nginx tcp-services. */
const LABELS = { "app.kubernetes.io/name": "redis" };
const SECURE_POD = {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
        {
            name: "redis",
            image: "redis:7.2",
            ports: [{ name: "redis", containerPort: 6379 }],
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
        },
    ],
};
const statefulSet = (spec: Record<string, unknown> = SECURE_POD) => ({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "redis", namespace: "data", labels: LABELS },
    spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec } },
});
const service = (type = "ClusterIP") => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "redis", namespace: "data" },
    spec: { type, selector: LABELS, ports: [{ name: "redis", port: 6379 }] },
});
const policy = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "redis", namespace: "data" },
    spec: { podSelector: { matchLabels: LABELS }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }] }] },
};

const YAML = `
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: redis, namespace: data, labels: { app.kubernetes.io/name: redis } }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: redis } }
  template:
    metadata: { labels: { app.kubernetes.io/name: redis } }
    spec:
      hostNetwork: true
      containers: [{ name: redis, image: "redis:7.2" }]
---
apiVersion: v1
kind: List
items:
  - { apiVersion: v1, kind: Service, metadata: { name: redis, namespace: data }, spec: { type: LoadBalancer, selector: { app.kubernetes.io/name: redis }, ports: [{ port: 6379 }] } }
`;

const configGroup = (props: Record<string, unknown>, type = "kubernetes:yaml/v2:ConfigGroup") => planned(type, "manifests", props);
const k8s = (object: Record<string, any>, name = object.metadata.name) =>
    planned(pulumiTypeOf(object.apiVersion, object.kind), name, object);
const patch = (kind: string, apiVersion: string, props: Record<string, unknown>) =>
    planned(pulumiTypeOf(apiVersion, `${kind}Patch`), `${kind.toLowerCase()}-patch`, {
        apiVersion,
        kind,
        metadata: { name: "redis", namespace: "data" },
        ...props,
    });

describe("inline manifests and patches", () => {
    it("parse every YAML document and flatten List kinds", () => {
        expect(parseManifests(YAML).map((o) => pulumiTypeOf(o.apiVersion, o.kind))).toEqual([
            "kubernetes:apps/v1:StatefulSet",
            "kubernetes:core/v1:Service",
        ]);
    });

    it("merge a patch like a strategic merge patch: objects by key, named lists by name, other values replaced", () => {
        const target = {
            spec: {
                type: "ClusterIP",
                ports: [{ name: "redis", port: 6379 }],
                containers: [{ name: "redis", image: "redis:7", securityContext: { privileged: false } }],
            },
        };
        const merged = mergePatch(target, {
            spec: {
                type: "LoadBalancer",
                containers: [
                    { name: "redis", securityContext: { privileged: true } },
                    { name: "sidecar", image: "busybox" },
                ],
            },
        });
        expect(merged).toEqual({
            spec: {
                type: "LoadBalancer",
                ports: [{ name: "redis", port: 6379 }],
                containers: [
                    { name: "redis", image: "redis:7", securityContext: { privileged: true } },
                    { name: "sidecar", image: "busybox" },
                ],
            },
        });
        expect(mergePatch(target, UNKNOWN)).toBe(target);
    });
});

describeRule(k8sRedisServiceExposed, [
    {
        title: "a LoadBalancer in a v2 ConfigGroup's yaml",
        resources: [configGroup({ yaml: YAML })],
        messages: [/^Service "manifests:data\/redis" is of type LoadBalancer and exposes Redis workload "manifests:data\/redis"/],
    },
    {
        title: "a LoadBalancer in a v1 ConfigGroup's objs",
        resources: [configGroup({ objs: [statefulSet(), service("NodePort")] }, "kubernetes:yaml:ConfigGroup")],
        messages: [/is of type NodePort/],
    },
    {
        title: "a ConfigGroup whose children the stack already holds (no second count)",
        resources: [
            configGroup({ objs: [service("NodePort")] }, "kubernetes:yaml:ConfigGroup"),
            { ...k8s(service("NodePort")), parent: configGroup({}, "kubernetes:yaml:ConfigGroup").urn },
        ],
        messages: [/^Service "redis" is of type NodePort/],
    },
    {
        title: "a ServicePatch turning the component's Service into a LoadBalancer",
        resources: [k8s(statefulSet()), k8s(service()), patch("Service", "v1", { spec: { type: "LoadBalancer" } })],
        messages: [/^Service "redis \(patched by "service-patch"\)" is of type LoadBalancer/],
    },
    {
        title: "a ServicePatch that only adds an annotation",
        resources: [
            k8s(statefulSet()),
            k8s(service()),
            patch("Service", "v1", { metadata: { name: "redis", namespace: "data", annotations: { team: "data" } } }),
        ],
        messages: [],
    },
    {
        title: "a ServicePatch of a Service from outside the program, serving 6379",
        resources: [patch("Service", "v1", { spec: { type: "LoadBalancer", ports: [{ port: 6379 }] } })],
        messages: [/^Service "service-patch" is of type LoadBalancer and exposes a Redis port/],
    },
    {
        title: "an ingress-nginx tcp-services entry publishing the Redis Service",
        resources: [
            k8s(statefulSet()),
            k8s(service()),
            planned("kubernetes:core/v1:ConfigMap", "tcp", {
                metadata: { name: "tcp-services", namespace: "ingress-nginx" },
                data: { "6379": "data/redis:6379" },
            }),
        ],
        messages: [/^"tcp" publishes Redis Service data\/redis:6379 on port 6379 of the ingress-nginx controller/],
    },
    {
        title: "the ingress-nginx chart's tcp value publishing a Redis Service",
        resources: [
            planned("kubernetes:helm.sh/v3:Release", "ingress", {
                chart: "ingress-nginx",
                values: { tcp: { "16379": "cache/redis-master:6379:PROXY" } },
            }),
        ],
        messages: [/publishes Redis Service cache\/redis-master:6379 on port 16379/],
    },
    {
        title: "a tcp-services entry publishing something else",
        resources: [
            planned("kubernetes:core/v1:ConfigMap", "tcp", { metadata: { name: "tcp-services" }, data: { "5432": "db/postgres:5432" } }),
        ],
        messages: [],
    },
]);

describeRule(k8sRedisPodSecurityViolation, [
    {
        title: "a StatefulSetPatch that makes the Redis container privileged",
        resources: [
            k8s(statefulSet()),
            patch("StatefulSet", "apps/v1", {
                spec: { template: { spec: { containers: [{ name: "redis", securityContext: { privileged: true } }] } } },
            }),
        ],
        messages: [
            /^Redis workload "redis \(patched by "statefulset-patch"\)" breaks .*Privileged Containers \(baseline\): container "redis" is privileged\.$/,
        ],
    },
    {
        title: "a StatefulSetPatch that only scales",
        resources: [k8s(statefulSet()), patch("StatefulSet", "apps/v1", { spec: { replicas: 5 } })],
        messages: [],
    },
    {
        title: "hostNetwork in a ConfigGroup's yaml",
        resources: [configGroup({ yaml: YAML })],
        messages: [/Host Namespaces \(baseline\): the pod sets hostNetwork: true/],
    },
]);

describeRule(k8sRedisWithoutNetworkPolicy, [
    {
        title: "a Redis workload and its NetworkPolicy in one ConfigGroup",
        resources: [configGroup({ objs: [statefulSet(), policy] })],
        messages: [],
    },
    {
        title: "a NetworkPolicyPatch that opens ingress to everyone",
        resources: [k8s(statefulSet()), k8s(policy), patch("NetworkPolicy", "networking.k8s.io/v1", { spec: { ingress: [{}] } })],
        messages: [/NetworkPolicy "redis \(patched by "networkpolicy-patch"\)" has ingress rule 0 without from/],
    },
]);

const gateway = (listeners: Record<string, unknown>[] = [{ name: "redis", protocol: "TCP", port: 6379 }]) =>
    planned("kubernetes:gateway.networking.k8s.io/v1:Gateway", "public", {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "Gateway",
        metadata: { name: "public", namespace: "data" },
        spec: { gatewayClassName: "internet", listeners },
    });
const route = (
    kind: string,
    parentRefs: Record<string, unknown>[],
    backendRefs: Record<string, unknown>[] = [{ name: "redis", port: 6379 }],
) =>
    planned(`kubernetes:gateway.networking.k8s.io/v1alpha2:${kind}`, "route", {
        apiVersion: "gateway.networking.k8s.io/v1alpha2",
        kind,
        metadata: { name: "route", namespace: "data" },
        spec: { parentRefs, rules: [{ backendRefs }] },
    });

describeRule(k8sRedisServiceExposed, [
    {
        title: "a TCPRoute attaching the Redis Service to a Gateway listener",
        resources: [k8s(statefulSet()), k8s(service()), gateway(), route("TCPRoute", [{ name: "public", sectionName: "redis" }])],
        messages: [
            /^TCPRoute "route" attaches Redis Service data\/redis to listener "redis" of Gateway "public", which takes traffic from outside the cluster/,
        ],
    },
    {
        title: "a TLSRoute to a Gateway in another namespace, every listener",
        resources: [
            k8s(statefulSet()),
            k8s(service()),
            { ...gateway(), props: { ...gateway().props, metadata: { name: "public", namespace: "edge" } } },
            route("TLSRoute", [{ name: "public", namespace: "edge" }]),
        ],
        messages: [/^TLSRoute "route" attaches Redis Service data\/redis to listener "redis"/],
    },
    {
        title: "a TCPRoute to a section the Gateway does not have",
        resources: [k8s(statefulSet()), k8s(service()), gateway(), route("TCPRoute", [{ name: "public", sectionName: "postgres" }])],
        messages: [],
    },
    {
        title: "a TCPRoute of another Service",
        resources: [
            k8s(statefulSet()),
            k8s(service()),
            gateway(),
            route("TCPRoute", [{ name: "public" }], [{ name: "postgres", port: 5432 }]),
        ],
        messages: [],
    },
]);

describe("a route to a Gateway the program does not define", () => {
    it("is not judged, never passed", async () => {
        const resources = [k8s(statefulSet()), k8s(service()), route("TCPRoute", [{ name: "shared-edge", namespace: "infra" }])];
        expect(await messagesOf(k8sRedisServiceExposed, resources)).toEqual([]);
        expect(await notJudgedBy(k8sRedisServiceExposed, resources)).toEqual([
            expect.stringMatching(
                /^TCPRoute "route" attaches Redis Service data\/redis to a Gateway, not judged: its Gateway infra\/shared-edge is not defined in the program\.$/,
            ),
        ]);
    });
});

/** Every kind that runs pods from a template, in every API version a cluster served it, with where it keeps the template. */
const WORKLOAD_KINDS: [string, string, string[]][] = [
    ["Deployment", "apps/v1", ["spec", "template"]],
    ["Deployment", "apps/v1beta1", ["spec", "template"]],
    ["Deployment", "apps/v1beta2", ["spec", "template"]],
    ["Deployment", "extensions/v1beta1", ["spec", "template"]],
    ["StatefulSet", "apps/v1", ["spec", "template"]],
    ["StatefulSet", "apps/v1beta1", ["spec", "template"]],
    ["StatefulSet", "apps/v1beta2", ["spec", "template"]],
    ["DaemonSet", "apps/v1", ["spec", "template"]],
    ["DaemonSet", "apps/v1beta2", ["spec", "template"]],
    ["DaemonSet", "extensions/v1beta1", ["spec", "template"]],
    ["ReplicaSet", "apps/v1", ["spec", "template"]],
    ["ReplicaSet", "apps/v1beta2", ["spec", "template"]],
    ["ReplicaSet", "extensions/v1beta1", ["spec", "template"]],
    ["ReplicationController", "v1", ["spec", "template"]],
    ["Job", "batch/v1", ["spec", "template"]],
    ["CronJob", "batch/v1", ["spec", "jobTemplate", "spec", "template"]],
    ["CronJob", "batch/v1beta1", ["spec", "jobTemplate", "spec", "template"]],
    ["CronJob", "batch/v2alpha1", ["spec", "jobTemplate", "spec", "template"]],
    ["Pod", "v1", []],
];

/** A Redis server with a literal password, no limits, a writable root filesystem and no NetworkPolicy, at the kind's template path. */
function workloadOf(kind: string, apiVersion: string, path: string[], asPatch = false): PlannedResource {
    const container = { name: "redis", image: "redis:7.2", command: ["redis-server", "--requirepass", "Tr0ub4dor-3"] };
    const template = { metadata: { labels: LABELS }, spec: { ...SECURE_POD, containers: [container] } };
    const body =
        path.length === 0
            ? { spec: template.spec }
            : path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), template);
    const object = { apiVersion, kind, metadata: { name: "redis", namespace: "data", labels: LABELS }, ...body };
    return asPatch ? patch(kind, apiVersion, body) : k8s(object);
}

describe("every workload kind, and its patch, is read as a workload", () => {
    const rules = [
        k8sRedisWithoutNetworkPolicy,
        k8sRedisPasswordInPodSpec,
        k8sRedisMissingResourceLimits,
        k8sRedisWritableRootFilesystem,
        k8sRedisProtectedModeOff,
    ];
    it.each(
        WORKLOAD_KINDS.flatMap(
            ([kind, version, path]) =>
                [
                    [`${version} ${kind}`, kind, version, path, false],
                    [`${version} ${kind}Patch of an object outside the program`, kind, version, path, true],
                ] as const,
        ),
    )("%s", async (_, kind, version, path, asPatch) => {
        const resources = [workloadOf(kind, version, path, asPatch)];
        const name = asPatch ? `${kind.toLowerCase()}-patch` : "redis";
        const found = await Promise.all(rules.map(async (rule) => [rule.name, (await messagesOf(rule, resources)).length > 0]));
        expect({ name, found }).toEqual({ name, found: rules.map((rule) => [rule.name, true]) });
    });

    it("judges the object a patch leaves: a DeploymentPatch that makes the root filesystem writable again", async () => {
        const readOnly = {
            ...SECURE_POD,
            containers: [{ ...SECURE_POD.containers[0], securityContext: { readOnlyRootFilesystem: true } }],
        };
        const deployment = k8s({ ...statefulSet(readOnly), kind: "Deployment" });
        const writable = patch("Deployment", "apps/v1", {
            spec: { template: { spec: { containers: [{ name: "redis", securityContext: { readOnlyRootFilesystem: false } }] } } },
        });
        expect(await messagesOf(k8sRedisWritableRootFilesystem, [deployment])).toEqual([]);
        expect(await messagesOf(k8sRedisWritableRootFilesystem, [deployment, writable])).toEqual([
            expect.stringMatching(
                /^Redis workload "redis \(patched by "deployment-patch"\)" has containers with a writable root filesystem: "redis"/,
            ),
        ]);
    });
});

const release = (chart: string, values: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    planned("kubernetes:helm.sh/v3:Release", "cache", { chart, values, ...extra });
const SECURE_BITNAMI = { tls: { enabled: true }, networkPolicy: { allowExternal: false } };

describeRule(k8sRedisHelmChartInsecure, [
    {
        title: "bitnami redis with TLS on and allowExternal off",
        resources: [release("redis", SECURE_BITNAMI, { repositoryOpts: { repo: "https://charts.bitnami.com/bitnami" } })],
        messages: [],
    },
    {
        title: "bitnami redis with auth off and a LoadBalancer master",
        resources: [
            release("oci://registry-1.docker.io/bitnamicharts/redis", {
                ...SECURE_BITNAMI,
                auth: { enabled: false },
                master: { service: { type: "LoadBalancer" } },
            }),
        ],
        messages: [
            /^Helm Release "cache" of chart "oci:\/\/registry-1\.docker\.io\/bitnamicharts\/redis" is insecure: auth\.enabled = false leaves Redis without a password; master\.service\.type = "LoadBalancer" publishes Redis outside the cluster\.$/,
        ],
    },
    {
        title: "bitnami redis left to its defaults",
        resources: [release("bitnami/redis")],
        messages: [
            /tls\.enabled \(chart default\) = false leaves clients and replicas in plaintext; networkPolicy\.allowExternal \(chart default\) = true lets every pod of the cluster connect\./,
        ],
    },
    {
        title: "bitnami valkey with a NodePort primary",
        resources: [release("bitnami/valkey", { ...SECURE_BITNAMI, primary: { service: { type: "NodePort" } } })],
        messages: [/primary\.service\.type = "NodePort"/],
    },
    {
        title: "bitnami redis-cluster with external access",
        resources: [
            planned("kubernetes:helm.sh/v4:Chart", "cache", {
                chart: "bitnami/redis-cluster",
                values: { ...SECURE_BITNAMI, usePassword: false, cluster: { externalAccess: { enabled: true } } },
            }),
        ],
        messages: [/Helm Chart "cache".*usePassword = false.*cluster\.externalAccess\.enabled = true publishes every node/],
    },
    {
        title: "OT-CONTAINER-KIT redis with an external NodePort and no secret",
        resources: [
            planned("kubernetes:helm.sh/v3:Chart", "cache", {
                chart: "redis",
                fetchOpts: { repo: "https://ot-container-kit.github.io/helm-charts/" },
                values: { externalService: { enabled: true }, TLS: { secret: { secretName: "redis-tls" } } },
            }),
        ],
        messages: [
            /redisStandalone\.redisSecret\.secretName \(chart default\) = unset leaves Redis without a password; externalService\.enabled = true publishes Redis/,
        ],
    },
    { title: "a chart that is not Redis", resources: [release("bitnami/postgresql", { auth: { enabled: false } })], messages: [] },
    {
        title: "an unknown Redis chart (not judged, no finding)",
        resources: [release("redis-ha", {}, { repositoryOpts: { repo: "https://dandydeveloper.github.io/charts" } })],
        messages: [],
    },
]);

describe("reviewChart", () => {
    const view = (resource: PlannedResource) => ({ type: resource.type, name: resource.name, urn: resource.urn, props: resource.props });

    it("reports charts it does not know, and values it cannot read, as not judged", () => {
        expect(
            reviewChart(view(release("redis-ha", {}, { repositoryOpts: { repo: "https://dandydeveloper.github.io/charts" } })))?.notJudged,
        ).toEqual([
            'chart "redis-ha" is not one of the Redis charts whose values the pack knows (Bitnami: redis, valkey, redis-cluster, valkey-cluster; OT-CONTAINER-KIT: redis, redis-cluster, redis-replication, redis-sentinel)',
        ]);
        expect(reviewChart(view(release("bitnami/redis", UNKNOWN as never)))?.notJudged).toEqual(["its values are unknown at preview"]);
        const withFiles = reviewChart(
            view(release("bitnami/redis", { ...SECURE_BITNAMI, auth: { enabled: true } }, { valueYamlFiles: [{}] })),
        );
        expect(withFiles?.problems).toEqual([]);
        expect(withFiles?.notJudged).toContain("master.service.type is left to a values file the pack cannot read");
        expect(reviewChart(view(release("bitnami/postgresql")))).toBeUndefined();
    });
});

describeNotJudged(KUBERNETES_RULES, [
    { title: "a workload, its policy and its ServiceAccount all known", resources: [k8s(statefulSet()), k8s(policy)], messages: [] },
    {
        title: "a NetworkPolicy whose from is unknown at preview",
        resources: [k8s(statefulSet()), k8s({ ...policy, spec: { ...policy.spec, ingress: [{ from: UNKNOWN_VALUE }] } })],
        messages: [
            /^Redis workload "redis" is not judged in part: NetworkPolicy ingress: NetworkPolicy "redis" has ingress rule 0 unknown at preview\.$/,
        ],
    },
    {
        title: "a pod field and the token setting unknown at preview",
        resources: [
            k8s(statefulSet({ ...SECURE_POD, hostNetwork: UNKNOWN_VALUE, automountServiceAccountToken: UNKNOWN_VALUE })),
            k8s(policy),
        ],
        messages: [
            /Pod Security Standards: Host Namespaces: unknown at preview whether the pod sets hostNetwork: true; service account token: its pod spec sets automountServiceAccountToken to a value unknown at preview\.$/,
        ],
    },
    {
        title: "a Redis chart the pack does not know",
        resources: [release("redis-ha", {}, { repositoryOpts: { repo: "https://dandydeveloper.github.io/charts" } })],
        messages: [/^Helm Release "cache" of chart "redis-ha" is not judged in part: chart "redis-ha" is not one of the Redis charts/],
    },
    {
        title: "a v2 ConfigFile the pack does not read",
        resources: [planned("kubernetes:yaml/v2:ConfigFile", "file", { file: "redis.yaml" })],
        messages: [/^yaml\/v2:ConfigFile "file" is not judged: its manifest files are not read by the pack\.$/],
    },
    {
        title: "a ConfigGroup whose yaml is unknown at preview",
        resources: [configGroup({ yaml: UNKNOWN_VALUE })],
        messages: [/is not judged: its inline manifests are unknown at preview/],
    },
]);

describe("configGroupChildren", () => {
    it("names and addresses each inline object as the provider registers a v2 ConfigGroup's children", () => {
        const group = configGroup({ yaml: YAML });
        expect(configGroupChildren(group).map(({ type, name, urn }) => ({ type, name, urn }))).toEqual([
            {
                type: "kubernetes:apps/v1:StatefulSet",
                name: "manifests:data/redis",
                urn: "urn:pulumi:test::hardened-redis::kubernetes:yaml/v2:ConfigGroup$kubernetes:apps/v1:StatefulSet::manifests:data/redis",
            },
            {
                type: "kubernetes:core/v1:Service",
                name: "manifests:data/redis",
                urn: "urn:pulumi:test::hardened-redis::kubernetes:yaml/v2:ConfigGroup$kubernetes:core/v1:Service::manifests:data/redis",
            },
        ]);
        expect(configGroupChildren(configGroup({ yaml: UNKNOWN }))).toEqual([]);
    });
});

const mountingConfig = statefulSet({
    ...SECURE_POD,
    containers: [
        {
            ...SECURE_POD.containers[0],
            command: ["redis-server", "/etc/redis/redis.conf"],
            volumeMounts: [{ name: "config", mountPath: "/etc/redis" }],
        },
    ],
    volumes: [{ name: "config", configMap: { name: "redis-config" } }],
});
const redisConf = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "redis-config", namespace: "data" },
    data: { "redis.conf": "protected-mode yes\nport 6379" },
};
const configMapPatch = planned("kubernetes:core/v1:ConfigMapPatch", "conf-patch", {
    metadata: { name: "redis-config", namespace: "data" },
    data: { "redis.conf": "protected-mode no\nport 6379" },
});

describeRule(k8sRedisProtectedModeOff, [
    { title: "the mounted ConfigMap as the program writes it", resources: [k8s(mountingConfig), k8s(redisConf)], messages: [] },
    {
        title: "a ConfigMapPatch that turns protected mode off in the mounted redis.conf",
        resources: [k8s(mountingConfig), k8s(redisConf), configMapPatch],
        messages: [/turns protected-mode off/],
    },
]);

const valuesFile = (text: string) => new pulumi.asset.StringAsset(text);

// Helm takes the values files in order, then `values` over them.
describeRule(k8sRedisHelmChartInsecure, [
    {
        title: "auth off in an inline values file",
        resources: [release("bitnami/redis", SECURE_BITNAMI, { valueYamlFiles: [valuesFile("auth:\n  enabled: false\n")] })],
        messages: [/: auth\.enabled = false leaves Redis without a password\.$/],
    },
    {
        title: "values over a values file",
        resources: [
            release(
                "bitnami/redis",
                { ...SECURE_BITNAMI, auth: { enabled: true } },
                { valueYamlFiles: [valuesFile("auth:\n  enabled: false\n")] },
            ),
        ],
        messages: [],
    },
    {
        title: "a later values file over an earlier one",
        resources: [
            release("bitnami/redis", SECURE_BITNAMI, {
                valueYamlFiles: [valuesFile("auth:\n  enabled: false\n"), valuesFile("auth:\n  enabled: true\n")],
            }),
        ],
        messages: [],
    },
    {
        title: "a values file merged key by key with values",
        resources: [
            release(
                "bitnami/redis",
                { ...SECURE_BITNAMI, master: { persistence: { size: "8Gi" } } },
                { valueYamlFiles: [valuesFile("master:\n  service:\n    type: LoadBalancer\n")] },
            ),
        ],
        messages: [/: master\.service\.type = "LoadBalancer" publishes Redis outside the cluster\.$/],
    },
]);

// A values file given by path is read where the program runs, not where the pack does: not judged, never passed.
describeNotJudged(KUBERNETES_RULES, [
    {
        title: "values from a file by path",
        resources: [release("bitnami/redis", { tls: { enabled: true } }, { valueYamlFiles: [new pulumi.asset.FileAsset("values.yaml")] })],
        messages: [
            /^Helm Release "cache" of chart "bitnami\/redis" is not judged in part: auth\.enabled is left to a values file the pack cannot read; /,
        ],
    },
    {
        title: "values from an inline values file, which the pack reads",
        resources: [release("bitnami/redis", SECURE_BITNAMI, { valueYamlFiles: [valuesFile("auth:\n  enabled: true\n")] })],
        messages: [],
    },
]);
