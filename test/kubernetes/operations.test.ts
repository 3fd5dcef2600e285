import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { evaluatePolicies } from "hardened-redis-gate";
import { toPlannedResource } from "hardened-redis-gate";
import productionConfig from "hardened-redis-policies/config/production.json";
import { MockHarness, isSecretValue, mockPassword, plainStrings, unwrapSecret } from "../support/harness";
import { restrictedProfileViolations } from "../support/pod-security";
import { KINDS as T, schemaErrors } from "./schemas";

const harness = new MockHarness();
let components: typeof import("hardened-redis");

const BASE = { namespace: "payments", allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }] };
const BACKUP = {
    bucket: "payments-redis-backups",
    region: "eu-west-1",
    credentials: { roleArn: "arn:aws:iam::123456789012:role/redis-backup" },
    pushgatewayUrl: "http://pushgateway.monitoring:9091",
};
const OPERATED = { ...BASE, monitoring: {}, backup: BACKUP };

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
});
beforeEach(() => harness.reset());

async function deploy(args: Partial<import("hardened-redis").KubernetesRedisArgs> = {}, name = "cache") {
    const redis = new components.KubernetesRedis(name, { ...BASE, ...args });
    await harness.settle(redis);
    return redis;
}

const named = (type: string, name: string) => harness.one(type, name).inputs;
const podSpec = () => named(T.statefulSet, "cache-statefulset").spec.template.spec;
const cronPod = () => named(T.cronJob, "cache-backup").spec.jobTemplate.spec.template.spec;

describe("KubernetesRedis monitoring and backups", () => {
    it("adds nothing unless monitoring or backup is asked for", async () => {
        await deploy();
        expect(harness.ofType(T.cronJob)).toEqual([]);
        expect(harness.ofType(T.serviceMonitor)).toEqual([]);
        expect(podSpec().containers.map((c: any) => c.name)).toEqual(["redis"]);
        expect(unwrapSecret(named(T.secret, "cache-auth").stringData)["users.acl"]).not.toMatch(/^user backup /m);
    });

    it.each([
        ["monitoring and backups", OPERATED],
        [
            "a restore with a credentials Secret, mTLS and cert-manager",
            {
                ...OPERATED,
                tls: { requireClientCertificates: true, certManagerIssuer: { name: "ca" } },
                backup: { ...BACKUP, credentials: { secretName: "s3-keys" }, restoreFrom: "payments/cache/cache-20260101T000000Z.rdb.gz" },
            },
        ],
    ])("validates every object against the Kubernetes and prometheus-operator schemas (%s)", async (_, args) => {
        await deploy(args);
        expect(harness.ofType(T.serviceMonitor)).toHaveLength(1);
        expect(harness.ofType(T.cronJob)).toHaveLength(1);
        expect(schemaErrors(harness.resources)).toEqual([]);
    });

    it("validates against schemas that do reject a malformed custom resource", () => {
        expect(() =>
            new PrometheusRule({ metadata: { name: "x" }, spec: { groups: [{ name: "g", rules: [{ alert: "A" }] }] } } as any).validate(),
        ).toThrow();
        expect(() => new CronJob({ metadata: { name: "x" }, spec: { schedule: 15 } } as any).validate()).toThrow();
    });

    it("runs the exporter as a sidecar over TLS with the monitoring user, its password from the Secret", async () => {
        await deploy(OPERATED);
        const exporter = podSpec().containers[1];
        expect(exporter).toMatchObject({
            name: "exporter",
            image: "oliver006/redis_exporter:v1.74.0",
            args: [
                "--redis.addr=rediss://127.0.0.1:6379",
                "--redis.user=monitoring",
                "--tls-ca-cert-file=/etc/redis/tls/ca.crt",
                "--config-command=-",
                "--include-system-metrics=false",
                "--web.listen-address=:9121",
            ],
            env: [{ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: "cache-auth", key: "monitoring-password" } } }],
            ports: [{ name: "metrics", containerPort: 9121, protocol: "TCP" }],
        });
        expect(restrictedProfileViolations(podSpec())).toEqual([]);
    });

    it("scrapes through a ServiceMonitor and alerts through a PrometheusRule, both selected by the given labels", async () => {
        await deploy({ ...OPERATED, monitoring: { prometheusLabels: { release: "kube-prometheus-stack" }, scrapeIntervalSeconds: 15 } });
        const service = named(T.service, "cache-metrics");
        expect(service.spec).toMatchObject({ clusterIP: "None", ports: [{ name: "metrics", port: 9121, targetPort: "metrics" }] });
        const monitor = named(T.serviceMonitor, "cache-service-monitor");
        expect(monitor.metadata.labels.release).toBe("kube-prometheus-stack");
        expect(monitor.spec).toEqual({
            selector: { matchLabels: service.metadata.labels },
            namespaceSelector: { matchNames: ["payments"] },
            endpoints: [{ port: "metrics", path: "/metrics", interval: "15s", scrapeTimeout: "10s" }],
        });
        // The sentinels' metrics Service carries the label too, so that the same ServiceMonitor scrapes it.
        const otherServices = harness.ofType(T.service).filter((s) => s.name !== "cache-metrics" && s.name !== "cache-sentinel-metrics");
        for (const other of otherServices) expect(other.inputs.metadata.labels["app.kubernetes.io/component"]).toBeUndefined();
        const rule = named(T.prometheusRule, "cache-prometheus-rule");
        expect(rule.metadata.labels.release).toBe("kube-prometheus-stack");
        expect(rule.spec.groups[0].rules.map((r: any) => r.alert)).toEqual(
            expect.arrayContaining(["RedisDown", "RedisMemoryHigh", "RedisReplicasMissing", "RedisBackupTooOld"]),
        );
    });

    it("ships a Grafana dashboard in a ConfigMap labelled for the dashboard sidecar", async () => {
        await deploy(OPERATED);
        const dashboard = named(T.configMap, "cache-dashboard");
        expect(dashboard.metadata.labels.grafana_dashboard).toBe("1");
        const model = JSON.parse(dashboard.data["payments-cache.json"]);
        expect(model.uid).toBe("redis-payments-cache");
        expect(model.panels.length).toBeGreaterThanOrEqual(8);
        for (const target of model.panels.flatMap((p: any) => p.targets))
            expect(target.expr).toMatch(/namespace="payments",service="cache-(sentinel-)?metrics"/);
        expect(
            model.panels.filter((p: any) => p.targets.some((t: any) => t.expr.includes('service="cache-sentinel-metrics"'))),
        ).toHaveLength(2);
    });

    it("lets only the scrapers reach the metrics port and only the backup pods the Redis port besides the clients", async () => {
        await deploy({ ...OPERATED, monitoring: { scrapers: [{ namespaceSelector: { matchLabels: { team: "monitoring" } } }] } });
        const ingress = named(T.networkPolicy, "cache-network-policy").spec.ingress;
        expect(ingress).toContainEqual({
            from: [{ namespaceSelector: { matchLabels: { team: "monitoring" } } }],
            ports: [{ protocol: "TCP", port: 9121 }],
        });
        expect(ingress).toContainEqual({
            from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "redis-backup", "app.kubernetes.io/instance": "cache" } } }],
            ports: [{ protocol: "TCP", port: 6379 }],
        });
        const backup = named(T.networkPolicy, "cache-backup-network-policy").spec;
        expect(backup.podSelector).toEqual({
            matchLabels: { "app.kubernetes.io/name": "redis-backup", "app.kubernetes.io/instance": "cache" },
        });
        expect(backup.ingress).toEqual([]);
        expect(backup.egress[2]).toEqual({
            ports: [
                { protocol: "TCP", port: 443 },
                { protocol: "TCP", port: 9091 },
            ],
        });
        expect(backup.egress[1].ports).toEqual([{ protocol: "TCP", port: 6379 }]);
    });

    it("backs up every 15 minutes from a replica, with the backup user's password only in a Secret", async () => {
        await deploy(OPERATED);
        const job = named(T.cronJob, "cache-backup");
        expect(job.spec).toMatchObject({ schedule: "*/15 * * * *", concurrencyPolicy: "Forbid", timeZone: "Etc/UTC" });
        const pod = cronPod();
        expect(pod).toMatchObject({ serviceAccountName: "cache-backup", automountServiceAccountToken: false, restartPolicy: "Never" });
        expect(restrictedProfileViolations(pod)).toEqual([]);
        expect(pod.initContainers[0]).toMatchObject({
            name: "dump",
            image: "redis:7.2.11",
            command: ["sh", "/etc/redis/backup/backup.sh", "dump"],
            env: [{ name: "REDISCLI_AUTH", valueFrom: { secretKeyRef: { name: "cache-backup-auth", key: "password" } } }],
        });
        expect(pod.containers[0]).toMatchObject({
            name: "upload",
            image: "amazon/aws-cli:2.31.39",
            command: ["sh", "/etc/redis/backup/backup.sh", "upload"],
        });
        expect(pod.containers[0].envFrom).toBeUndefined();
        expect(pod.volumes).toContainEqual({
            name: "tls",
            projected: { defaultMode: 0o440, sources: [{ secret: { name: "cache-tls", items: [{ key: "ca.crt", path: "ca.crt" }] } }] },
        });
        expect(named(T.serviceAccount, "cache-backup-service-account")).toMatchObject({
            metadata: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/redis-backup" } },
            automountServiceAccountToken: false,
        });
        const script = named(T.configMap, "cache-backup-scripts").data["backup.sh"];
        expect(script).toContain("-h cache-1.cache-headless.payments.svc.cluster.local -p 6379 --user backup --no-auth-warning --rdb");
        expect(script).toContain('s3 cp "$work/$object" "s3://payments-redis-backups/payments/cache/$object" --sse aws:kms');
        const acl = unwrapSecret(named(T.secret, "cache-auth").stringData)["users.acl"];
        expect(acl).toMatch(/^user backup on #[0-9a-f]{64} resetkeys resetchannels -@all \+replconf \+sync$/m);
        expect(unwrapSecret(named(T.secret, "cache-backup-auth").stringData)).toEqual({ password: mockPassword("cache-backup-password") });
    });

    it("never puts a generated password into a ConfigMap, a command line or another plain input", async () => {
        await deploy({ ...OPERATED, backup: { ...BACKUP, restoreFrom: "payments/cache/cache-20260101T000000Z.rdb.gz" } });
        const passwords = harness.ofType(T.password).map((p) => mockPassword(p.name));
        expect(passwords).toHaveLength(5);
        const leaks = harness.resources.flatMap((r) =>
            plainStrings(r.inputs)
                .filter((s) => passwords.some((p) => s.includes(p)))
                .map(() => `${r.type} ${r.name}`),
        );
        expect(leaks).toEqual([]);
        for (const secret of harness.ofType(T.secret))
            expect([secret.name, isSecretValue(secret.inputs.stringData)]).toEqual([secret.name, true]);
    });

    it("restores into pod 0 through two init containers, with credentials from a Secret or IRSA", async () => {
        const restoreFrom = "payments/cache/cache-20260101T000000Z.rdb.gz";
        await deploy({
            ...OPERATED,
            backup: { ...BACKUP, credentials: { secretName: "s3-keys" }, endpoint: "https://minio.storage:9000", restoreFrom },
        });
        const spec = podSpec();
        expect(spec.initContainers.map((c: any) => [c.name, c.image, c.command])).toEqual([
            ["restore-download", "amazon/aws-cli:2.31.39", ["sh", "/etc/redis/backup/restore.sh", "download"]],
            ["restore-place", "redis:7.2.11", ["sh", "/etc/redis/backup/restore.sh", "place"]],
        ]);
        expect(spec.initContainers[0].envFrom).toEqual([{ secretRef: { name: "s3-keys" } }]);
        expect(restrictedProfileViolations(spec)).toEqual([]);
        expect(named(T.configMap, "cache-backup-scripts").data["restore.sh"]).toContain(
            `--endpoint-url https://minio.storage:9000 --only-show-errors s3 cp "s3://payments-redis-backups/${restoreFrom}"`,
        );
        expect(named(T.networkPolicy, "cache-network-policy").spec.egress).toContainEqual({ ports: [{ protocol: "TCP", port: 9000 }] });
        expect(named(T.serviceAccount, "cache-service-account").metadata.annotations).toBeUndefined();

        harness.reset();
        await deploy({ ...OPERATED, backup: { ...BACKUP, restoreFrom } });
        expect(named(T.serviceAccount, "cache-service-account").metadata.annotations).toEqual({
            "eks.amazonaws.com/role-arn": BACKUP.credentials.roleArn,
        });
    });

    it("restores into the AOF names that redis.conf loads", async () => {
        await deploy({ backup: { ...BACKUP, restoreFrom: "payments/cache/cache-20260101T000000Z.rdb.gz" } });
        const conf = named(T.configMap, "cache-config").data["redis.conf"];
        expect(conf).toMatch(/^appendonly yes\nappendfilename "appendonly.aof"\nappenddirname "appendonlydir"$/m);
        const restore = named(T.configMap, "cache-backup-scripts").data["restore.sh"];
        expect(restore).toContain(
            `printf 'file appendonly.aof.1.base.rdb seq 1 type b\\n' > "$staging/appendonlydir/appendonly.aof.manifest"`,
        );
        expect(restore).toContain('mv "$staging/appendonlydir" /data/appendonlydir');
    });

    it("gives the backup job a client certificate when clients must present one", async () => {
        await deploy({ ...OPERATED, tls: { requireClientCertificates: true } });
        expect(cronPod().volumes).toContainEqual({
            name: "tls",
            projected: {
                defaultMode: 0o440,
                sources: [
                    {
                        secret: {
                            name: "cache-user-backup-tls",
                            items: [
                                { key: "ca.crt", path: "ca.crt" },
                                { key: "tls.crt", path: "tls.crt" },
                                { key: "tls.key", path: "tls.key" },
                            ],
                        },
                    },
                ],
            },
        });
        expect(named(T.configMap, "cache-backup-scripts").data["backup.sh"]).toContain(
            "--cert /etc/redis/tls/tls.crt --key /etc/redis/tls/tls.key",
        );
        expect(podSpec().containers[1].args).toEqual(
            expect.arrayContaining(["--tls-client-cert-file=/etc/redis/tls/tls.crt", "--tls-client-key-file=/etc/redis/tls/tls.key"]),
        );
    });

    it("logs to stdout, and to syslog when asked", async () => {
        await deploy({ logs: { syslog: { ident: "payments-redis", facility: "local3" } } });
        const conf = named(T.configMap, "cache-config").data["redis.conf"];
        expect(conf).toMatch(/^logfile ""\nsyslog-enabled yes\nsyslog-ident payments-redis\nsyslog-facility local3$/m);
    });

    it.each([
        ["default args", {}, undefined],
        [
            "production args",
            {
                replicas: 3,
                tls: { requireClientCertificates: true },
                zoneAntiAffinity: "required" as const,
                backup: { ...BACKUP, kmsKeyId: "alias/redis-backups", restoreFrom: "payments/cache/cache-20260101T000000Z.rdb.gz" },
            },
            productionConfig,
        ],
    ])("passes every rule of the policy pack with monitoring and backups (%s)", async (_, args, config) => {
        await deploy({ ...OPERATED, ...args });
        const resources = harness.resources.map(toPlannedResource);
        const describeAll = (violations: Awaited<ReturnType<typeof evaluatePolicies>>) =>
            violations.map((v) => `${v.policyName} on ${v.resourceName}: ${v.message}`);
        // Sentinel rewrites its configuration, so each sentinel assembles it at start where the gate cannot read it.
        const sentinelNotJudged = [
            expect.stringMatching(
                /^not-judged on cache-sentinel: .*\nk8s-redis-protected-mode-off, k8s-redis-without-tls, k8s-redis-without-authentication, k8s-redis-user-dangerous-commands: Redis workload "cache-sentinel" container "sentinel": protected-mode, port, tls-port, ACL users not judged/,
            ),
        ];
        expect(describeAll(await evaluatePolicies(resources))).toEqual(sentinelNotJudged);
        if (config) expect(describeAll(await evaluatePolicies(resources, { config }))).toEqual(sentinelNotJudged);
    });
});

describe("KubernetesRedis monitoring and backup bad input", () => {
    const create = (args: Record<string, unknown>) => () => new components.KubernetesRedis("bad", { ...BASE, ...args } as any);
    const backup = (extra: Record<string, unknown>) => ({ backup: { ...BACKUP, ...extra } });
    it.each([
        ["a floating exporter tag", { monitoring: { exporterImage: { tag: "latest" } } }, /monitoring\.exporterImage\.tag is "latest"/],
        [
            "a bad exporter repository",
            { monitoring: { exporterImage: { repository: "Bad Repo" } } },
            /monitoring\.exporterImage\.repository is "Bad Repo"/,
        ],
        [
            "a bad exporter digest",
            { monitoring: { exporterImage: { digest: "sha256:xyz" } } },
            /monitoring\.exporterImage\.digest is "sha256:xyz"/,
        ],
        [
            "a privileged metrics port",
            { monitoring: { metricsPort: 80 } },
            /monitoring\.metricsPort is 80. Allowed: a whole number from 1024 to 65535/,
        ],
        ["an empty scraper", { monitoring: { scrapers: [{}] } }, /monitoring\.scrapers\[0\] has neither podSelector nor namespaceSelector/],
        ["no scrapers", { monitoring: { scrapers: [] } }, /monitoring\.scrapers is empty/],
        [
            "a bad Prometheus label",
            { monitoring: { prometheusLabels: { "bad key!": "x" } } },
            /monitoring\.prometheusLabels key is "bad key!"/,
        ],
        [
            "a bad dashboard label value",
            { monitoring: { dashboardLabels: { grafana_dashboard: "not ok" } } },
            /monitoring\.dashboardLabels\["grafana_dashboard"\] is "not ok"/,
        ],
        ["a scrape interval of 1 s", { monitoring: { scrapeIntervalSeconds: 1 } }, /monitoring\.scrapeIntervalSeconds is 1/],
        [
            "a memory threshold of 100",
            { monitoring: { thresholds: { memoryPercent: 100 } } },
            /monitoring\.thresholds\.memoryPercent is 100. Allowed: a number from 50 to 99/,
        ],
        [
            "negative evictions",
            { monitoring: { thresholds: { evictionsPerSecond: -1 } } },
            /monitoring\.thresholds\.evictionsPerSecond is -1/,
        ],
        [
            "a connections threshold of 20",
            { monitoring: { thresholds: { connectionsPercent: 20 } } },
            /monitoring\.thresholds\.connectionsPercent is 20/,
        ],
        [
            "a latency SLO of 0",
            { monitoring: { thresholds: { latencySloMilliseconds: 0 } } },
            /monitoring\.thresholds\.latencySloMilliseconds is 0/,
        ],
        ["a hit rate of 100", { monitoring: { thresholds: { hitRatePercent: 100 } } }, /monitoring\.thresholds\.hitRatePercent is 100/],
        [
            "a lag of NaN",
            { monitoring: { thresholds: { replicationLagSeconds: NaN } } },
            /monitoring\.thresholds\.replicationLagSeconds is NaN/,
        ],
        ["a bad syslog ident", { logs: { syslog: { ident: "has space" } } }, /logs\.syslog\.ident is "has space"/],
        [
            "an unknown syslog facility",
            { logs: { syslog: { facility: "kern" } } },
            /logs\.syslog\.facility is "kern". Allowed: "user", "local0"/,
        ],
        ["a bad bucket", backup({ bucket: "Bad_Bucket" }), /backup\.bucket is "Bad_Bucket"/],
        ["a bad region", backup({ region: "europe" }), /backup\.region is "europe"/],
        ["a bad prefix", backup({ prefix: "has space" }), /backup\.prefix is "has space"/],
        [
            "a plaintext endpoint",
            backup({ endpoint: "http://minio:9000" }),
            /backup\.endpoint is "http:\/\/minio:9000". Allowed: an https:\/\/ URL/,
        ],
        ["a bad schedule", backup({ schedule: "every 15 minutes" }), /backup\.schedule is "every 15 minutes"/],
        ["a schedule with six fields", backup({ schedule: "0 */15 * * * *" }), /backup\.schedule is "0 \*\/15 \* \* \* \*"/],
        [
            "an unknown encryption",
            backup({ serverSideEncryption: "none" }),
            /backup\.serverSideEncryption is "none". Allowed: "aws:kms", "AES256"/,
        ],
        [
            "a KMS key with AES256",
            backup({ serverSideEncryption: "AES256", kmsKeyId: "alias/x" }),
            /backup\.kmsKeyId is set with AES256 encryption/,
        ],
        ["a bad KMS key", backup({ kmsKeyId: "my key" }), /backup\.kmsKeyId is "my key"/],
        ["no credentials", backup({ credentials: {} }), /backup\.credentials is empty. Allowed: exactly one of/],
        [
            "both credentials",
            backup({ credentials: { roleArn: BACKUP.credentials.roleArn, secretName: "s3" } }),
            /backup\.credentials names both a role and a Secret/,
        ],
        [
            "a bad role ARN",
            backup({ credentials: { roleArn: "arn:aws:iam::1:role/x" } }),
            /backup\.credentials\.roleArn is "arn:aws:iam::1:role\/x"/,
        ],
        ["a bad Secret name", backup({ credentials: { secretName: "S3_Keys" } }), /backup\.credentials\.secretName is "S3_Keys"/],
        ["an RPO of 1 minute", backup({ rpoMinutes: 1 }), /backup\.rpoMinutes is 1. Allowed: a whole number from 5 to 10080/],
        [
            "no Pushgateway with monitoring",
            { monitoring: {}, backup: { ...BACKUP, pushgatewayUrl: undefined } },
            /backup\.pushgatewayUrl is missing while monitoring is on/,
        ],
        ["a bad Pushgateway URL", backup({ pushgatewayUrl: "pushgateway:9091" }), /backup\.pushgatewayUrl is "pushgateway:9091"/],
        ["a floating AWS CLI tag", backup({ uploaderImage: { tag: "latest" } }), /backup\.uploaderImage\.tag is "latest"/],
        [
            "a restore object that is not a backup",
            backup({ restoreFrom: "dump.rdb" }),
            /backup\.restoreFrom is "dump\.rdb". Allowed: an object key written by the backup job/,
        ],
    ])("refuses %s", (_, args, message) => {
        expect(create(args)).toThrow(message);
    });

    it("accepts backups without monitoring and without a Pushgateway", () => {
        expect(create({ backup: { ...BACKUP, pushgatewayUrl: undefined } })).not.toThrow();
    });
});
