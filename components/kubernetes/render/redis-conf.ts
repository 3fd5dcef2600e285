import { POD_BIND, POD_FILES, POD_PATHS } from "../pod-files";

/** What redis.conf depends on; paths come from the pod layout. */
export interface RedisConfOptions {
    port: number;
    maxmemoryBytes: number;
    maxmemoryPolicy: string;
    ioThreads: number;
    requireClientCertificates: boolean;
    /** Also log to syslog, besides stdout. */
    syslog?: { ident: string; facility: string };
    /** `min-replicas-to-write` and `min-replicas-max-lag` (seconds); left at the Redis default (off) when absent. */
    minReplicas?: { toWrite: number; maxLag: number };
}

/** The client limit, rendered explicitly so that connection alerts can use it without CONFIG access. */
export const MAXCLIENTS = 10000;

/** TLS 1.2 suites: forward secret AEAD only, AES-GCM first because CPUs accelerate it. */
export const TLS_CIPHERS = [
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

/** TLS 1.3 suites, AES-128-GCM first: the cheapest per request at equal security for this use. */
export const TLS_CIPHERSUITES = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"].join(":");

const tlsFile = (file: string) => `${POD_PATHS.tls}/${file}`;
const authFile = (file: string) => `${POD_PATHS.auth}/${file}`;

/** The certificate files, client certificates as asked, TLS for outgoing links too, and the TLS versions and suites; shared with sentinel.conf. */
export function tlsDirectives(requireClientCertificates: boolean): string[] {
    return [
        `tls-cert-file ${tlsFile(POD_FILES.certificate)}`,
        `tls-key-file ${tlsFile(POD_FILES.privateKey)}`,
        `tls-ca-cert-file ${tlsFile(POD_FILES.ca)}`,
        `tls-auth-clients ${requireClientCertificates ? "yes" : "no"}`,
        "tls-replication yes",
        'tls-protocols "TLSv1.2 TLSv1.3"',
        `tls-ciphers ${TLS_CIPHERS}`,
        `tls-ciphersuites ${TLS_CIPHERSUITES}`,
        "tls-prefer-server-ciphers yes",
    ];
}

/** The hardened redis.conf shared by the primary and the replicas. It holds no secret. */
export function renderRedisConf(options: RedisConfOptions): string {
    const threads = options.ioThreads > 1 ? [`io-threads ${options.ioThreads}`, "io-threads-do-reads yes"] : ["io-threads 1"];
    return lines(
        "# Rendered by hardened-redis. Credentials come from the included Secret files, never from here.",
        "# masteruser and masterauth, from the Secret. Included first, so that no line of it overrides a setting below.",
        `include ${authFile(POD_FILES.replicationAuth)}`,
        "",
        "# Network: TLS only, no plaintext port.",
        `bind ${POD_BIND}`,
        "protected-mode yes",
        "port 0",
        `tls-port ${options.port}`,
        "tcp-backlog 511",
        "timeout 300",
        "tcp-keepalive 60",
        `maxclients ${MAXCLIENTS}`,
        "",
        "# TLS for clients and replication.",
        ...tlsDirectives(options.requireClientCertificates),
        "tls-session-caching yes",
        "tls-session-cache-size 20480",
        "tls-session-cache-timeout 300",
        "",
        "# Access: users from the ACL file, default user off. No rename-command: ACLs cover every command,",
        "# and the switches below lock what even an admin must not do at run time.",
        `aclfile ${authFile(POD_FILES.acl)}`,
        "acl-pubsub-default resetchannels",
        "acllog-max-len 128",
        "enable-protected-configs no",
        "enable-debug-command no",
        "enable-module-command no",
        "",
        "# Persistence: AOF fsynced every second, plus RDB snapshots.",
        `dir ${POD_PATHS.data}`,
        "appendonly yes",
        'appendfilename "appendonly.aof"',
        'appenddirname "appendonlydir"',
        "appendfsync everysec",
        "no-appendfsync-on-rewrite no",
        "aof-use-rdb-preamble yes",
        "aof-load-truncated yes",
        "save 3600 1 300 100 60 10000",
        "stop-writes-on-bgsave-error yes",
        "rdbcompression yes",
        "rdbchecksum yes",
        "dbfilename dump.rdb",
        "",
        "# Memory: a share of the container limit, with an explicit eviction policy; frees off the main thread.",
        `maxmemory ${options.maxmemoryBytes}`,
        `maxmemory-policy ${options.maxmemoryPolicy}`,
        "lazyfree-lazy-eviction yes",
        "lazyfree-lazy-expire yes",
        "lazyfree-lazy-server-del yes",
        "replica-lazy-flush yes",
        "",
        "# Replication.",
        "replica-read-only yes",
        "repl-diskless-sync yes",
        "repl-timeout 60",
        "repl-backlog-size 32mb",
        "shutdown-timeout 10",
        ...(options.minReplicas
            ? [`min-replicas-to-write ${options.minReplicas.toWrite}`, `min-replicas-max-lag ${options.minReplicas.maxLag}`]
            : []),
        "",
        ...threads,
        "",
        "# Logs to stdout for the cluster's log agent; slow commands and latency spikes recorded.",
        "loglevel notice",
        'logfile ""',
        ...(options.syslog
            ? ["syslog-enabled yes", `syslog-ident ${options.syslog.ident}`, `syslog-facility ${options.syslog.facility}`]
            : []),
        "slowlog-log-slower-than 10000",
        "slowlog-max-len 128",
        "latency-monitor-threshold 100",
    );
}

/** A replica: the shared configuration, following the first pod. */
export function renderReplicaConf(primaryHost: string, port: number): string {
    return lines(
        "# Rendered by hardened-redis: a replica of the first pod, over TLS, as the replication user.",
        `include ${POD_PATHS.config}/${POD_FILES.redisConf}`,
        `replicaof ${primaryHost} ${port}`,
    );
}

/** The Secret include that gives every pod the replication user's credentials. */
export function renderReplicationAuth(user: string, password: string): string {
    return lines(`masteruser ${user}`, `masterauth ${quoteConfigValue(password)}`);
}

/** A double-quoted redis.conf value; quotes, backslashes and control characters become \\xHH escapes. */
export function quoteConfigValue(value: string): string {
    // eslint-disable-next-line no-control-regex -- control characters are what this escapes.
    const escaped = value.replace(/["\\\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
    return `"${escaped}"`;
}

function lines(...content: string[]): string {
    return content.join("\n") + "\n";
}
