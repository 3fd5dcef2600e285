import { createHash } from "node:crypto";
import { PlannedResource } from "hardened-redis-gate";
import { k8sRedisUserDangerousCommands } from "../../policies/rules/k8s-redis-user-dangerous-commands";
import { k8sRedisWithoutAuthentication } from "../../policies/rules/k8s-redis-without-authentication";
import { SERVER_RULES, describeNotJudged, describeRule, planned } from "../support/policy-fixtures";

/** A hand-written Redis StatefulSet that mounts redis.conf from a ConfigMap and users.acl from a Secret. */
const LABELS = { "app.kubernetes.io/name": "redis" };
const hash = (password: string) => `#${createHash("sha256").update(password).digest("hex")}`;
const APP_PASSWORD = hash("a password of the test, hashed");
const CONF = "port 0\ntls-port 6379\nprotected-mode yes\naclfile /etc/redis/auth/users.acl";
const SECURE_ACL = ["user default off resetkeys -@all", `user app on ${APP_PASSWORD} ~app:* &* +@all -@dangerous`].join("\n");

function statefulSet(container: Record<string, unknown> = {}, auth?: Record<string, unknown>[]): PlannedResource {
    const spec = {
        containers: [
            {
                name: "redis",
                image: "redis:7.0",
                command: ["redis-server", "/etc/redis/redis.conf"],
                volumeMounts: [
                    { name: "config", mountPath: "/etc/redis" },
                    { name: "auth", mountPath: "/etc/redis/auth" },
                ],
                ...container,
            },
        ],
        volumes: [
            { name: "config", configMap: { name: "redis-config" } },
            ...(auth ?? [{ name: "auth", secret: { secretName: "redis-acl" } }]),
        ],
    };
    return planned("kubernetes:apps/v1:StatefulSet", "redis", {
        metadata: { name: "redis", namespace: "data", labels: LABELS },
        spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec } },
    });
}
const configMap = (conf: string = CONF, extra: Record<string, string> = {}) =>
    planned("kubernetes:core/v1:ConfigMap", "redis-config", {
        metadata: { name: "redis-config", namespace: "data" },
        data: { "redis.conf": conf, ...extra },
    });
const aclSecret = (acl: string) =>
    planned("kubernetes:core/v1:Secret", "redis-acl", {
        metadata: { name: "redis-acl", namespace: "data" },
        data: { "users.acl": Buffer.from(acl).toString("base64") },
    });
const server = (acl: string, conf?: string, container?: Record<string, unknown>) => [
    configMap(conf),
    aclSecret(acl),
    statefulSet(container),
];
/** A server configured by redis.conf and its command line alone (the Secret it mounts holds an unused file). */
const withoutAclFile = (conf: string, container?: Record<string, unknown>) => server(SECURE_ACL, conf, container);

const postStart = (command: string) => ({ lifecycle: { postStart: { exec: { command: ["sh", "-c", command] } } } });

describeRule(k8sRedisWithoutAuthentication, [
    { title: "default off and a hashed password, from a Secret", resources: server(SECURE_ACL), messages: [] },
    {
        title: "a postStart hook's ACL SETUSER turning the default user on with nopass",
        resources: server(SECURE_ACL, undefined, postStart("redis-cli --tls --user app ACL SETUSER default on nopass")),
        messages: [
            /lets anyone in as user "default": it is on with no password \(.*then ACL SETUSER in its postStart hook of container "redis"\)/,
        ],
    },
    {
        title: "a postStart hook's ACL SETUSER creating an open user",
        resources: server(SECURE_ACL, undefined, postStart("redis-cli --tls ACL SETUSER ops on nopass '~*' '+@all'")),
        messages: [/lets anyone in as user "ops": it is on with no password \(ACL SETUSER in its postStart hook of container "redis"\)/],
    },
    {
        title: "a postStart hook's ACL SETUSER with a hashed password",
        resources: server(SECURE_ACL, undefined, postStart(`redis-cli --tls ACL SETUSER ops on '${APP_PASSWORD}' '~*' '+@read'`)),
        messages: [],
    },
    {
        title: "an ACL file without a default line (Redis keeps its open built-in default)",
        resources: server(`user app on ${APP_PASSWORD} ~* +@read`),
        messages: [
            /^Redis workload "redis" container "redis" lets anyone in as user "default": it is on with no password \(Redis's built-in default user \(the ACL file has no default line\)\)/,
        ],
    },
    {
        title: "requirepass beside an ACL file without a default line (Redis ignores requirepass then)",
        resources: [configMap(`${CONF}\nrequirepass $(REDIS_PASSWORD)`), aclSecret(`user app on ${APP_PASSWORD} ~* +@read`), statefulSet()],
        messages: [/lets anyone in as user "default"/],
    },
    {
        title: "the issue's open default user, with protected mode off",
        resources: server("user default on nopass ~* +@all", `${CONF}\nprotected-mode no`),
        messages: [/lets anyone in as user "default": it is on with no password \(Secret "redis-acl" key "users\.acl" line 1\)/],
    },
    {
        title: "an enabled nopass application user",
        resources: server(`user default off\nuser app on nopass ~* +@read -@dangerous`),
        messages: [/lets anyone in as user "app"/],
    },
    {
        title: "nopass taken back by a password",
        resources: server(`user default off\nuser app on nopass ${APP_PASSWORD} ~* +@read -@dangerous`),
        messages: [],
    },
    { title: "default reset after nopass", resources: server("user default on nopass ~* +@all reset"), messages: [] },
    { title: "a disabled nopass user", resources: server(`user default off nopass\nuser app off nopass ~* +@read`), messages: [] },
    {
        title: "no ACL file and no requirepass",
        resources: withoutAclFile("port 0\ntls-port 6379"),
        messages: [/lets anyone in as user "default": it is on with no password \(Redis's built-in default user \(no requirepass\)\)/],
    },
    {
        title: "requirepass from the environment on the command line",
        resources: withoutAclFile("port 0\ntls-port 6379", { args: ["--requirepass", "$(REDIS_PASSWORD)"] }),
        messages: [],
    },
    {
        title: "requirepass written on the command line",
        resources: withoutAclFile("port 0\ntls-port 6379", { args: ["--requirepass", "hunter2-hunter2"] }),
        messages: [/has the password of user "default" written in the command line of container "redis"/],
    },
    {
        title: "a plaintext password in an ACL file in a ConfigMap",
        resources: [
            configMap(CONF.replace("/auth/", "/"), { "users.acl": "user default off\nuser app on >typed-by-hand ~* +@read" }),
            statefulSet(),
        ],
        messages: [/has the password of user "app" written in ConfigMap "redis-config" key "users\.acl" line 2/],
    },
    {
        title: "requirepass in redis.conf from a ConfigMap",
        resources: withoutAclFile("port 0\nrequirepass typed-into-the-configmap"),
        messages: [/has the password of user "default" written in ConfigMap "redis-config" key "redis\.conf" line 2/],
    },
    {
        title: "user directives in redis.conf with an open application user",
        resources: withoutAclFile(`port 0\nuser default off\nuser app on nopass ~* +@read`),
        messages: [/lets anyone in as user "app": it is on with no password \(ConfigMap "redis-config" key "redis\.conf" line 3\)/],
    },
    {
        title: "a plaintext password in a Secret",
        resources: server("user default off\nuser app on >from-a-secret ~* +@read -@dangerous"),
        messages: [],
    },
    {
        title: "user directives in redis.conf, default off",
        resources: withoutAclFile(`port 0\nuser default off\nuser app on ${APP_PASSWORD} ~* +@read`),
        messages: [],
    },
    {
        title: "a default user directive without on, which Redis leaves off",
        resources: withoutAclFile(`port 0\nuser default ${APP_PASSWORD} ~* +@all`),
        messages: [],
    },
    {
        title: "an open default user directive on the command line",
        resources: withoutAclFile("port 0", { args: ["--user", "default", "on", "nopass", "~*", "+@all"] }),
        messages: [/lets anyone in as user "default": it is on with no password \(the command line of container "redis"\)/],
    },
    {
        title: "an ACL file with a comment line, which stops Redis from starting",
        resources: server("# users\nuser default on nopass ~* +@all"),
        messages: [],
    },
    {
        title: "users both in redis.conf and an ACL file, which stops Redis from starting",
        resources: server(SECURE_ACL, `${CONF}\nuser extra on nopass ~* +@all`),
        messages: [],
    },
    { title: "an ACL file outside the program", resources: [configMap(), statefulSet()], messages: [] },
    {
        title: "an ACL file mounted through items[].path under another key",
        resources: [
            configMap(),
            planned("kubernetes:core/v1:Secret", "redis-acl", {
                metadata: { name: "redis-acl", namespace: "data" },
                stringData: { open: "user default on nopass ~* +@all" },
            }),
            statefulSet({}, [{ name: "auth", secret: { secretName: "redis-acl", items: [{ key: "open", path: "users.acl" }] } }]),
        ],
        messages: [/lets anyone in as user "default": it is on with no password \(Secret "redis-acl" key "open" line 1\)/],
    },
    {
        title: "an ACL file mounted alone with subPath",
        resources: [
            configMap(),
            aclSecret("user default on nopass ~* +@all"),
            statefulSet({
                volumeMounts: [
                    { name: "config", mountPath: "/etc/redis" },
                    { name: "auth", mountPath: "/etc/redis/auth/users.acl", subPath: "users.acl" },
                ],
            }),
        ],
        messages: [/lets anyone in as user "default": it is on with no password \(Secret "redis-acl" key "users\.acl" line 1\)/],
    },
    {
        title: "an aclfile set on the command line of a start script",
        resources: server("user default on nopass ~* +@all", "port 0\ntls-port 6379", {
            command: ["sh", "-c", "exec redis-server /etc/redis/redis.conf --aclfile /etc/redis/auth/users.acl"],
        }),
        messages: [/lets anyone in as user "default"/],
    },
    {
        title: "requirepass from a Secret outside the program: a password the gate cannot read",
        resources: withoutAclFile("port 0", {
            args: ["--requirepass", "$(PW)"],
            env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "elsewhere", key: "pw" } } }],
        }),
        messages: [],
    },
]);

describeNotJudged(SERVER_RULES, [
    { title: "users read from a Secret-mounted ACL file", resources: server(SECURE_ACL), messages: [] },
    {
        title: "an ACL file outside the program",
        resources: [configMap(), statefulSet()],
        messages: [
            /^Redis workload "redis" container "redis": ACL users not judged, they depend on \/etc\/redis\/auth\/users\.acl, from volume "auth" whose content is not in the program/,
        ],
    },
    {
        title: "an ACL file the Secret does not hold",
        resources: [
            configMap(),
            aclSecret(SECURE_ACL),
            statefulSet({}, [{ name: "auth", secret: { secretName: "redis-acl", items: [{ key: "users.acl", path: "other.acl" }] } }]),
        ],
        messages: [/ACL users not judged, they depend on \/etc\/redis\/auth\/users\.acl, which volume "auth" does not provide/],
    },
    {
        title: "an ACL file of the image",
        resources: [
            configMap("port 0\ntls-port 6379\nprotected-mode yes\naclfile /usr/local/etc/users.acl"),
            aclSecret(SECURE_ACL),
            statefulSet(),
        ],
        messages: [/ACL users not judged, they depend on \/usr\/local\/etc\/users\.acl, a file of the image/],
    },
    {
        title: "a user directive not known before deployment",
        resources: withoutAclFile("port 0\ntls-port 6379\nprotected-mode yes", {
            args: ["--user", "$(USER_RULES)"],
            env: [{ name: "USER_RULES", valueFrom: { secretKeyRef: { name: "elsewhere", key: "rules" } } }],
        }),
        messages: [
            /ACL users not judged, they depend on the value of user on the command line of container "redis", not known before deployment/,
        ],
    },
    {
        title: "an ACL file with a comment line, which stops Redis from starting",
        resources: server("# users\nuser default on nopass ~* +@all"),
        messages: [
            /not judged, redis-server would refuse this configuration \(Secret "redis-acl" key "users\.acl" line 1 is not a "user <name> \.\.\." line\)/,
        ],
    },
    {
        title: "users both in redis.conf and an ACL file",
        resources: server(SECURE_ACL, `${CONF}\nuser extra on nopass ~* +@all`),
        messages: [
            /redis-server would refuse this configuration \(it defines users both in ConfigMap "redis-config" key "redis\.conf" line 5 and in an ACL file\)/,
        ],
    },
]);

const SERVICE_USERS = [
    "user default off resetkeys resetchannels -@all",
    `user replication on ${APP_PASSWORD} resetkeys resetchannels -@all +psync +replconf`,
    `user monitoring on ${APP_PASSWORD} resetkeys resetchannels -@all +info +client|setname +latency|latest +latency|histogram +slowlog|get +slowlog|len`,
    `user backup on ${APP_PASSWORD} resetkeys resetchannels -@all +replconf +sync`,
].join("\n");

describeRule(k8sRedisUserDangerousCommands, [
    {
        title: "application users that deny @dangerous, and the service users of KubernetesRedis",
        resources: server(`${SERVICE_USERS}\nuser app on ${APP_PASSWORD} ~app:* &* +@all -@dangerous`),
        messages: [],
    },
    {
        title: "an application user with +@write +@read",
        resources: server(`user default off\nuser app on ${APP_PASSWORD} ~* &* +@write +@read`),
        messages: [
            /^Redis workload "redis" container "redis": user "app" \(Secret "redis-acl" key "users\.acl" line 2\) is not an administrator but its ACL rules grant 10 dangerous command\(s\): FLUSHALL \(through \+@write\), FLUSHDB/,
        ],
    },
    {
        title: "a service user name given more than its job",
        resources: server(`user default off\nuser replication on ${APP_PASSWORD} ~* +@all`),
        messages: [/user "replication" .* grant 73 dangerous command\(s\)/],
    },
    {
        title: "a selector that grants FLUSHDB",
        resources: server(`user default off\nuser app on ${APP_PASSWORD} ~* -@all +@read -@dangerous (~tmp:* +flushdb)`),
        messages: [/grant 1 dangerous command\(s\): FLUSHDB \(through \+flushdb\)\./],
    },
    {
        title: "the built-in default user of an ACL file without a default line",
        resources: server(`user app on ${APP_PASSWORD} ~app:* +@read -@dangerous`),
        messages: [
            /user "default" \(Redis's built-in default user \(the ACL file has no default line\)\) is not an administrator but its ACL rules grant 75/,
        ],
    },
    { title: "an administrator", resources: server(`user default off\nuser admin on ${APP_PASSWORD} ~* &* +@all`), messages: [] },
    {
        title: "a service user allowed a whole container in the pack config",
        resources: server(`user default off\nuser metrics on ${APP_PASSWORD} resetkeys -@all +info +latency`),
        config: { "k8s-redis-user-dangerous-commands": { serviceUserCommands: { metrics: ["info", "latency"] } } },
        messages: [],
    },
    {
        title: "the same service user under the default config",
        resources: server(`user default off\nuser metrics on ${APP_PASSWORD} resetkeys -@all +info +latency`),
        messages: [/user "metrics" .* grant 7 dangerous command\(s\): INFO \(through \+info\), LATENCY DOCTOR \(through \+latency\)/],
    },
    {
        title: "an administrator named in the pack config",
        resources: server(`user default off\nuser ops on ${APP_PASSWORD} ~* &* +@all`),
        config: { "k8s-redis-user-dangerous-commands": { adminUserNames: ["ops"] } },
        messages: [],
    },
]);
