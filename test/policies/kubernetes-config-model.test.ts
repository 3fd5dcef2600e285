import { PlannedResource } from "hardened-redis-gate";
import { isPasswordName, isPasswordValue } from "../../policies/lib/credentials";
import { expandReferences } from "../../policies/lib/kubelet";
import { isRedisWorkload, repositoryOf, serverImageOf } from "../../policies/lib/kubernetes";
import { UNKNOWN } from "../../policies/lib/known-values";
import { commandsRun } from "../../policies/lib/shell";
import { k8sRedisPasswordInConfigMap } from "../../policies/rules/k8s-redis-password-in-configmap";
import { k8sRedisPasswordInPodSpec } from "../../policies/rules/k8s-redis-password-in-pod-spec";
import { k8sRedisProtectedModeOff } from "../../policies/rules/k8s-redis-protected-mode-off";
import { k8sRedisWithoutTls } from "../../policies/rules/k8s-redis-without-tls";
import { SERVER_RULES, describeNotJudged, describeRule, planned } from "../support/policy-fixtures";

/** Hand-written workloads in namespace "data", each with one container and the given volumes. */
function deployment(
    container: Record<string, unknown>,
    volumes: unknown[] = [],
    labels: Record<string, string> = { app: "cache" },
): PlannedResource {
    return planned("kubernetes:apps/v1:Deployment", "cache", {
        metadata: { name: "cache", namespace: "data", labels },
        spec: {
            selector: { matchLabels: labels },
            template: { metadata: { labels }, spec: { containers: [{ name: "redis", ...container }], volumes } },
        },
    });
}
const configMap = (name: string, data: Record<string, string>) =>
    planned("kubernetes:core/v1:ConfigMap", name, { metadata: { name, namespace: "data" }, data });
const secretOf = (name: string, stringData: Record<string, string>) =>
    planned("kubernetes:core/v1:Secret", name, { metadata: { name, namespace: "data" }, stringData });

const TLS_ONLY = "port 0\ntls-port 6379\nprotected-mode yes\n";
const conf = (text: string = TLS_ONLY) => configMap("redis-config", { "redis.conf": text });
const CONF_VOLUME = { name: "config", configMap: { name: "redis-config" } };
const CONF_MOUNT = { name: "config", mountPath: "/etc/redis" };
/** The official image with the mounted redis.conf and whatever the case changes. */
const redis = (changes: Record<string, unknown>, volumes: unknown[] = [CONF_VOLUME]) =>
    deployment({ image: "redis:7.2.5", volumeMounts: [CONF_MOUNT], ...changes }, volumes);
const OFF = /^Redis workload "cache" container "redis" turns protected-mode off/;
/** The official image with the mounted redis.conf, and beside it an ops container running this command. */
function sidecar(command: string[]): PlannedResource {
    const workload = redis({ args: ["/etc/redis/redis.conf"] });
    workload.props.spec.template.spec.containers.push({ name: "ops", image: "redis:7.2.5", command });
    return workload;
}
/** An application Deployment with these init containers beside its one container. */
function withInit(initContainers: Record<string, unknown>[]): PlannedResource {
    const workload = deployment({ name: "app", image: "registry.example.com/shop:2.0.1" });
    workload.props.spec.template.spec.initContainers = initContainers;
    return workload;
}

describeRule(k8sRedisProtectedModeOff, [
    {
        title: "args with one word --protected-mode no after the config file (Redis splits the word)",
        resources: [conf(), redis({ args: ["/etc/redis/redis.conf", "--protected-mode no"] })],
        messages: [OFF],
    },
    {
        title: "sh -ec running exec redis-server ... --protected-mode no",
        resources: [conf(), redis({ command: ["sh", "-ec", "exec redis-server /etc/redis/redis.conf --protected-mode no"] })],
        messages: [OFF],
    },
    {
        title: "bash -lc and combined flags -xec",
        resources: [
            conf(),
            redis({ command: ["/bin/bash", "-o", "pipefail", "-xec"], args: ["redis-server /etc/redis/redis.conf --protected-mode no"] }),
        ],
        messages: [OFF],
    },
    {
        title: "a script with its variables from the container's env",
        resources: [
            conf(),
            redis({
                command: ["sh", "-c", 'exec redis-server "$CONF" $MODE'],
                env: [
                    { name: "CONF", value: "/etc/redis/redis.conf" },
                    { name: "MODE", value: "--protected-mode no" },
                ],
            }),
        ],
        messages: [OFF],
    },
    {
        title: "$(VAR) in args expanded by the kubelet from env",
        resources: [
            conf(),
            redis({ args: ["/etc/redis/redis.conf", "--protected-mode", "$(MODE)"], env: [{ name: "MODE", value: "no" }] }),
        ],
        messages: [OFF],
    },
    {
        title: "$(VAR) from an env value that references another",
        resources: [
            conf(),
            redis({
                args: ["/etc/redis/redis.conf", "$(OPTS)"],
                env: [
                    { name: "V", value: "no" },
                    { name: "OPTS", value: "--protected-mode $(V)" },
                ],
            }),
        ],
        messages: [OFF],
    },
    {
        title: "$(VAR) read from a ConfigMap of the program through configMapKeyRef",
        resources: [
            conf(),
            configMap("flags", { mode: "no" }),
            redis({
                args: ["/etc/redis/redis.conf", "--protected-mode", "$(MODE)"],
                env: [{ name: "MODE", valueFrom: { configMapKeyRef: { name: "flags", key: "mode" } } }],
            }),
        ],
        messages: [OFF],
    },
    {
        title: "$(VAR) read through envFrom with a prefix",
        resources: [
            conf(),
            configMap("flags", { MODE: "no" }),
            redis({
                args: ["/etc/redis/redis.conf", "--protected-mode", "$(R_MODE)"],
                envFrom: [{ prefix: "R_", configMapRef: { name: "flags" } }],
            }),
        ],
        messages: [OFF],
    },
    {
        title: "redis-server - reading the mounted file and one more line from a pipe",
        resources: [
            conf(),
            redis({ command: ["sh", "-c", "{ cat /etc/redis/redis.conf; echo protected-mode no; } | exec redis-server -"] }),
        ],
        messages: [/turns protected-mode off \(the configuration piped into the command line of container "redis" line 4\)/],
    },
    {
        title: "a postStart hook's redis-cli CONFIG SET protected-mode no",
        resources: [
            conf(),
            redis({
                args: ["/etc/redis/redis.conf"],
                lifecycle: { postStart: { exec: { command: ["sh", "-c", "sleep 2; redis-cli --tls CONFIG SET protected-mode no"] } } },
            }),
        ],
        messages: [/turns protected-mode off \(CONFIG SET in its postStart hook of container "redis"\)/],
    },
    {
        title: "a sidecar piping CONFIG SET into redis-cli on 127.0.0.1",
        resources: [conf(), sidecar(["sh", "-c", "printf 'CONFIG SET protected-mode no\\n' | redis-cli -h 127.0.0.1"])],
        messages: [/turns protected-mode off \(CONFIG SET in its command of container "ops"\)/],
    },
    {
        title: "a readiness probe's CONFIG GET changes nothing",
        resources: [
            conf(),
            redis({
                args: ["/etc/redis/redis.conf"],
                readinessProbe: { exec: { command: ["redis-cli", "CONFIG", "GET", "protected-mode"] } },
            }),
        ],
        messages: [],
    },
    {
        title: "$$(VAR) is a literal $(VAR), not expanded",
        resources: [
            conf(),
            redis({ args: ["/etc/redis/redis.conf", "--protected-mode", "$$(MODE)"], env: [{ name: "MODE", value: "no" }] }),
        ],
        messages: [],
    },
    {
        title: "a ConfigMap key not ending in .conf, mounted as redis.conf through items[].path",
        resources: [
            configMap("redis-config", { settings: "protected-mode no\n" }),
            redis({ args: ["/etc/redis/redis.conf"] }, [
                { name: "config", configMap: { name: "redis-config", items: [{ key: "settings", path: "redis.conf" }] } },
            ]),
        ],
        messages: [OFF],
    },
    {
        title: "a single file mounted with subPath",
        resources: [
            configMap("redis-config", { main: "protected-mode no\n" }),
            redis({
                args: ["/usr/local/etc/redis/redis.conf"],
                volumeMounts: [{ name: "config", mountPath: "/usr/local/etc/redis/redis.conf", subPath: "main" }],
            }),
        ],
        messages: [OFF],
    },
    {
        title: "a projected volume merging a ConfigMap and a Secret",
        resources: [
            conf("include /etc/redis/extra.conf\n"),
            secretOf("extra", { "extra.conf": "protected-mode no\n" }),
            redis({ args: ["/etc/redis/redis.conf"] }, [
                { name: "config", projected: { sources: [{ configMap: { name: "redis-config" } }, { secret: { name: "extra" } }] } },
            ]),
        ],
        messages: [OFF],
    },
    {
        title: "a start script read from a mounted ConfigMap",
        resources: [
            conf(),
            configMap("scripts", { "start.sh": "#!/bin/sh\nset -e\nexec redis-server /etc/redis/redis.conf --protected-mode no\n" }),
            redis({ command: ["sh", "/scripts/start.sh"], volumeMounts: [CONF_MOUNT, { name: "scripts", mountPath: "/scripts" }] }, [
                CONF_VOLUME,
                { name: "scripts", configMap: { name: "scripts", defaultMode: 0o755 } },
            ]),
        ],
        messages: [OFF],
    },
    {
        title: "protected-mode yes on the command line overrides the file's no",
        resources: [conf("protected-mode no\n"), redis({ args: ["/etc/redis/redis.conf", "--protected-mode", "yes"] })],
        messages: [],
    },
    {
        title: "a commented-out protected-mode no",
        resources: [conf("# protected-mode no\nprotected-mode yes\n"), redis({ args: ["/etc/redis/redis.conf"] })],
        messages: [],
    },
    {
        title: "the official image, built with protected-mode off, and nothing setting it",
        resources: [conf("port 0\ntls-port 6379\n"), redis({ args: ["/etc/redis/redis.conf"] })],
        messages: [/turns protected-mode off \(the image's build default, as nothing sets protected-mode yes\)/],
    },
    {
        title: "Debian's redis-server keeps Redis's default (on)",
        resources: [deployment({ image: "debian:12", command: ["redis-server", "--port", "0"] })],
        messages: [],
    },
    {
        title: "a native sidecar (an init container with restartPolicy Always) running redis-server",
        resources: [withInit([{ name: "redis", image: "redis:7.2.5", restartPolicy: "Always", args: ["--protected-mode", "no"] }])],
        messages: [OFF],
    },
    {
        title: "an init container that runs to completion is not a server",
        resources: [
            withInit([{ name: "redis", image: "redis:7.2.5", command: ["redis-server", "--protected-mode", "no", "--test-memory", "1"] }]),
        ],
        messages: [],
    },
    {
        title: "the same words given to redis-cli in a client container",
        resources: [conf(), redis({ command: ["sh", "-c", "redis-cli -h cache --protected-mode no PING"] })],
        messages: [],
    },
]);

const NO_TLS = /^Redis workload "cache" container "redis" serves no TLS/;
describeRule(k8sRedisWithoutTls, [
    {
        title: "TLS only from the mounted file",
        resources: [conf(), redis({ command: ["redis-server", "/etc/redis/redis.conf"] })],
        messages: [],
    },
    {
        title: "an explicit redis-server with no config file runs Redis's defaults",
        resources: [redis({ command: ["redis-server"], args: ["--appendonly", "yes"] })],
        messages: [NO_TLS],
    },
    {
        title: "a config file baked into the image is not judged here",
        resources: [redis({ command: ["redis-server", "/usr/local/etc/redis/redis.conf"], volumeMounts: [] }, [])],
        messages: [],
    },
    {
        title: "tls-port 0 on the command line after the file",
        resources: [conf(), redis({ args: ["/etc/redis/redis.conf", "--tls-port", "0"] })],
        messages: [/serves no TLS.*sets 0/],
    },
    {
        title: "plaintext port reopened by the command line",
        resources: [conf(), redis({ args: ["/etc/redis/redis.conf", "--port 6380"] })],
        messages: [/keeps plaintext port 6380 \(the command line of container "redis"\) open/],
    },
    {
        title: "redis-stack-server's entrypoint, with no TLS in REDIS_ARGS, serves plaintext",
        resources: [deployment({ image: "redis/redis-stack-server:7.2.0-v10" })],
        messages: [NO_TLS],
    },
    {
        title: "a redis_exporter is a client, not a server",
        resources: [
            deployment({ image: "oliver006/redis_exporter:v1.62.0", args: ["--redis.addr", "rediss://cache:6379"] }, [], { app: "redis" }),
        ],
        messages: [],
    },
    {
        title: "redis-commander is a client, not a server",
        resources: [deployment({ image: "rediscommander/redis-commander:latest" }, [], { "app.kubernetes.io/name": "redis-commander" })],
        messages: [],
    },
    {
        title: "a worker labelled redis-queue-worker is not a server",
        resources: [deployment({ image: "node:22", command: ["node", "worker.js"] }, [], { app: "redis-queue-worker" })],
        messages: [],
    },
    {
        title: "valkey-server started from any image is a server",
        resources: [deployment({ image: "debian:12", command: ["/usr/bin/valkey-server", "--port", "6379"] })],
        messages: [NO_TLS],
    },
]);

const NOT_JUDGED = /^Redis workload "cache" container "redis": protected-mode, port, tls-port, ACL users not judged, they depend on/;
describeNotJudged(SERVER_RULES, [
    {
        title: "a fully read configuration",
        resources: [conf(), redis({ command: ["redis-server", "/etc/redis/redis.conf"] })],
        messages: [],
    },
    {
        title: "a config file baked into the image",
        resources: [redis({ command: ["redis-server", "/usr/local/etc/redis/redis.conf"], volumeMounts: [] }, [])],
        messages: [/not judged, they depend on \/usr\/local\/etc\/redis\/redis\.conf, a file of the image/],
    },
    {
        title: "the image's own command (no command, no args)",
        resources: [deployment({ image: "redis:7.2.5" })],
        messages: [/not judged, they depend on the command and configuration of the image itself/],
    },
    {
        title: "a Bitnami image whose entrypoint writes the configuration",
        resources: [deployment({ image: "docker.io/bitnami/redis:7.2", args: ["--appendonly", "yes"] })],
        messages: [NOT_JUDGED],
    },
    { title: "redislabs/redismod", resources: [deployment({ image: "redislabs/redismod:edge" })], messages: [NOT_JUDGED] },
    {
        title: "$(VAR) from a Secret outside the program",
        resources: [
            conf(),
            redis({
                args: ["/etc/redis/redis.conf", "$(EXTRA)"],
                env: [{ name: "EXTRA", valueFrom: { secretKeyRef: { name: "elsewhere", key: "x" } } }],
            }),
        ],
        messages: [/port not judged|tls-port not judged|protected-mode.*not judged/],
    },
    {
        title: "an unknown value of an option leaves the other settings judged",
        resources: [
            conf(),
            redis({
                args: ["/etc/redis/redis.conf", "--requirepass", "$(PW)"],
                env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "elsewhere", key: "pw" } } }],
            }),
        ],
        messages: [],
    },
    {
        title: "an unknown word where an option may stand leaves everything after it unread",
        resources: [
            conf(),
            redis({
                args: ["/etc/redis/redis.conf", "--port", "0", "$(EXTRA)"],
                env: [{ name: "EXTRA", valueFrom: { secretKeyRef: { name: "elsewhere", key: "x" } } }],
            }),
        ],
        messages: [
            /protected-mode, port, tls-port, ACL users not judged, they depend on the command line of container "redis", from a word not known before deployment/,
        ],
    },
    {
        title: "a mounted ConfigMap that is not in the program",
        resources: [redis({ args: ["/etc/redis/redis.conf"] }, [{ name: "config", configMap: { name: "managed-elsewhere" } }])],
        messages: [/from volume "config" whose content is not in the program/],
    },
    {
        title: "a config Redis would refuse",
        resources: [conf('protected-mode "no\n'), redis({ args: ["/etc/redis/redis.conf"] })],
        messages: [/redis-server would refuse this configuration \(ConfigMap "redis-config" key "redis\.conf" line 1: unbalanced quotes\)/],
    },
    {
        title: "a client image is not judged as a server at all",
        resources: [deployment({ image: "oliver006/redis_exporter:v1.62.0" })],
        messages: [],
    },
    {
        title: "a CONFIG SET sent to another host",
        resources: [conf(), sidecar(["redis-cli", "-h", "cache.data.svc", "CONFIG", "SET", "protected-mode", "no"])],
        messages: [
            /protected-mode not judged, they depend on a CONFIG SET in its command of container "ops" sent to host cache\.data\.svc/,
        ],
    },
    {
        title: "a redis-cli command not known before deployment",
        resources: [conf(), sidecar(["sh", "-c", "redis-cli $OPS_COMMAND"])],
        messages: [
            /protected-mode, port, tls-port, ACL users not judged, they depend on a command redis-cli sends in its command of container "ops", not known before deployment/,
        ],
    },
    {
        title: "redis-server - fed by a program the gate cannot follow",
        resources: [conf(), redis({ command: ["sh", "-c", "render-config | exec redis-server -"] })],
        messages: [/protected-mode, port, tls-port, ACL users not judged, they depend on configuration read from stdin/],
    },
    {
        title: "redis-server - as the container's own command, with no stdin the gate knows",
        resources: [redis({ command: ["redis-server", "-"] }, [])],
        messages: [/protected-mode, port, tls-port, ACL users not judged, they depend on configuration read from stdin/],
    },
]);

const CONFIG_MAP_PASSWORD = /^ConfigMap "app-settings" holds a Redis password: /;
describeRule(k8sRedisPasswordInConfigMap, [
    {
        title: "a key PASSWORD that envFrom's prefix turns into REDIS_PASSWORD",
        resources: [
            configMap("app-settings", { PASSWORD: "hunter2hunter2" }),
            deployment({ image: "node:22", envFrom: [{ prefix: "REDIS_", configMapRef: { name: "app-settings" } }] }),
        ],
        messages: [/reads its REDIS_PASSWORD from it/],
    },
    {
        title: "a password read by a Redis server through configMapKeyRef",
        resources: [
            configMap("app-settings", { pw: "hunter2hunter2" }),
            redis({ env: [{ name: "REDISCLI_AUTH", valueFrom: { configMapKeyRef: { name: "app-settings", key: "pw" } } }] }, []),
        ],
        messages: [/workload "cache" container "redis" reads its REDISCLI_AUTH from it/],
    },
    {
        title: "YAML-style password: value lines",
        resources: [configMap("app-settings", { "app.yaml": "redis:\n  host: cache\n  password: hunter2hunter2\n" })],
        messages: [/key "app\.yaml" line 3 assigns password/],
    },
    {
        title: "a password field in a one-line JSON document",
        resources: [configMap("app-settings", { "client.json": JSON.stringify({ redis: { host: "cache", password: "hunter2hunter2" } }) })],
        messages: [/key "client\.json" field redis\.password holds a password/],
    },
    {
        title: "a password field in a JSON array of servers",
        resources: [configMap("app-settings", { "servers.json": JSON.stringify([{ name: "a", redisAuth: "hunter2hunter2" }]) })],
        messages: [/key "servers\.json" field 0\.redisAuth holds a password/],
    },
    {
        title: "JSON with a placeholder, a password file path and a switch",
        resources: [
            configMap("redis-settings", {
                "client.json": JSON.stringify({ password: "${REDIS_PASSWORD}", passwordFile: "/run/secrets/pw", auth: "yes", port: 6379 }),
            }),
        ],
        messages: [],
    },
    {
        title: "a Redis URI with a literal password in a ConfigMap",
        resources: [configMap("app-settings", { url: "rediss://app:hunter2hunter2@cache:6379" })],
        messages: [/key "url" line 1 holds a URI with a password/],
    },
    {
        title: "a Redis URI whose password is a placeholder",
        resources: [
            configMap("app-settings", { url: "rediss://app:${REDIS_PASSWORD}@cache:6379", env: "REDIS_URL=redis://:$(PW)@cache:6379" }),
        ],
        messages: [],
    },
    {
        title: "NAME:value lines",
        resources: [configMap("app-settings", { "env.txt": "REDIS_HOST:cache\nREDIS_PASSWORD:hunter2hunter2\n" })],
        messages: [CONFIG_MAP_PASSWORD],
    },
    {
        title: "switches, secret names and durations are not passwords",
        resources: [
            configMap("redis-settings", {
                REDIS_TLS_AUTH_CLIENTS: "yes",
                AUTH_SECRET_NAME: "redis-acl",
                TOKEN_TTL_SECONDS: "3600",
                "env.sh": "REDIS_TLS_AUTH_CLIENTS=yes\nAUTH_SECRET_NAME=redis-acl\nTOKEN_TTL_SECONDS=3600\n",
            }),
        ],
        messages: [],
    },
    {
        title: "a template placeholder is not a literal password",
        resources: [
            configMap("redis-settings", {
                "values.yaml": "redis:\n  password: {{ .Values.redis.password }}\n",
                "env.sh": "REDIS_PASSWORD=${REDIS_PASSWORD}\n",
            }),
        ],
        messages: [],
    },
    {
        title: "a non-password key read by a Redis server",
        resources: [
            configMap("app-settings", { host: "cache" }),
            redis({ env: [{ name: "REDIS_HOST", valueFrom: { configMapKeyRef: { name: "app-settings", key: "host" } } }] }, []),
        ],
        messages: [],
    },
]);

describeRule(k8sRedisPasswordInPodSpec, [
    {
        title: "--requirepass built by the kubelet from $(VAR)",
        resources: [
            redis({ args: ["--requirepass", "$(PW)"], env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "pw", key: "pw" } } }] }, []),
        ],
        messages: [/passes --requirepass on its command line/],
    },
    {
        title: "-a inside an sh -ec probe of a client",
        resources: [
            deployment({ image: "node:22", livenessProbe: { exec: { command: ["sh", "-ec", "redis-cli -a hunter2 PING"] } } }, [], {
                app: "redis-client",
            }),
        ],
        messages: [/passes -a on its command line/],
    },
    {
        title: "switches, secret names and durations in env are not passwords",
        resources: [
            redis(
                {
                    env: [
                        { name: "REDIS_TLS_AUTH_CLIENTS", value: "yes" },
                        { name: "AUTH_SECRET_NAME", value: "redis-acl" },
                        { name: "TOKEN_TTL_SECONDS", value: "3600" },
                    ],
                },
                [],
            ),
        ],
        messages: [],
    },
    {
        title: "REDISCLI_AUTH written literally",
        resources: [redis({ env: [{ name: "REDISCLI_AUTH", value: "hunter2hunter2" }] }, [])],
        messages: [/sets REDISCLI_AUTH to a literal value/],
    },
    {
        title: "a rediss:// URL with user:password in a neutrally named env value",
        resources: [redis({ env: [{ name: "REDIS_URL", value: "rediss://app:hunter2hunter2@localhost:6379/0" }] }, [])],
        messages: [/container "redis" sets REDIS_URL to a URI with a password\./],
    },
    {
        title: "a URL whose password the kubelet fills in from a Secret",
        resources: [
            redis(
                {
                    env: [
                        { name: "PW", valueFrom: { secretKeyRef: { name: "pw", key: "pw" } } },
                        { name: "REDIS_URL", value: "rediss://app:$(PW)@localhost:6379" },
                    ],
                },
                [],
            ),
        ],
        messages: [],
    },
    {
        title: "a URL with only a user name",
        resources: [redis({ env: [{ name: "REDIS_URL", value: "rediss://app@localhost:6379" }] }, [])],
        messages: [],
    },
    {
        title: "a web app's URL with a password, in a workload nothing else ties to Redis",
        resources: [
            deployment({ image: "node:22", env: [{ name: "CACHE", value: "redis://:hunter2hunter2@cache:6379" }] }, [], { app: "web" }),
        ],
        messages: [/^Workload "cache" exposes a Redis password: container "redis" sets CACHE to a URI with a password/],
    },
    {
        title: "AUTH written by printf into redis-cli in a readiness probe",
        resources: [
            redis(
                {
                    readinessProbe: {
                        exec: { command: ["sh", "-c", "printf 'AUTH app hunter2hunter2\\r\\nPING\\r\\n' | redis-cli --tls"] },
                    },
                },
                [],
            ),
        ],
        messages: [/sends AUTH with a password on its command line/],
    },
    {
        title: "AUTH echoed into valkey-cli in a postStart hook",
        resources: [
            redis({ lifecycle: { postStart: { exec: { command: ["sh", "-c", "echo 'AUTH hunter2hunter2' | valkey-cli"] } } } }, []),
        ],
        messages: [/sends AUTH with a password/],
    },
    {
        title: "AUTH as redis-cli's own command, with the password from a Secret (still on the argv)",
        resources: [
            redis(
                {
                    lifecycle: { preStop: { exec: { command: ["sh", "-c", 'redis-cli AUTH app "$PW"'] } } },
                    env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "pw", key: "pw" } } }],
                },
                [],
            ),
        ],
        messages: [/sends AUTH with a password/],
    },
    {
        title: "CONFIG SET requirepass from a job's redis-cli in a workload not labelled Redis",
        resources: [
            deployment({ image: "alpine:3", command: ["redis-cli", "-h", "cache", "CONFIG", "SET", "requirepass", "hunter2hunter2"] }, [], {
                app: "ops",
            }),
        ],
        messages: [/^Workload "cache" exposes a Redis password: container "redis" sends CONFIG SET requirepass/],
    },
    {
        title: "--user and --pass given to redis-cli in an app container not tied to Redis",
        resources: [
            deployment({ image: "alpine:3", command: ["redis-cli", "--user", "app", "--pass", "hunter2hunter2", "PING"] }, [], {
                app: "ops",
            }),
        ],
        messages: [/passes --pass on its command line/],
    },
    {
        title: "a password printed by printf into a program that is not redis-cli",
        resources: [
            redis({ readinessProbe: { exec: { command: ["sh", "-c", "printf 'AUTH app hunter2hunter2' | nc localhost 6379"] } } }, []),
        ],
        messages: [],
    },
    {
        title: "redis-cli with REDISCLI_AUTH from a Secret, and PING",
        resources: [
            redis(
                {
                    readinessProbe: { exec: { command: ["redis-cli", "--tls", "PING"] } },
                    env: [{ name: "REDISCLI_AUTH", valueFrom: { secretKeyRef: { name: "pw", key: "pw" } } }],
                },
                [],
            ),
        ],
        messages: [],
    },
]);

describe("the kubelet's $(VAR) expansion", () => {
    const vars = new Map<string, string | typeof UNKNOWN>([
        ["A", "x"],
        ["B", "y"],
        ["S", UNKNOWN],
    ]);
    it.each([
        ["$(A)-$(B)", "x-y"],
        ["$$(A)", "$(A)"],
        ["$$$(A)", "$x"],
        ["$(MISSING)", "$(MISSING)"],
        ["$A $", "$A $"],
        ["$(A", "$(A"],
        ["a$(A)$(", "ax$("],
    ])("%s becomes %s", (input, expected) => expect(expandReferences(input, vars)).toBe(expected));
    it("is unknown when a referenced value is, or a Service link variable the kubelet adds", () => {
        expect(expandReferences("--requirepass $(S)", vars)).toBe(UNKNOWN);
        expect(expandReferences("$(CACHE_SERVICE_HOST)", vars)).toBe(UNKNOWN);
    });
});

describe("shells", () => {
    const run = (argv: string[], env: Record<string, string> = {}) => commandsRun(argv, new Map(Object.entries(env)), () => UNKNOWN);
    it.each([
        [["sh", "-c", "exec redis-server --port 1"]],
        [["/bin/sh", "-ec", "exec redis-server --port 1"]],
        [["bash", "-lc", "redis-server --port 1"]],
        [["bash", "--login", "-e", "-c", "nice -n 5 gosu redis redis-server --port 1"]],
        [["dash", "-xec", "env -i A=1 redis-server --port 1 && echo done"]],
        [["tini", "--", "sh", "-c", "exec redis-server --port 1"]],
    ])("%j runs redis-server --port 1", (argv) => expect(run(argv)).toContainEqual(["redis-server", "--port", "1"]));
    it("follows case branches and assignments, and marks what it cannot know", () => {
        expect(run(["sh", "-c", 'case "$X" in a) c=1 ;; *) c=2 ;; esac\nexec redis-server --port "$c"'])).toEqual([
            ["redis-server", "--port", "1"],
            ["redis-server", "--port", "2"],
        ]);
        expect(run(["sh", "-c", "exec redis-server --port $P"])).toEqual([["redis-server", "--port", UNKNOWN]]);
        expect(run(["sh", "-c", 'exec redis-server $A "$A" ${A}x'], { A: "--port  1" })).toEqual([
            ["redis-server", "--port", "1", "--port  1", "--port", "1x"],
        ]);
        expect(run(["sh", "-c", "exec `which redis-server`"])[0][0]).toBe(UNKNOWN);
        expect(run(["sh", "/start.sh"])).toEqual([[UNKNOWN]]);
    });
    it("feeds a command's stdin from a pipe of cat, echo or printf, a { ...; } group of them, or < file", () => {
        const files: Record<string, string> = { "/etc/redis/redis.conf": "port 0\n" };
        const stdinOf = (script: string, env: Record<string, string> = {}) =>
            commandsRun(["sh", "-c", script], new Map(Object.entries(env)), (file) => files[file] ?? UNKNOWN)
                .filter((c) => c[0] === "redis-server")
                .map((c) => c.stdin);
        expect(stdinOf("{ cat /etc/redis/redis.conf; echo protected-mode no; } | exec redis-server -")).toEqual([
            "port 0\nprotected-mode no\n",
        ]);
        expect(stdinOf("printf 'port 0\\ntls-port %s\\n' 6379 | redis-server -")).toEqual([UNKNOWN]);
        expect(stdinOf("printf 'port 0\\nprotected-mode no\\n' | redis-server -")).toEqual(["port 0\nprotected-mode no\n"]);
        expect(stdinOf('echo -n "$CONF" | redis-server -', { CONF: "port 0" })).toEqual(["port 0"]);
        expect(stdinOf("exec redis-server - < $F", { F: "/etc/redis/redis.conf" })).toEqual(["port 0\n"]);
        expect(stdinOf("cat /etc/redis/redis.conf /elsewhere.conf | redis-server -")).toEqual([UNKNOWN]);
        expect(stdinOf("generate-config | redis-server -")).toEqual([UNKNOWN]);
        expect(stdinOf("cat /etc/redis/redis.conf; redis-server -")).toEqual([undefined]);
    });
});

describe("server recognition by binary and image", () => {
    it.each([
        ["redis:7.2", "docker-entrypoint", "redis"],
        ["docker.io/library/valkey:8@sha256:00", "docker-entrypoint", "library/valkey"],
        ["valkey/valkey:8.0", "docker-entrypoint", "valkey/valkey"],
        ["registry.example.com:5000/mirror/redis:7", "docker-entrypoint", "mirror/redis"],
        ["bitnami/redis:7.2", "own-entrypoint", "bitnami/redis"],
        ["redislabs/redismod:latest", "own-entrypoint", "redislabs/redismod"],
        ["redis/redis-stack:7.2.0-v10", "own-entrypoint", "redis/redis-stack"],
        ["oliver006/redis_exporter:v1.62.0", undefined, "oliver006/redis_exporter"],
        ["rediscommander/redis-commander", undefined, "rediscommander/redis-commander"],
        ["bitnami/redis-exporter:1", undefined, "bitnami/redis-exporter"],
    ])("%s is %s", (image, kind, repository) => {
        expect(repositoryOf(image)).toBe(repository);
        expect(serverImageOf(image)).toBe(kind);
    });
    it("counts a workload by what its containers run, not by labels", () => {
        expect(isRedisWorkload(deployment({ image: "node:22" }, [], { "app.kubernetes.io/name": "redis" }))).toBe(false);
        expect(isRedisWorkload(deployment({ image: "redis:7.2", command: ["redis-cli", "PING"] }))).toBe(false);
        expect(isRedisWorkload(deployment({ image: "alpine", command: ["sh", "-c", "exec redis-stack-server"] }))).toBe(true);
        expect(isRedisWorkload(deployment({ image: "redis:7.2", args: ["--port", "0"] }))).toBe(true);
    });
    it("counts a native sidecar's server, and not a one-shot init container's", () => {
        expect(isRedisWorkload(withInit([{ name: "cache", image: "redis:7.2", restartPolicy: "Always" }]))).toBe(true);
        expect(isRedisWorkload(withInit([{ name: "cache", image: "redis:7.2", restartPolicy: UNKNOWN }]))).toBe(true);
        expect(isRedisWorkload(withInit([{ name: "check", image: "redis:7.2", command: ["redis-server", "--version"] }]))).toBe(false);
    });
});

describe("password names and values", () => {
    it.each(["REDIS_PASSWORD", "REDISCLI_AUTH", "requirepass", "masterauth", "redisPassword", "redis.password", "CACHE_AUTH_TOKEN"])(
        "%s names a password",
        (name) => expect(isPasswordName(name)).toBe(true),
    );
    it.each([
        "REDIS_PASSWORD_FILE",
        "AUTH_SECRET_NAME",
        "TOKEN_TTL_SECONDS",
        "REDIS_TLS_AUTH_CLIENTS",
        "PASSWORD_MIN_LENGTH",
        "REDIS_HOST",
    ])("%s does not", (name) => expect(isPasswordName(name)).toBe(false));
    it.each(["hunter2", "3600", '"quoted"'])("%s is shaped like a password", (value) => expect(isPasswordValue(value)).toBe(true));
    it.each([
        "",
        "yes",
        "false",
        "{{ .Values.redis.password }}",
        "${REDIS_PASSWORD}",
        "$(REDIS_PASSWORD)",
        "$REDIS_PASSWORD",
        "<password>",
    ])("%j is not", (value) => expect(isPasswordValue(value)).toBe(false));
});
