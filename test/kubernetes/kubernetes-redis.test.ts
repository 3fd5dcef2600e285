import { createHash } from "node:crypto";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { MockHarness, isSecretValue, mockPassword, plainStrings, promiseOf, unwrapSecret } from "../support/harness";
import { KUBERNETES_PASSWORD_INPUTS } from "../support/password-inputs";
import { restrictedProfileViolations } from "../support/pod-security";
import { KINDS as T, schemaErrors } from "./schemas";
import { KUBERNETES_REDIS_ARG_NAMES, validateKubernetesRedisArgs } from "../../components/kubernetes/kubernetes-redis-settings";

const harness = new MockHarness();
let components: typeof import("hardened-redis");

const BASE_ARGS = { namespace: "payments", allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }] };
const PRODUCTION_ARGS = {
    namespace: "payments",
    allowedClients: [
        { podSelector: { matchLabels: { app: "checkout" } } },
        {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "reporting" } },
            podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["batch", "api"] }] },
        },
    ],
    users: [
        { name: "checkout", role: "readwrite", keyPatterns: ["cart:*", "session:*"] },
        { name: "reporting", role: "readonly" },
        { name: "ops", role: "admin" },
    ],
    replicas: 3,
    image: { repository: "valkey/valkey", tag: "8.1.4", digest: `sha256:${"ab".repeat(32)}` },
    storage: { size: "50Gi", storageClassName: "gp3-encrypted" },
    resources: { requests: { cpu: "2", memory: "8Gi" }, limits: { cpu: "4", memory: "8Gi" } },
    ioThreads: 3,
    tls: { certManagerIssuer: { name: "internal-ca", kind: "ClusterIssuer" as const }, requireClientCertificates: true },
    zoneAntiAffinity: "required",
} satisfies Partial<import("hardened-redis").KubernetesRedisArgs>;

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
});
beforeEach(() => harness.reset());

async function deploy(args: Partial<import("hardened-redis").KubernetesRedisArgs> = {}, name = "cache") {
    const redis = new components.KubernetesRedis(name, { ...BASE_ARGS, ...args });
    await harness.settle(redis);
    return redis;
}

/** The Redis StatefulSet; with Sentinel there is also the sentinels' one. */
const statefulSet = () => harness.ofType(T.statefulSet).find((s) => s.name.endsWith("-statefulset"))!.inputs;
const podSpec = () => statefulSet().spec.template.spec;
const secretNamed = (name: string) => harness.ofType(T.secret).find((s) => s.inputs.metadata.name === name)!;
const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");
const sortedFilesHash = (files: Record<string, string>) =>
    sha256Hex(JSON.stringify(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))));

describe("KubernetesRedis defaults", () => {
    it("creates exactly the hardened resource set", async () => {
        await deploy();
        expect(harness.types()).toEqual([
            "hardened-redis:index:KubernetesRedis",
            T.statefulSet,
            T.configMap,
            T.secret,
            T.service,
            T.serviceAccount,
            T.networkPolicy,
            T.pdb,
            T.password,
            "tls:index/certRequest:CertRequest",
            "tls:index/locallySignedCert:LocallySignedCert",
            "tls:index/privateKey:PrivateKey",
            "tls:index/selfSignedCert:SelfSignedCert",
        ]);
        expect(
            harness
                .ofType(T.statefulSet)
                .map((s) => s.inputs.metadata.name)
                .sort(),
        ).toEqual(["cache", "cache-sentinel"]);
        expect(
            harness
                .ofType(T.secret)
                .map((s) => s.inputs.metadata.name)
                .sort(),
        ).toEqual(["cache-auth", "cache-sentinel-auth", "cache-tls", "cache-user-app"]);
        expect(
            harness
                .ofType(T.service)
                .map((s) => s.inputs.metadata.name)
                .sort(),
        ).toEqual(["cache-headless", "cache-read", "cache-sentinel", "cache-sentinel-headless"]);
        expect(
            harness
                .ofType(T.password)
                .map((p) => p.name)
                .sort(),
        ).toEqual(["cache-app-password", "cache-monitoring-password", "cache-replication-password", "cache-sentinel-password"]);
    });

    it("generates every password as 40 letters and digits, with the inputs deployed instances have, so that an upgrade replaces none", async () => {
        await deploy();
        const passwords = harness.ofType(T.password);
        expect(passwords).toHaveLength(4);
        for (const password of passwords) {
            expect(password.inputs).toEqual(KUBERNETES_PASSWORD_INPUTS);
        }
    });

    it("puts every object in the namespace, with the instance labels, under the component", async () => {
        await deploy();
        const component = harness.one("hardened-redis:index:KubernetesRedis");
        for (const r of harness.resources.filter((r) => r.type.startsWith("kubernetes:"))) {
            expect([r.name, r.inputs.metadata.namespace]).toEqual([r.name, "payments"]);
            expect(r.inputs.metadata.labels).toEqual({
                "app.kubernetes.io/name": "redis",
                "app.kubernetes.io/instance": "cache",
                "app.kubernetes.io/managed-by": "hardened-redis",
            });
            expect(r.parent).toBe(component.urn);
        }
    });

    it.each([
        ["default", {}],
        ["production", PRODUCTION_ARGS],
        ["generated mTLS", { tls: { requireClientCertificates: true } }],
    ])("validates every object against the Kubernetes API schemas (%s args)", async (_, args) => {
        await deploy(args);
        expect(harness.resources.filter((r) => r.type.startsWith("kubernetes:")).length).toBeGreaterThan(8);
        expect(schemaErrors(harness.resources)).toEqual([]);
    });

    it("validates against schemas that do reject a malformed object", () => {
        expect(() => new StatefulSet({ metadata: { name: "x" }, spec: { replicas: "three" } } as any).validate()).toThrow();
    });

    it("runs a primary and two replicas from one pinned official image", async () => {
        await deploy();
        const spec = statefulSet().spec;
        expect(spec).toMatchObject({
            serviceName: "cache-headless",
            replicas: 3,
            podManagementPolicy: "OrderedReady",
            updateStrategy: { type: "RollingUpdate" },
            selector: { matchLabels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "cache" } },
            persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
        });
        expect(spec.template.spec.containers.map((c: any) => c.image)).toEqual(["redis:7.2.11"]);
    });

    it("creates the StatefulSet after the ConfigMap and Secrets its pods mount", async () => {
        await deploy();
        const urnOf = (type: string, name: string) => harness.one(type, name).urn;
        expect(harness.one(T.statefulSet, "cache-statefulset").dependencies).toEqual(
            expect.arrayContaining([urnOf(T.configMap, "cache-config"), urnOf(T.secret, "cache-auth"), urnOf(T.secret, "cache-tls")]),
        );
    });

    it("meets the Pod Security Standards restricted profile, with a read-only root and UID 10001", async () => {
        await deploy();
        expect(restrictedProfileViolations(podSpec())).toEqual([]);
        expect(podSpec().securityContext).toEqual({
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup: 10001,
            fsGroupChangePolicy: "OnRootMismatch",
            seccompProfile: { type: "RuntimeDefault" },
        });
        expect(podSpec().containers[0].securityContext).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
        });
    });

    it("mounts no service account token and injects no service environment", async () => {
        await deploy();
        expect(podSpec()).toMatchObject({ serviceAccountName: "cache", automountServiceAccountToken: false, enableServiceLinks: false });
        expect(harness.one(T.serviceAccount).inputs).toMatchObject({ metadata: { name: "cache" }, automountServiceAccountToken: false });
    });

    it("sets requests and limits, and derives maxmemory from the memory limit", async () => {
        await deploy();
        expect(podSpec().containers[0].resources).toEqual({
            requests: { cpu: "500m", memory: "1Gi" },
            limits: { cpu: "1", memory: "1Gi" },
        });
        expect(harness.one(T.configMap).inputs.data["redis.conf"]).toMatch(/^maxmemory 751619276$/m);
    });

    it("keeps pods on different nodes and prefers different zones", async () => {
        await deploy();
        const selector = { matchLabels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "cache" } };
        expect(podSpec().affinity).toEqual({
            podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector, topologyKey: "kubernetes.io/hostname" }],
                preferredDuringSchedulingIgnoredDuringExecution: [
                    { weight: 100, podAffinityTerm: { labelSelector: selector, topologyKey: "topology.kubernetes.io/zone" } },
                ],
            },
        });
    });

    it("mounts data on a persistent volume and configuration, credentials and certificates read-only", async () => {
        await deploy();
        expect(podSpec().containers[0].volumeMounts).toEqual([
            { name: "data", mountPath: "/data" },
            { name: "config", mountPath: "/etc/redis/conf", readOnly: true },
            { name: "auth", mountPath: "/etc/redis/auth", readOnly: true },
            { name: "tls", mountPath: "/etc/redis/tls", readOnly: true },
        ]);
        expect(podSpec().volumes).toEqual([
            { name: "config", configMap: { name: "cache-config", defaultMode: 0o444 } },
            { name: "auth", secret: { secretName: "cache-auth", defaultMode: 0o440 } },
            { name: "tls", secret: { secretName: "cache-tls", defaultMode: 0o440 } },
        ]);
        expect(statefulSet().spec.volumeClaimTemplates).toEqual([
            {
                metadata: { name: "data", labels: expect.any(Object) },
                spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
            },
        ]);
    });

    it("probes liveness by TCP and readiness through INFO, with no secret on any command line", async () => {
        await deploy();
        const container = podSpec().containers[0];
        expect(container.livenessProbe).toMatchObject({ tcpSocket: { port: "redis-tls" } });
        expect(container.readinessProbe.exec.command.slice(0, 2)).toEqual(["sh", "-c"]);
        expect(container.readinessProbe.exec.command[2]).toContain('REDISCLI_AUTH="$(cat /etc/redis/auth/monitoring-password)"');
        expect(container.command.slice(0, 2)).toEqual(["sh", "-c"]);
        expect(container.ports).toEqual([{ name: "redis-tls", containerPort: 6379, protocol: "TCP" }]);
        expect(container.env).toBeUndefined();
    });

    it("keeps redis.conf and the replica configuration in a ConfigMap without any secret", async () => {
        await deploy({ sentinel: { enabled: false } });
        const data = harness.one(T.configMap).inputs.data;
        expect(Object.keys(data).sort()).toEqual(["redis.conf", "replica.conf"]);
        expect(data["replica.conf"]).toBe(
            "# Rendered by hardened-redis: a replica of the first pod, over TLS, as the replication user.\n" +
                "include /etc/redis/conf/redis.conf\n" +
                "replicaof cache-0.cache-headless.payments.svc.cluster.local 6379\n",
        );
        for (const text of Object.values<string>(data)) {
            expect(text).not.toMatch(/^(masterauth|masteruser|requirepass|user) /m);
            expect(text).not.toMatch(/MockValue|#[0-9a-f]{64}/);
        }
    });

    it("keeps the ACL file, with hashed passwords only, in a Secret", async () => {
        await deploy({
            users: [
                { name: "app", role: "readwrite", keyPatterns: ["app:*"] },
                { name: "ops", role: "admin" },
            ],
        });
        const secret = secretNamed("cache-auth").inputs;
        expect(secret.type).toBe("Opaque");
        expect(isSecretValue(secret.stringData)).toBe(true);
        const files = unwrapSecret(secret.stringData);
        const hash = (user: string) => `#${sha256Hex(mockPassword(`cache-${user}-password`))}`;
        expect(files["users.acl"].split("\n")).toEqual([
            "user default off resetkeys resetchannels -@all",
            `user replication on ${hash("replication")} resetkeys resetchannels -@all +psync +replconf`,
            `user monitoring on ${hash("monitoring")} resetkeys resetchannels -@all +info +client|setname +latency|latest +latency|histogram +slowlog|get +slowlog|len`,
            `user sentinel on ${hash("sentinel")} resetkeys resetchannels -@all &__sentinel__:hello +multi +exec +slaveof +ping +info +publish +subscribe +client|setname +client|kill +config|rewrite +script|kill`,
            `user app on ${hash("app")} ~app:* &* +@all -@dangerous`,
            `user ops on ${hash("ops")} ~* &* +@all`,
            "",
        ]);
        expect(files["users.acl"]).not.toContain("MockValue");
        expect(files["replication.conf"]).toBe(`masteruser replication\nmasterauth "${mockPassword("cache-replication-password")}"\n`);
        expect(files["monitoring-password"]).toBe(mockPassword("cache-monitoring-password"));
    });

    it("publishes one Secret per application user with its connection details", async () => {
        await deploy({
            users: [
                { name: "app", role: "readwrite" },
                { name: "reports", role: "readonly" },
            ],
        });
        for (const user of ["app", "reports"]) {
            const secret = secretNamed(`cache-user-${user}`).inputs;
            expect(isSecretValue(secret.stringData)).toBe(true);
            expect(unwrapSecret(secret.stringData)).toEqual({
                username: user,
                password: mockPassword(`cache-${user}-password`),
                host: "cache-sentinel.payments.svc.cluster.local",
                readerHost: "cache-read.payments.svc.cluster.local",
                port: "6379",
                tls: "true",
                sentinelHost: "cache-sentinel.payments.svc.cluster.local",
                sentinelPort: "26379",
                sentinelMasterName: "cache",
            });
        }
        expect(harness.ofType(T.secret).map((s) => s.inputs.metadata.name)).not.toContain("cache-user-replication");
    });

    it("never puts a generated password or private key into a non-secret input", async () => {
        await deploy({
            users: [
                { name: "app", role: "readwrite" },
                { name: "ops", role: "admin" },
            ],
        });
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

    it("rolls the pods when the configuration, the credentials or the certificate change, with plain checksums", async () => {
        await deploy();
        const annotations = statefulSet().spec.template.metadata.annotations;
        expect(Object.keys(annotations).sort()).toEqual([
            "hardened-redis/auth-sha256",
            "hardened-redis/config-sha256",
            "hardened-redis/tls-sha256",
        ]);
        for (const value of Object.values(annotations)) expect(value).toMatch(/^[0-9a-f]{64}$/);
        expect(annotations["hardened-redis/config-sha256"]).toBe(sortedFilesHash(harness.one(T.configMap).inputs.data));
        expect(annotations["hardened-redis/auth-sha256"]).toBe(sortedFilesHash(unwrapSecret(secretNamed("cache-auth").inputs.stringData)));
        expect(annotations["hardened-redis/tls-sha256"]).toBe(sha256Hex("cache-server-cert-id"));
    });

    it("serves clients through a headless, a primary and a reader Service on the TLS port", async () => {
        await deploy({ sentinel: { enabled: false } });
        const services = Object.fromEntries(harness.ofType(T.service).map((s) => [s.inputs.metadata.name, s.inputs.spec]));
        const ports = [{ name: "redis-tls", port: 6379, targetPort: "redis-tls", protocol: "TCP" }];
        const pods = { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "cache" };
        expect(services["cache-headless"]).toEqual({ clusterIP: "None", publishNotReadyAddresses: true, selector: pods, ports });
        expect(services.cache).toEqual({
            type: "ClusterIP",
            selector: { ...pods, "statefulset.kubernetes.io/pod-name": "cache-0" },
            ports,
        });
        expect(services["cache-read"]).toEqual({ type: "ClusterIP", selector: pods, ports });
    });

    it("allows one voluntary disruption at a time", async () => {
        await deploy();
        expect(harness.one(T.pdb, "cache-pdb").inputs.spec).toEqual({
            maxUnavailable: 1,
            selector: { matchLabels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "cache" } },
        });
    });

    it("admits only the allowed clients, the Redis pods and the sentinels, and lets out only DNS, replication and the sentinels", async () => {
        await deploy();
        const pods = { matchLabels: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "cache" } };
        const sentinels = { matchLabels: { "app.kubernetes.io/name": "redis-sentinel", "app.kubernetes.io/instance": "cache" } };
        const redisPort = [{ protocol: "TCP", port: 6379 }];
        expect(harness.one(T.networkPolicy, "cache-network-policy").inputs.spec).toEqual({
            podSelector: pods,
            policyTypes: ["Ingress", "Egress"],
            ingress: [
                { from: [{ podSelector: { matchLabels: { app: "checkout" } } }], ports: redisPort },
                { from: [{ podSelector: pods }], ports: redisPort },
                { from: [{ podSelector: sentinels }], ports: redisPort },
            ],
            egress: [
                {
                    to: [
                        {
                            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                        },
                    ],
                    ports: [
                        { protocol: "UDP", port: 53 },
                        { protocol: "TCP", port: 53 },
                    ],
                },
                { to: [{ podSelector: pods }], ports: redisPort },
                { to: [{ podSelector: sentinels }], ports: [{ protocol: "TCP", port: 26379 }] },
            ],
        });
    });

    it("generates an ECDSA CA and a server certificate for every service and pod name", async () => {
        const redis = await deploy();
        expect(harness.ofType("tls:index/privateKey:PrivateKey").map((k) => k.inputs)).toEqual([
            { algorithm: "ECDSA", ecdsaCurve: "P256" },
            { algorithm: "ECDSA", ecdsaCurve: "P256" },
        ]);
        expect(harness.one("tls:index/selfSignedCert:SelfSignedCert").inputs).toMatchObject({
            isCaCertificate: true,
            allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
            subject: { commonName: "cache Redis CA", organizationalUnit: "payments", organization: "hardened-redis" },
            validityPeriodHours: 87600,
        });
        expect(harness.one("tls:index/certRequest:CertRequest").inputs).toMatchObject({
            dnsNames: [
                "cache.payments.svc.cluster.local",
                "cache.payments.svc",
                "cache-read.payments.svc.cluster.local",
                "cache-read.payments.svc",
                "*.cache-headless.payments.svc.cluster.local",
                "*.cache-headless.payments.svc",
                "cache-sentinel.payments.svc.cluster.local",
                "cache-sentinel.payments.svc",
                "*.cache-sentinel-headless.payments.svc.cluster.local",
                "*.cache-sentinel-headless.payments.svc",
                "localhost",
            ],
            ipAddresses: ["127.0.0.1"],
        });
        expect(harness.one("tls:index/locallySignedCert:LocallySignedCert").inputs).toMatchObject({
            allowedUses: ["digital_signature", "key_encipherment", "server_auth", "client_auth"],
            validityPeriodHours: 8760,
            earlyRenewalHours: 720,
        });
        const tlsSecret = secretNamed("cache-tls");
        expect(tlsSecret.inputs.type).toBe("kubernetes.io/tls");
        expect(isSecretValue(tlsSecret.inputs.stringData)).toBe(true);
        expect(tlsSecret.propertyDependencies.stringData).toEqual(
            expect.arrayContaining([
                expect.stringContaining("LocallySignedCert::cache-server-cert"),
                expect.stringContaining("PrivateKey::cache-server-key"),
                expect.stringContaining("SelfSignedCert::cache-ca"),
            ]),
        );
        expect(harness.one(T.configMap).inputs.data["redis.conf"]).toMatch(/^tls-auth-clients no$/m);
        expect(redis.caCertificate).toBeDefined();
    });

    it("exposes the addresses, the port and the Secret names", async () => {
        const redis = await deploy({
            users: [
                { name: "app", role: "readwrite" },
                { name: "ops", role: "admin" },
            ],
        });
        expect(await promiseOf(redis.primaryHost)).toBe("cache-sentinel.payments.svc.cluster.local");
        expect(await promiseOf(redis.sentinelPort)).toBe(26379);
        expect(await promiseOf(redis.sentinelMasterName)).toBe("cache");
        expect(await promiseOf(redis.readerHost)).toBe("cache-read.payments.svc.cluster.local");
        expect(await promiseOf(redis.port)).toBe(6379);
        expect(await promiseOf(redis.namespace)).toBe("payments");
        expect(await promiseOf(redis.userSecretNames)).toEqual({ app: "cache-user-app", ops: "cache-user-ops" });
        expect(await promiseOf(redis.authSecretName)).toBe("cache-auth");
    });
});

describe("KubernetesRedis options", () => {
    it("applies production sizing, image digest, storage class, zones and io-threads", async () => {
        await deploy(PRODUCTION_ARGS);
        const spec = statefulSet().spec;
        expect(spec.replicas).toBe(4);
        expect(spec.template.spec.containers[0].image).toBe(`valkey/valkey:8.1.4@sha256:${"ab".repeat(32)}`);
        expect(spec.template.spec.containers[0].resources).toEqual({
            requests: { cpu: "2", memory: "8Gi" },
            limits: { cpu: "4", memory: "8Gi" },
        });
        expect(spec.volumeClaimTemplates[0].spec).toEqual({
            accessModes: ["ReadWriteOnce"],
            storageClassName: "gp3-encrypted",
            resources: { requests: { storage: "50Gi" } },
        });
        expect(
            spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution.map((t: any) => t.topologyKey),
        ).toEqual(["kubernetes.io/hostname", "topology.kubernetes.io/zone"]);
        expect(spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([]);
        const conf = harness.one(T.configMap).inputs.data["redis.conf"];
        expect(conf).toMatch(/^io-threads 3\nio-threads-do-reads yes$/m);
        expect(conf).toMatch(new RegExp(`^maxmemory ${Math.floor(8 * 2 ** 30 * 0.7)}$`, "m"));
        expect(harness.one(T.networkPolicy, "cache-network-policy").inputs.spec.ingress[0].from).toEqual(PRODUCTION_ARGS.allowedClients);
    });

    it("asks cert-manager for the server certificate and, with mTLS, one client certificate per user", async () => {
        await deploy(PRODUCTION_ARGS);
        expect(harness.ofType("tls:index/privateKey:PrivateKey")).toEqual([]);
        const certificates = Object.fromEntries(harness.ofType(T.certificate).map((c) => [c.inputs.metadata.name, c.inputs]));
        expect(Object.keys(certificates).sort()).toEqual([
            "cache-server",
            "cache-user-checkout-tls",
            "cache-user-ops-tls",
            "cache-user-reporting-tls",
        ]);
        expect(certificates["cache-server"]).toMatchObject({
            apiVersion: "cert-manager.io/v1",
            kind: "Certificate",
            spec: {
                secretName: "cache-tls",
                issuerRef: { name: "internal-ca", kind: "ClusterIssuer", group: "cert-manager.io" },
                dnsNames: expect.arrayContaining(["cache.payments.svc.cluster.local", "*.cache-headless.payments.svc.cluster.local"]),
                ipAddresses: ["127.0.0.1"],
                usages: ["server auth", "client auth", "digital signature", "key encipherment"],
                privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
                duration: "8760h",
                renewBefore: "720h",
            },
        });
        expect(certificates["cache-user-checkout-tls"].spec).toMatchObject({
            secretName: "cache-user-checkout-tls",
            commonName: "checkout",
            usages: ["client auth", "digital signature"],
        });
        expect(harness.one(T.configMap).inputs.data["redis.conf"]).toMatch(/^tls-auth-clients yes$/m);
        expect(statefulSet().spec.template.metadata.annotations["hardened-redis/tls-sha256"]).toBeUndefined();
        expect(unwrapSecret(secretNamed("cache-user-checkout").inputs.stringData)["ca.crt"]).toBeUndefined();
    });

    it("issues client certificates with @pulumi/tls when mTLS is on without cert-manager", async () => {
        await deploy({ tls: { requireClientCertificates: true } });
        const signed = Object.fromEntries(
            harness.ofType("tls:index/locallySignedCert:LocallySignedCert").map((c) => [c.name, c.inputs.allowedUses]),
        );
        expect(signed).toEqual({
            "cache-server-cert": ["digital_signature", "key_encipherment", "server_auth", "client_auth"],
            "cache-app-client-cert": ["digital_signature", "client_auth"],
        });
        expect(secretNamed("cache-user-app-tls").inputs.type).toBe("kubernetes.io/tls");
    });

    it("runs a single pod when replicas is 0, and uses a custom port, object name and cluster domain", async () => {
        await deploy({ replicas: 0, port: 7000, objectName: "sessions", clusterDomain: "corp.internal" }, "cache");
        expect(statefulSet().spec.replicas).toBe(1);
        expect(statefulSet().metadata.name).toBe("sessions");
        expect(harness.one(T.configMap).inputs.data["replica.conf"]).toContain(
            "replicaof sessions-0.sessions-headless.payments.svc.corp.internal 7000",
        );
        expect(harness.one(T.networkPolicy, "cache-network-policy").inputs.spec.ingress[0].ports).toEqual([
            { protocol: "TCP", port: 7000 },
        ]);
    });
});

describe("KubernetesRedis bad input", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
        ["a bad namespace", { namespace: "Payments" }, /namespace is "Payments"\. Allowed: an existing namespace name/],
        [
            "no allowed clients",
            { allowedClients: [] },
            /allowedClients is empty\. Allowed: one or more \{ podSelector\?, namespaceSelector\? \}/,
        ],
        ["a client without selectors", { allowedClients: [{}] }, /allowedClients\[0\] has neither podSelector nor namespaceSelector/],
        [
            "a match-everything selector",
            { allowedClients: [{ namespaceSelector: {} }] },
            /allowedClients\[0\]\.namespaceSelector is empty, which matches everything/,
        ],
        [
            "a bad label key",
            { allowedClients: [{ podSelector: { matchLabels: { "bad key": "x" } } }] },
            /allowedClients\[0\]\.podSelector\.matchLabels key is "bad key"/,
        ],
        [
            "a bad label value",
            { allowedClients: [{ podSelector: { matchLabels: { app: "a b" } } }] },
            /allowedClients\[0\]\.podSelector\.matchLabels\["app"\] is "a b"/,
        ],
        [
            "an unknown operator",
            { allowedClients: [{ podSelector: { matchExpressions: [{ key: "app", operator: "Like", values: ["x"] }] } }] },
            /allowedClients\[0\]\.podSelector\.matchExpressions\[0\]\.operator is "Like"\. Allowed: "In", "NotIn", "Exists", "DoesNotExist"/,
        ],
        [
            "In without values",
            { allowedClients: [{ podSelector: { matchExpressions: [{ key: "app", operator: "In" }] } }] },
            /matchExpressions\[0\]\.values is empty\. Allowed: one or more label values for In/,
        ],
        [
            "Exists with values",
            { allowedClients: [{ podSelector: { matchExpressions: [{ key: "app", operator: "Exists", values: ["x"] }] } }] },
            /matchExpressions\[0\]\.values is given\. Allowed: no values for Exists/,
        ],
        [
            "a reserved user name",
            { users: [{ name: "replication", role: "admin" }] },
            /users\[0\]\.name is "replication", a reserved name.*"replication", "monitoring", "sentinel", "backup" are used internally/,
        ],
        [
            "the monitoring user name",
            { users: [{ name: "monitoring", role: "readonly" }] },
            /users\[0\]\.name is "monitoring", a reserved name/,
        ],
        [
            "an unknown role",
            { users: [{ name: "app", role: "owner" }] },
            /users\[0\]\.role is "owner"\. Allowed: "readwrite", "readonly", "admin"/,
        ],
        ["too many replicas", { replicas: 9 }, /replicas is 9\. Allowed: a whole number from 0 to 8/],
        ["a fractional replica count", { replicas: 1.5 }, /replicas is 1\.5\. Allowed: a whole number from 0 to 8/],
        ["a privileged port", { port: 443 }, /port is 443\. Allowed: a whole number from 1024 to 65535/],
        ["a floating tag", { image: { tag: "latest" } }, /image\.tag is "latest"\. Allowed: a full version tag such as "7\.2\.11"/],
        ["a minor-only tag", { image: { tag: "7.2" } }, /image\.tag is "7\.2"\. Allowed: a full version tag/],
        ["Redis 6", { image: { tag: "6.2.14" } }, /image\.tag is "6\.2\.14", older than version 7\. Allowed: version 7 or later/],
        [
            "a bad repository",
            { image: { repository: "Redis Server" } },
            /image\.repository is "Redis Server"\. Allowed: an image repository/,
        ],
        ["a bad digest", { image: { digest: "sha256:abc" } }, /image\.digest is "sha256:abc"\. Allowed: a digest such as "sha256:"/],
        [
            "a bad storage size",
            { storage: { size: "ten gigs" } },
            /storage\.size is "ten gigs"\. Allowed: a whole number of bytes with an optional suffix/,
        ],
        [
            "a bad storage class",
            { storage: { storageClassName: "Fast_SSD" } },
            /storage\.storageClassName is "Fast_SSD"\. Allowed: a storage class name/,
        ],
        ["a bad CPU limit", { resources: { limits: { cpu: "two" } } }, /resources\.limits\.cpu is "two"\. Allowed: cores such as "1"/],
        ["a bad CPU request", { resources: { requests: { cpu: "1.2345" } } }, /resources\.requests\.cpu is "1\.2345"\. Allowed: cores/],
        [
            "a bad memory limit",
            { resources: { limits: { memory: "1GB" } } },
            /resources\.limits\.memory is "1GB"\. Allowed: a whole number of bytes/,
        ],
        ["a bad memory request", { resources: { requests: { memory: "-1Gi" } } }, /resources\.requests\.memory is "-1Gi"/],
        [
            "a CPU request above the limit",
            { resources: { requests: { cpu: "2" } } },
            /resources\.requests\.cpu "2" exceeds the limit "1"\. Allowed: a request no larger than the limit/,
        ],
        [
            "a memory request above the limit",
            { resources: { requests: { memory: "2Gi" } } },
            /resources\.requests\.memory "2Gi" exceeds the limit "1Gi"/,
        ],
        [
            "a tiny memory limit",
            { resources: { requests: { memory: "128Mi" }, limits: { memory: "128Mi" } } },
            /resources\.limits\.memory is "128Mi"\. Allowed: 256Mi or more/,
        ],
        ["a maxmemory share of 95", { maxmemoryPercent: 95 }, /maxmemoryPercent is 95\. Allowed: a whole number from 10 to 90/],
        ["an unknown eviction policy", { maxmemoryPolicy: "lru" }, /maxmemoryPolicy is "lru"\. Allowed: "volatile-lru"/],
        ["too many io-threads", { ioThreads: 9 }, /ioThreads is 9\. Allowed: a whole number from 1 to 8/],
        [
            "more io-threads than cores",
            { ioThreads: 2 },
            /ioThreads is 2 with a CPU limit of 1\. Allowed: at most the CPU limit in whole cores/,
        ],
        ["an unknown zone spread", { zoneAntiAffinity: "strict" }, /zoneAntiAffinity is "strict"\. Allowed: "preferred", "required"/],
        ["a bad cluster domain", { clusterDomain: "Cluster Local" }, /clusterDomain is "Cluster Local"\. Allowed: a DNS domain/],
        ["a bad object name", { objectName: "9redis" }, /objectName is "9redis"\. Allowed: 1 to 40 lowercase letters/],
        [
            "a bad issuer name",
            { tls: { certManagerIssuer: { name: "My Issuer" } } },
            /tls\.certManagerIssuer\.name is "My Issuer"\. Allowed: the name of a cert-manager Issuer/,
        ],
        [
            "an unknown issuer kind",
            { tls: { certManagerIssuer: { name: "ca", kind: "Vault" } } },
            /tls\.certManagerIssuer\.kind is "Vault"\. Allowed: "Issuer", "ClusterIssuer"/,
        ],
        [
            "a bad issuer group",
            { tls: { certManagerIssuer: { name: "ca", group: "Cert Manager" } } },
            /tls\.certManagerIssuer\.group is "Cert Manager"\. Allowed: an API group/,
        ],
    ];

    it.each(cases)("refuses %s at construction, before any resource exists", (_, args, message) => {
        expect(() => new components.KubernetesRedis("bad", { ...BASE_ARGS, ...args } as any)).toThrow(message);
        expect(() => new components.KubernetesRedis("bad", { ...BASE_ARGS, ...args } as any)).toThrow(components.InvalidArgumentError);
        expect(harness.resources).toEqual([]);
    });

    it("names the component in every message", () => {
        expect(() => new components.KubernetesRedis("orders-cache", { ...BASE_ARGS, replicas: -1 })).toThrow(
            /^KubernetesRedis "orders-cache": replicas is -1/,
        );
    });

    it("refuses a default object name derived from a component name that is not a DNS label", () => {
        expect(() => new components.KubernetesRedis("Orders_Cache", BASE_ARGS)).toThrow(
            /name \(the default objectName\) is "Orders_Cache"/,
        );
        expect(() => new components.KubernetesRedis("a".repeat(41), BASE_ARGS)).toThrow(/name \(the default objectName\) is "a{41}"/);
    });
});

describe("KubernetesRedis missing and misspelt arguments", () => {
    const ALL_NAMES =
        "namespace, allowedClients, users, replicas, port, image, storage, resources, maxmemoryPercent, maxmemoryPolicy, ioThreads, tls, zoneAntiAffinity, clusterDomain, objectName, monitoring, backup, logs, sentinel";
    const NAMESPACE_ALLOWED = "Allowed: an existing namespace name: up to 63 lowercase letters, digits and hyphens.";
    const ARGS_ALLOWED = "Allowed: an object with namespace and allowedClients.";
    const client = BASE_ARGS.allowedClients[0];
    const backup = {
        bucket: "redis-backups",
        region: "eu-west-1",
        credentials: { roleArn: "arn:aws:iam::123456789012:role/redis-backup" },
    };

    const refusals: [string, unknown, string][] = [
        ["no args at all", undefined, `args is not set. ${ARGS_ALLOWED}`],
        ["a number for args", 3, `args is the number 3. ${ARGS_ALLOWED}`],
        ["no namespace", { allowedClients: BASE_ARGS.allowedClients }, `namespace is not set. ${NAMESPACE_ALLOWED}`],
        ["an empty namespace", { ...BASE_ARGS, namespace: "" }, `namespace is "". ${NAMESPACE_ALLOWED}`],
        ["a namespace that is not a string", { ...BASE_ARGS, namespace: ["payments"] }, `namespace is a list. ${NAMESPACE_ALLOWED}`],
        ["replica", { ...BASE_ARGS, replica: 3 }, `replica is not an argument. Did you mean replicas? Allowed: ${ALL_NAMES}.`],
        [
            "Namespace in another case",
            { allowedClients: BASE_ARGS.allowedClients, Namespace: "payments" },
            `Namespace is not an argument. Did you mean namespace? Allowed: ${ALL_NAMES}.`,
        ],
        [
            "a misspelt user field",
            { ...BASE_ARGS, users: [{ name: "app", roles: "readonly" }] },
            "users[0].roles is not an argument. Did you mean users[0].role? Allowed: name, role, keyPatterns.",
        ],
        [
            "storage.sizes",
            { ...BASE_ARGS, storage: { sizes: "20Gi" } },
            "storage.sizes is not an argument. Did you mean storage.size? Allowed: size, storageClassName.",
        ],
        [
            "resources.limit",
            { ...BASE_ARGS, resources: { limit: { memory: "2Gi" } } },
            "resources.limit is not an argument. Did you mean resources.limits? Allowed: requests, limits.",
        ],
        [
            "resources.limits.memmory",
            { ...BASE_ARGS, resources: { limits: { memmory: "2Gi" } } },
            "resources.limits.memmory is not an argument. Did you mean resources.limits.memory? Allowed: cpu, memory.",
        ],
        [
            "image.tags",
            { ...BASE_ARGS, image: { tags: "7.2.11" } },
            "image.tags is not an argument. Did you mean image.tag? Allowed: repository, tag, digest.",
        ],
        [
            "tls.requireClientCertificate",
            { ...BASE_ARGS, tls: { requireClientCertificate: true } },
            "tls.requireClientCertificate is not an argument. Did you mean tls.requireClientCertificates? Allowed: certManagerIssuer, requireClientCertificates.",
        ],
        [
            "tls.certManagerIssuer.kinds",
            { ...BASE_ARGS, tls: { certManagerIssuer: { name: "ca", kinds: "ClusterIssuer" } } },
            "tls.certManagerIssuer.kinds is not an argument. Did you mean tls.certManagerIssuer.kind? Allowed: name, kind, group.",
        ],
        [
            "allowedClients[0].namespaceselector",
            { ...BASE_ARGS, allowedClients: [{ ...client, namespaceselector: { matchLabels: { team: "payments" } } }] },
            "allowedClients[0].namespaceselector is not an argument. Did you mean allowedClients[0].namespaceSelector? Allowed: podSelector, namespaceSelector.",
        ],
        [
            "a selector's matchLabel",
            { ...BASE_ARGS, allowedClients: [{ podSelector: { matchLabel: { app: "checkout" } } }] },
            "allowedClients[0].podSelector.matchLabel is not an argument. Did you mean allowedClients[0].podSelector.matchLabels? Allowed: matchLabels, matchExpressions.",
        ],
        [
            "an expression's value",
            {
                ...BASE_ARGS,
                allowedClients: [{ podSelector: { matchExpressions: [{ key: "app", operator: "In", value: ["checkout"] }] } }],
            },
            "allowedClients[0].podSelector.matchExpressions[0].value is not an argument. Did you mean allowedClients[0].podSelector.matchExpressions[0].values? Allowed: key, operator, values.",
        ],
        [
            "monitoring.metricPort",
            { ...BASE_ARGS, monitoring: { metricPort: 9121 } },
            "monitoring.metricPort is not an argument. Did you mean monitoring.metricsPort? Allowed: exporterImage, metricsPort, scrapers, prometheusLabels, dashboardLabels, scrapeIntervalSeconds, thresholds.",
        ],
        [
            "monitoring.thresholds.memoryPercentage",
            { ...BASE_ARGS, monitoring: { thresholds: { memoryPercentage: 80 } } },
            "monitoring.thresholds.memoryPercentage is not an argument. Did you mean monitoring.thresholds.memoryPercent? Allowed: memoryPercent, evictionsPerSecond, connectionsPercent, latencySloMilliseconds, hitRatePercent, replicationLagSeconds.",
        ],
        [
            "monitoring.exporterImage.tags",
            { ...BASE_ARGS, monitoring: { exporterImage: { tags: "v1.74.0" } } },
            "monitoring.exporterImage.tags is not an argument. Did you mean monitoring.exporterImage.tag? Allowed: repository, tag, digest.",
        ],
        [
            "backup.schedul",
            { ...BASE_ARGS, backup: { ...backup, schedul: "0 * * * *" } },
            "backup.schedul is not an argument. Did you mean backup.schedule? Allowed: bucket, region, prefix, endpoint, schedule, serverSideEncryption, kmsKeyId, credentials, rpoMinutes, pushgatewayUrl, uploaderImage, restoreFrom.",
        ],
        [
            "backup.credentials.role",
            { ...BASE_ARGS, backup: { ...backup, credentials: { role: "arn:aws:iam::123456789012:role/x" } } },
            "backup.credentials.role is not an argument. Did you mean backup.credentials.roleArn? Allowed: roleArn, secretName.",
        ],
        [
            "backup.uploaderImage.digets",
            { ...BASE_ARGS, backup: { ...backup, uploaderImage: { digets: "sha256:0" } } },
            "backup.uploaderImage.digets is not an argument. Did you mean backup.uploaderImage.digest? Allowed: repository, tag, digest.",
        ],
        [
            "logs.syslogs",
            { ...BASE_ARGS, logs: { syslogs: {} } },
            "logs.syslogs is not an argument. Did you mean logs.syslog? Allowed: syslog.",
        ],
        [
            "logs.syslog.facilty",
            { ...BASE_ARGS, logs: { syslog: { facilty: "local1" } } },
            "logs.syslog.facilty is not an argument. Did you mean logs.syslog.facility? Allowed: ident, facility.",
        ],
    ];

    it.each(refusals)("refuses %s with a message naming it and what is allowed", (_, args, message) => {
        const construct = () => new components.KubernetesRedis("k", args as any);
        expect(construct).toThrow(new components.InvalidArgumentError(`KubernetesRedis "k": ${message}`));
        expect(construct).toThrow(components.InvalidArgumentError);
        expect(harness.resources).toEqual([]);
    });

    it("accepts every argument name it documents", () => {
        expect(KUBERNETES_REDIS_ARG_NAMES.join(", ")).toBe(ALL_NAMES);
        const everyName = Object.fromEntries(KUBERNETES_REDIS_ARG_NAMES.map((name) => [name, undefined]));
        expect(validateKubernetesRedisArgs("k", { ...everyName, ...BASE_ARGS } as any).primaryHost).toBe(
            "k-sentinel.payments.svc.cluster.local",
        );
    });
});

describe("KubernetesRedis Sentinel", () => {
    const sentinelPods = { "app.kubernetes.io/name": "redis-sentinel", "app.kubernetes.io/instance": "cache" };
    const sentinelSet = () => harness.one(T.statefulSet, "cache-sentinel").inputs;

    it("runs three sentinels in their own StatefulSet, spread like Redis, with their own PodDisruptionBudget", async () => {
        await deploy();
        const spec = sentinelSet().spec;
        expect(spec.replicas).toBe(3);
        expect(spec.selector.matchLabels).toEqual(sentinelPods);
        expect(spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
            { labelSelector: { matchLabels: sentinelPods }, topologyKey: "kubernetes.io/hostname" },
        ]);
        expect(spec.template.spec.automountServiceAccountToken).toBe(false);
        expect(restrictedProfileViolations(spec.template.spec)).toEqual([]);
        expect(harness.one(T.pdb, "cache-sentinel-pdb").inputs.spec).toEqual({
            maxUnavailable: 1,
            selector: { matchLabels: sentinelPods },
        });
        expect(harness.ofType(T.service).find((s) => s.inputs.metadata.name === "cache-sentinel")!.inputs.spec).toEqual({
            type: "ClusterIP",
            selector: sentinelPods,
            ports: [{ name: "sentinel-tls", port: 26379, targetPort: "sentinel-tls", protocol: "TCP" }],
        });
    });

    it("renders TLS-only sentinels with hostnames, quorum 2 and the tuned timings, and no secret in the ConfigMap", async () => {
        await deploy({ sentinel: { downAfterMilliseconds: 3000, failoverTimeout: 30000, parallelSyncs: 2, port: 26000 } });
        const data = harness.one(T.configMap).inputs.data;
        expect(data["sentinel.conf"]).toMatch(/^port 0$/m);
        expect(data["sentinel.conf"]).toMatch(/^tls-port 26000$/m);
        expect(data["sentinel.conf"]).toMatch(/^tls-replication yes$/m);
        expect(data["sentinel.conf"]).toMatch(/^sentinel resolve-hostnames yes$/m);
        expect(data["sentinel.conf"]).toMatch(/^sentinel announce-hostnames yes$/m);
        expect(data["sentinel-master.conf"]).toBe(
            "sentinel down-after-milliseconds cache 3000\nsentinel failover-timeout cache 30000\nsentinel parallel-syncs cache 2\nsentinel auth-user cache sentinel\n",
        );
        expect(data["redis.conf"]).toMatch(/^min-replicas-to-write 1\nmin-replicas-max-lag 10$/m);
        expect(sentinelSet().spec.template.spec.containers[0].command[2]).toMatch(
            /sentinel monitor cache \$primary_host \$primary_port 2"/,
        );
        for (const text of Object.values<string>(data)) expect(text).not.toMatch(/MockValue|auth-pass|sentinel-pass|#[0-9a-f]{64}/);
    });

    it("keeps the sentinels' users and passwords in their own Secret, with the default user off", async () => {
        await deploy({
            users: [
                { name: "app", role: "readwrite" },
                { name: "ops", role: "admin" },
            ],
        });
        const secret = secretNamed("cache-sentinel-auth").inputs;
        expect(isSecretValue(secret.stringData)).toBe(true);
        const auth: string[] = unwrapSecret(secret.stringData)["sentinel-auth.conf"].split("\n");
        expect(auth[0]).toBe("user default off resetkeys resetchannels -@all");
        expect(auth).toContain(`sentinel auth-pass cache "${mockPassword("cache-sentinel-password")}"`);
        expect(auth).toContain("sentinel sentinel-user sentinel");
        expect(auth.find((line) => line.startsWith("user app "))).toMatch(/ -@all \+ping .*\+sentinel\|get-master-addr-by-name/);
        expect(auth.find((line) => line.startsWith("user ops "))).toMatch(/ \+@all$/);
        expect(unwrapSecret(secretNamed("cache-auth").inputs.stringData)["sentinel-password"]).toBe(
            mockPassword("cache-sentinel-password"),
        );
        const commands = harness
            .ofType(T.statefulSet)
            .flatMap((s) => s.inputs.spec.template.spec.containers.map((c: { command?: string[] }) => (c.command ?? []).join(" ")));
        for (const command of commands) expect(command).not.toContain("MockValue");
    });

    it("keeps pod 0 as the fixed primary, with a primary Service, when Sentinel is off or there are no replicas", async () => {
        await deploy({ replicas: 0 });
        expect(harness.ofType(T.statefulSet)).toHaveLength(1);
        expect(harness.ofType(T.service).map((s) => s.inputs.metadata.name)).toContain("cache");
        harness.reset();
        await deploy({ sentinel: { enabled: false } });
        expect(harness.ofType(T.statefulSet)).toHaveLength(1);
        expect(harness.one(T.configMap).inputs.data["redis.conf"]).not.toMatch(/min-replicas/);
    });

    const refusals: [string, object, RegExp][] = [
        [
            "enabled with no replicas",
            { replicas: 0, sentinel: { enabled: true } },
            /sentinel\.enabled is true with 0 replicas.*Allowed: false, or replicas of 1 or more/,
        ],
        [
            "a short downAfterMilliseconds",
            { sentinel: { downAfterMilliseconds: 500 } },
            /sentinel\.downAfterMilliseconds is 500\. Allowed: a whole number from 1000 to 600000/,
        ],
        [
            "a failoverTimeout below twice downAfterMilliseconds",
            { sentinel: { downAfterMilliseconds: 10000, failoverTimeout: 15000 } },
            /sentinel\.failoverTimeout is 15000, less than twice downAfterMilliseconds \(10000\)\. Allowed: 20000 or more/,
        ],
        [
            "parallelSyncs above the replicas",
            { replicas: 2, sentinel: { parallelSyncs: 3 } },
            /sentinel\.parallelSyncs is 3\. Allowed: a whole number from 1 to 2/,
        ],
        [
            "minReplicasToWrite above the replicas",
            { replicas: 1, sentinel: { minReplicasToWrite: 2 } },
            /sentinel\.minReplicasToWrite is 2\. Allowed: a whole number from 0 to 1/,
        ],
        [
            "a minReplicasMaxLag of 0",
            { sentinel: { minReplicasMaxLag: 0 } },
            /sentinel\.minReplicasMaxLag is 0\. Allowed: a whole number from 1 to 60/,
        ],
        ["the Redis port", { port: 7000, sentinel: { port: 7000 } }, /sentinel\.port is 7000, the Redis port/],
        ["a misspelt name", { sentinel: { downAfterMs: 1000 } }, /sentinel\.downAfterMs is not an argument/],
        ["a non-boolean enabled", { sentinel: { enabled: "yes" } }, /sentinel\.enabled is "yes"\. Allowed: true or false/],
    ];

    it.each(refusals)("refuses %s at construction", (_, args, message) => {
        const construct = () => new components.KubernetesRedis("cache", { ...BASE_ARGS, ...args } as any);
        expect(construct).toThrow(components.InvalidArgumentError);
        expect(construct).toThrow(message);
        expect(harness.resources).toEqual([]);
    });

    it("defaults min-replicas-to-write to 1 with two or more replicas and to 0 with one", async () => {
        await deploy({ replicas: 1 });
        expect(harness.one(T.configMap).inputs.data["redis.conf"]).toMatch(/^min-replicas-to-write 0$/m);
        harness.reset();
        await deploy({ replicas: 3, sentinel: { minReplicasToWrite: 2, minReplicasMaxLag: 5 } });
        expect(harness.one(T.configMap).inputs.data["redis.conf"]).toMatch(/^min-replicas-to-write 2\nmin-replicas-max-lag 5$/m);
    });
});
