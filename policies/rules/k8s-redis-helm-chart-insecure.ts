import { kubernetesDocs, redisSecurity } from "../lib/controls";
import { HELM_TYPES, reviewChart } from "../lib/helm";
import { resourceRule } from "../lib/rule";

export const k8sRedisHelmChartInsecure = resourceRule(
    {
        name: "k8s-redis-helm-chart-insecure",
        description:
            "A Helm release of a well-known Redis chart (Bitnami redis, valkey, redis-cluster, valkey-cluster; OT-CONTAINER-KIT redis charts) must keep authentication, " +
            "TLS, its NetworkPolicy and its security contexts on, and its Services inside the cluster.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            redisSecurity("Network security", "Redis must not be reachable from outside its trusted network", "#network-security"),
            kubernetesDocs(
                "Helm",
                "Chart values decide the objects a release creates",
                "https://helm.sh/docs/chart_template_guide/values_files/",
            ),
        ],
        remediation:
            "Set the chart's values: auth.enabled (or usePassword) true with an existingSecret, tls.enabled true, networkPolicy.enabled true with allowExternal false, " +
            "service types ClusterIP and externalAccess off; or run Redis through the KubernetesRedis component.",
    },
    HELM_TYPES,
    (release, report) => {
        const review = reviewChart(release);
        if (review && review.problems.length > 0) {
            report(
                `Helm ${release.type.split(":").pop()} "${release.name}" of chart "${review.chart}" is insecure: ${review.problems.join("; ")}.`,
            );
        }
    },
);
