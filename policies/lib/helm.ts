import { parse } from "yaml";
import { Unknown, isUnknown, listOf, objectOf, stringOf } from "./known-values";
import { ResourceView } from "./rule";

/**
 * Helm releases of the well-known Redis charts, judged by their values. The value names and defaults
 * are the charts' own (values.yaml of bitnami/charts `redis`, `valkey`, `redis-cluster`, `valkey-cluster`,
 * and OT-CONTAINER-KIT/helm-charts `redis`, `redis-cluster`, `redis-replication`, `redis-sentinel`);
 * defaults are those of the current chart versions.
 */

export const HELM_TYPES = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v3:Chart", "kubernetes:helm.sh/v4:Chart"];

const EXPOSING = ["LoadBalancer", "NodePort"];

/** One setting of a chart: where it is in the values, its chart default, and when its value is insecure. */
interface ValueCheck {
    path: string;
    default: unknown;
    insecure(value: unknown): boolean;
    problem: string;
}

const isFalse = (v: unknown) => v === false || v === "false";
const notTrue = (v: unknown) => v !== true && v !== "true";
const exposes = (v: unknown) => EXPOSING.includes(v as string);

const serviceType = (path: string): ValueCheck => ({
    path,
    default: "ClusterIP",
    insecure: exposes,
    problem: "publishes Redis outside the cluster",
});
const enabled = (path: string, problem: string): ValueCheck => ({ path, default: true, insecure: isFalse, problem });

function bitnamiReplication(primary: "master" | "primary"): ValueCheck[] {
    return [
        enabled("auth.enabled", "leaves Redis without a password"),
        { path: "tls.enabled", default: false, insecure: notTrue, problem: "leaves clients and replicas in plaintext" },
        ...[primary, "replica", "sentinel"].map((role) => serviceType(`${role}.service.type`)),
        enabled("networkPolicy.enabled", "creates no NetworkPolicy"),
        {
            path: "networkPolicy.allowExternal",
            default: true,
            insecure: (v) => !isFalse(v),
            problem: "lets every pod of the cluster connect",
        },
        enabled(`${primary}.podSecurityContext.enabled`, "drops the pod security context"),
        enabled(`${primary}.containerSecurityContext.enabled`, "drops the container security context"),
    ];
}

const BITNAMI_CLUSTER: ValueCheck[] = [
    enabled("usePassword", "leaves Redis without a password"),
    { path: "tls.enabled", default: false, insecure: notTrue, problem: "leaves clients and cluster links in plaintext" },
    serviceType("service.type"),
    {
        path: "cluster.externalAccess.enabled",
        default: false,
        insecure: (v) => v === true || v === "true",
        problem: "publishes every node through its own LoadBalancer",
    },
    enabled("networkPolicy.enabled", "creates no NetworkPolicy"),
    { path: "networkPolicy.allowExternal", default: true, insecure: (v) => !isFalse(v), problem: "lets every pod of the cluster connect" },
    enabled("podSecurityContext.enabled", "drops the pod security context"),
    enabled("containerSecurityContext.enabled", "drops the container security context"),
];

function otContainerKit(section: string): ValueCheck[] {
    return [
        { path: `${section}.redisSecret.secretName`, default: undefined, insecure: (v) => !v, problem: "leaves Redis without a password" },
        { path: "TLS.secret.secretName", default: undefined, insecure: (v) => !v, problem: "leaves Redis in plaintext" },
        serviceType(`${section}.serviceType`),
        {
            path: "externalService.enabled",
            default: false,
            insecure: (v) => v === true || v === "true",
            problem: "publishes Redis through an extra NodePort or LoadBalancer Service",
        },
    ];
}

interface ChartProfile {
    publisher: string;
    /** Matches the chart reference or repository URL of the publisher. */
    source: RegExp;
    charts: Record<string, ValueCheck[]>;
}

const PROFILES: ChartProfile[] = [
    {
        publisher: "Bitnami",
        source: /bitnami/i,
        charts: {
            redis: bitnamiReplication("master"),
            valkey: bitnamiReplication("primary"),
            "redis-cluster": BITNAMI_CLUSTER,
            "valkey-cluster": BITNAMI_CLUSTER,
        },
    },
    {
        publisher: "OT-CONTAINER-KIT",
        source: /ot-container-kit|opstree/i,
        charts: {
            redis: otContainerKit("redisStandalone"),
            "redis-cluster": otContainerKit("redisCluster"),
            "redis-replication": otContainerKit("redisReplication"),
            "redis-sentinel": otContainerKit("redisSentinel"),
        },
    },
];

const REDIS_LIKE_CHART = /redis|valkey|keydb|dragonfly/i;

/** What a Helm release of a Redis chart is judged to do, or why it cannot be judged. */
export interface ChartReview {
    /** The chart as the program names it, e.g. `bitnami/redis`. */
    chart: string;
    problems: string[];
    /** Why the release (or some of its values) cannot be judged; empty when all of it was. */
    notJudged: string[];
}

/** The chart reference and repository of a Release or Chart (v3 `repo`/`fetchOpts.repo`, v4 and Release `repositoryOpts.repo`). */
function sourceOf(release: ResourceView): { chart: string; repository: string } {
    const { chart, repo, fetchOpts, repositoryOpts } = release.props;
    return {
        chart: stringOf(chart) ?? "",
        repository: stringOf(objectOf(repositoryOpts).repo) ?? stringOf(objectOf(fetchOpts).repo) ?? stringOf(repo) ?? "",
    };
}

function valueAt(values: Record<string, any>, path: string): unknown {
    return path.split(".").reduce<unknown>((node, key) => (isUnknown(node) ? node : objectOf(node)[key]), values);
}

/** `over` deep-merged onto `base`, as Helm merges values files and then `values`: maps merge key by key, anything else is replaced. */
function mergeValues(base: Record<string, any>, over: Record<string, any>): Record<string, any> {
    const merged = { ...base };
    for (const [key, value] of Object.entries(over)) {
        const below = merged[key];
        merged[key] = isMap(below) && isMap(value) ? mergeValues(below, value) : value;
    }
    return merged;
}

const isMap = (value: unknown): value is Record<string, any> =>
    value !== null && typeof value === "object" && !Array.isArray(value) && !isUnknown(value);

/**
 * The values a release is installed with: its `valueYamlFiles` in order, then `values` over them, as the
 * Pulumi Kubernetes provider passes them to Helm. A file is read when it is a text asset; one given by path
 * or URL (read where the program runs, not where the pack does) or unknown makes `files` true: a setting
 * it could hold is not judged unless `values` sets it. The v3 `Chart`'s `valueFiles` are paths too.
 */
function valuesOf(release: ResourceView): { values: Record<string, any> | Unknown; files: boolean } {
    const { values, valueYamlFiles, valueFiles } = release.props;
    if (isUnknown(values)) return { values, files: false };
    let merged: Record<string, any> = {};
    let files = isUnknown(valueFiles) || listOf(valueFiles).length > 0 || isUnknown(valueYamlFiles);
    for (const file of listOf(valueYamlFiles)) {
        const text = stringOf(objectOf(file).text);
        if (text === undefined) {
            files = true;
            continue;
        }
        const parsed = parseYaml(text);
        if (isMap(parsed)) merged = mergeValues(merged, parsed);
    }
    return { values: mergeValues(merged, objectOf(values)), files };
}

/** A values file's content, or undefined when it is not YAML (Helm would then refuse the release). */
function parseYaml(text: string): unknown {
    try {
        return parse(text);
    } catch {
        return undefined;
    }
}

/** The review of a Helm release, or undefined when it is not a Redis chart. */
export function reviewChart(release: ResourceView): ChartReview | undefined {
    if (!HELM_TYPES.includes(release.type)) return undefined;
    const { chart, repository } = sourceOf(release);
    if (isUnknown(release.props.chart)) return { chart: "(unknown)", problems: [], notJudged: ["its chart is unknown at preview"] };
    const name = chart.split(/[/:]/).filter(Boolean).pop()?.split("@")[0] ?? "";
    if (!REDIS_LIKE_CHART.test(name)) return undefined;
    const profile = PROFILES.find((p) => p.source.test(`${chart} ${repository}`) && p.charts[name] !== undefined);
    if (!profile)
        return {
            chart,
            problems: [],
            notJudged: [
                `chart "${chart}" is not one of the Redis charts whose values the pack knows (${PROFILES.map((p) => `${p.publisher}: ${Object.keys(p.charts).join(", ")}`).join("; ")})`,
            ],
        };
    const { values, files } = valuesOf(release);
    if (isUnknown(values)) return { chart, problems: [], notJudged: ["its values are unknown at preview"] };
    const review: ChartReview = { chart, problems: [], notJudged: [] };
    for (const check of profile.charts[name]) {
        const given = valueAt(objectOf(values), check.path);
        if (isUnknown(given) || (given === undefined && files)) {
            review.notJudged.push(
                `${check.path} is ${isUnknown(given) ? "unknown at preview" : "left to a values file the pack cannot read"}`,
            );
            continue;
        }
        const value = given === undefined ? check.default : given;
        if (check.insecure(value))
            review.problems.push(
                `${check.path}${given === undefined ? " (chart default)" : ""} = ${JSON.stringify(value) ?? "unset"} ${check.problem}`,
            );
    }
    return review;
}
