import { PlannedResource } from "hardened-redis-gate";
import { k8sRedisProtectedModeOff } from "../../policies/rules/k8s-redis-protected-mode-off";
import { k8sRedisWithoutAuthentication } from "../../policies/rules/k8s-redis-without-authentication";
import { k8sRedisWithoutTls } from "../../policies/rules/k8s-redis-without-tls";
import { SERVER_RULES, describeNotJudged, describeRule, planned } from "../support/policy-fixtures";

/**
 * The Bitnami redis and Redis Stack images started with their own command: the configuration their
 * entrypoints build from the environment (bitnami/containers libredis.sh and run.sh; redis-stack entrypoint.sh).
 */
const TLS_VOLUME = { name: "tls", secret: { secretName: "redis-tls" } };
const TLS_MOUNT = { name: "tls", mountPath: "/certs" };
const tlsSecret = planned("kubernetes:core/v1:Secret", "redis-tls", {
    metadata: { name: "redis-tls", namespace: "data" },
    stringData: { "tls.crt": "c", "tls.key": "k", "ca.crt": "a" },
});
const passwordSecret = planned("kubernetes:core/v1:Secret", "redis-password", {
    metadata: { name: "redis-password", namespace: "data" },
    stringData: { password: "hunter2hunter2" },
});
const FROM_SECRET = { valueFrom: { secretKeyRef: { name: "elsewhere", key: "password" } } };
const TLS_ENV = [
    { name: "REDIS_TLS_ENABLED", value: "yes" },
    { name: "REDIS_TLS_CERT_FILE", value: "/certs/tls.crt" },
    { name: "REDIS_TLS_KEY_FILE", value: "/certs/tls.key" },
    { name: "REDIS_TLS_CA_FILE", value: "/certs/ca.crt" },
];

function server(
    image: string,
    env: Record<string, unknown>[],
    extra: Record<string, unknown> = {},
    volumes: unknown[] = [TLS_VOLUME],
): PlannedResource {
    const labels = { app: "cache" };
    const container = { name: "redis", image, env, volumeMounts: [TLS_MOUNT], ...extra };
    return planned("kubernetes:apps/v1:Deployment", "cache", {
        metadata: { name: "cache", namespace: "data", labels },
        spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container], volumes } } },
    });
}
const bitnami = (env: Record<string, unknown>[], extra?: Record<string, unknown>, volumes?: unknown[]) =>
    server("docker.io/bitnami/redis:7.2.5", env, extra, volumes);
const stack = (env: Record<string, unknown>[]) => server("redis/redis-stack-server:7.2.0-v10", env);
const WHERE = 'Redis workload "cache" container "redis"';

describeRule(k8sRedisWithoutAuthentication, [
    {
        title: "Bitnami with ALLOW_EMPTY_PASSWORD=yes: a default user with no password",
        resources: [bitnami([{ name: "ALLOW_EMPTY_PASSWORD", value: "yes" }])],
        messages: [
            new RegExp(
                `^${WHERE} lets anyone in as user "default": it is on with no password \\(Redis's built-in default user \\(no requirepass\\)\\)`,
            ),
        ],
    },
    {
        title: "Bitnami with ALLOW_EMPTY_PASSWORD=TRUE, in any case",
        resources: [bitnami([{ name: "ALLOW_EMPTY_PASSWORD", value: "TRUE" }])],
        messages: [/lets anyone in as user "default"/],
    },
    {
        title: "Bitnami with REDIS_PASSWORD written in the pod spec",
        resources: [bitnami([{ name: "REDIS_PASSWORD", value: "hunter2hunter2" }])],
        messages: [/has the password of user "default" written in the Bitnami redis entrypoint \(REDIS_PASSWORD written in the pod spec\)/],
    },
    {
        title: "Bitnami with REDIS_PASSWORD from a Secret",
        resources: [bitnami([{ name: "REDIS_PASSWORD", ...FROM_SECRET }])],
        messages: [],
    },
    {
        title: "Bitnami with REDIS_PASSWORD_FILE from a mounted Secret",
        resources: [
            passwordSecret,
            bitnami(
                [{ name: "REDIS_PASSWORD_FILE", value: "/secrets/password" }],
                { volumeMounts: [{ name: "pw", mountPath: "/secrets" }] },
                [{ name: "pw", secret: { secretName: "redis-password" } }],
            ),
        ],
        messages: [],
    },
    {
        title: "Bitnami with REDIS_USER set: REDIS_PASSWORD is not requirepass, so default stays open",
        resources: [
            bitnami([
                { name: "REDIS_USER", value: "app" },
                { name: "REDIS_PASSWORD", ...FROM_SECRET },
            ]),
        ],
        messages: [/lets anyone in as user "default"/],
    },
    {
        title: "Redis Stack with REDIS_ARGS giving requirepass from the kubelet",
        resources: [
            stack([
                { name: "PW", ...FROM_SECRET },
                { name: "REDIS_ARGS", value: "--requirepass $(PW)" },
            ]),
        ],
        messages: [],
    },
    { title: "Redis Stack with nothing in REDIS_ARGS", resources: [stack([])], messages: [/lets anyone in as user "default"/] },
]);

describeRule(k8sRedisProtectedModeOff, [
    {
        title: "Bitnami with ALLOW_EMPTY_PASSWORD=yes turns protected mode off",
        resources: [bitnami([{ name: "ALLOW_EMPTY_PASSWORD", value: "yes" }])],
        messages: [/turns protected-mode off \(the Bitnami redis entrypoint \(ALLOW_EMPTY_PASSWORD=yes\)\)/],
    },
    {
        title: "Bitnami with a password keeps Redis's default",
        resources: [bitnami([{ name: "REDIS_PASSWORD", ...FROM_SECRET }])],
        messages: [],
    },
    {
        title: "Bitnami's REDIS_EXTRA_FLAGS reach redis-server's command line",
        resources: [
            bitnami([
                { name: "REDIS_PASSWORD", ...FROM_SECRET },
                { name: "REDIS_EXTRA_FLAGS", value: "--maxmemory 1gb --protected-mode no" },
            ]),
        ],
        messages: [/turns protected-mode off \(the redis-server command line the Bitnami redis entrypoint builds/],
    },
    {
        title: "Bitnami's run.sh given as args with flags",
        resources: [
            bitnami([{ name: "REDIS_PASSWORD", ...FROM_SECRET }], {
                args: ["/opt/bitnami/scripts/redis/run.sh", "--protected-mode", "no"],
            }),
        ],
        messages: [/turns protected-mode off/],
    },
    {
        title: "a redis.conf mounted where Bitnami copies it from",
        resources: [
            planned("kubernetes:core/v1:ConfigMap", "conf", {
                metadata: { name: "conf", namespace: "data" },
                data: { "redis.conf": "protected-mode no\n" },
            }),
            bitnami(
                [{ name: "REDIS_PASSWORD", ...FROM_SECRET }],
                { volumeMounts: [{ name: "conf", mountPath: "/opt/bitnami/redis/mounted-etc" }] },
                [{ name: "conf", configMap: { name: "conf" } }],
            ),
        ],
        messages: [/turns protected-mode off \(ConfigMap "conf" key "redis\.conf" line 1\)/],
    },
    {
        title: "Redis Stack's entrypoint always passes --protected-mode no",
        resources: [stack([])],
        messages: [/turns protected-mode off \(the redis-server command line the Redis Stack entrypoint builds/],
    },
    {
        title: "Redis Stack's REDIS_ARGS come after it and win",
        resources: [stack([{ name: "REDIS_ARGS", value: "--protected-mode yes" }])],
        messages: [],
    },
]);

describeRule(k8sRedisWithoutTls, [
    {
        title: "Bitnami with TLS on the default ports serves TLS only",
        resources: [tlsSecret, bitnami([{ name: "REDIS_PASSWORD", ...FROM_SECRET }, ...TLS_ENV])],
        messages: [],
    },
    {
        title: "Bitnami with TLS and another plaintext port keeps that port open",
        resources: [
            tlsSecret,
            bitnami([{ name: "REDIS_PASSWORD", ...FROM_SECRET }, ...TLS_ENV, { name: "REDIS_PORT_NUMBER", value: "6380" }]),
        ],
        messages: [/serves TLS on 6379 but keeps plaintext port 6380 \(the Bitnami redis entrypoint \(REDIS_PORT_NUMBER\)\) open/],
    },
    {
        title: "Bitnami without REDIS_TLS_ENABLED",
        resources: [bitnami([{ name: "REDIS_PASSWORD", ...FROM_SECRET }])],
        messages: [/serves no TLS/],
    },
    {
        title: "Redis Stack with TLS in REDIS_ARGS",
        resources: [
            stack([{ name: "REDIS_ARGS", value: "--port 0 --tls-port 6379 --tls-cert-file /certs/tls.crt --tls-key-file /certs/tls.key" }]),
        ],
        messages: [],
    },
]);

describeNotJudged(SERVER_RULES, [
    {
        title: "Bitnami refuses an empty password without ALLOW_EMPTY_PASSWORD",
        resources: [bitnami([])],
        messages: [
            /not judged, redis-server would refuse this configuration \(the Bitnami redis entrypoint exits: REDIS_PASSWORD is empty and ALLOW_EMPTY_PASSWORD is not yes\)/,
        ],
    },
    {
        title: "Bitnami refuses TLS without a certificate file of the pod",
        resources: [
            bitnami([
                { name: "ALLOW_EMPTY_PASSWORD", value: "yes" },
                { name: "REDIS_TLS_ENABLED", value: "yes" },
            ]),
        ],
        messages: [/the Bitnami redis entrypoint exits: REDIS_TLS_ENABLED is yes and REDIS_TLS_CERT_FILE names no file of the pod/],
    },
    {
        title: "Bitnami with a switch from a Secret outside the program",
        resources: [
            bitnami([
                { name: "REDIS_PASSWORD", ...FROM_SECRET },
                { name: "ALLOW_EMPTY_PASSWORD", ...FROM_SECRET },
            ]),
        ],
        messages: [
            /protected-mode not judged, they depend on the value of protected-mode that the Bitnami redis entrypoint writes, from ALLOW_EMPTY_PASSWORD=yes, not known before deployment/,
        ],
    },
    {
        title: "Bitnami with environment from a ConfigMap outside the program",
        resources: [bitnami([], { envFrom: [{ configMapRef: { name: "elsewhere" } }] })],
        messages: [/not judged/],
    },
    {
        title: "Bitnami given another command is not modelled",
        resources: [bitnami([], { args: ["--appendonly", "yes"] })],
        messages: [/not judged, they depend on the command and configuration of the image itself/],
    },
    {
        title: "Redis Stack with REDIS_ARGS from a Secret outside the program",
        resources: [stack([{ name: "REDIS_ARGS", ...FROM_SECRET }])],
        messages: [
            /protected-mode, port, tls-port, ACL users not judged, they depend on the redis-server command line the Redis Stack entrypoint builds .*, from a word not known before deployment/,
        ],
    },
    {
        title: "an image whose entrypoint is not modelled",
        resources: [server("redislabs/redismod:edge", [])],
        messages: [/not judged, they depend on the command and configuration of the image itself/],
    },
]);
