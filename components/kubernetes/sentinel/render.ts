import { POD_BIND, POD_FILES, POD_PATHS } from "../pod-files";
import { AclUser, DISABLED_DEFAULT_USER_LINE, aclUserLine } from "../render/acl";
import { quoteConfigValue, tlsDirectives } from "../render/redis-conf";

/** The user sentinels log in as: on the Redis servers to watch and reconfigure them, and on each other. */
export const SENTINEL_USER = "sentinel";

/**
 * What the `sentinel` user may run on the sentinels: the peers' PING, hello messages and
 * down-state votes, and the primary's address for the start scripts. Found by running a full
 * failover with an empty ACL LOG.
 */
export const SENTINEL_PEER_RULES = [
    "resetkeys",
    "resetchannels",
    "&__sentinel__:hello",
    "-@all",
    "+ping",
    "+publish",
    "+client|setname",
    "+sentinel|is-master-down-by-addr",
    "+sentinel|get-master-addr-by-name",
];

/**
 * What a client may ask the sentinels: where the primary and the replicas are, and the failover
 * events (`+switch-master` and the others). Sentinel-aware clients (ioredis, redis-py, go-redis,
 * Lettuce) need no more; they cannot change what the sentinels monitor.
 */
export const SENTINEL_CLIENT_RULES = [
    "resetkeys",
    "resetchannels",
    "&*",
    "-@all",
    "+ping",
    "+role",
    "+client|setname",
    "+sentinel|get-master-addr-by-name",
    "+sentinel|master",
    "+sentinel|masters",
    "+sentinel|replicas",
    "+sentinel|slaves",
    "+sentinel|sentinels",
    "+subscribe",
    "+psubscribe",
    "+unsubscribe",
    "+punsubscribe",
];

/** What redis_exporter reads from a sentinel: INFO and the SENTINEL listings, CKQUORUM included. */
export const SENTINEL_MONITORING_RULES = [
    ...SENTINEL_CLIENT_RULES.filter((rule) => !/subscribe|^&/.test(rule)),
    "+info",
    "+sentinel|ckquorum",
];

/** Admins may also run a manual failover or reset; the rest of Sentinel's commands hold no data. */
export const SENTINEL_ADMIN_RULES = ["resetkeys", "resetchannels", "&*", "+@all"];

/** The network addresses the start scripts work with, as `host:port` (rendered, so tests can relocate them). */
export interface SentinelTopology {
    /** The master name clients ask the sentinels for. */
    masterName: string;
    /** This pod's own address, from its StatefulSet hostname. */
    selfHost: string;
    selfPort: number;
    /** Every sentinel, `host:port`. */
    sentinels: string[];
    /** Every Redis pod, `host:port`. */
    redisPods: string[];
    /** The first pod, the primary of a new deployment. */
    initialPrimary: string;
}

export interface SentinelConfOptions {
    port: number;
    requireClientCertificates: boolean;
    masterName: string;
    downAfterMilliseconds: number;
    failoverTimeout: number;
    parallelSyncs: number;
}

const tlsFile = (file: string) => `${POD_PATHS.tls}/${file}`;

/** The sentinels' settings: TLS only, hostnames announced and resolved, no secret. The monitor line is added at start. */
export function renderSentinelConf(options: SentinelConfOptions): string {
    return lines(
        "# Rendered by hardened-redis. Users and passwords come from the sentinel Secret, never from here.",
        `bind ${POD_BIND}`,
        "protected-mode yes",
        "port 0",
        `tls-port ${options.port}`,
        "# TLS for clients; tls-replication makes Sentinel reach the servers and the other sentinels over TLS too.",
        ...tlsDirectives(options.requireClientCertificates),
        `dir ${POD_PATHS.sentinel}`,
        'logfile ""',
        "loglevel notice",
        "acllog-max-len 128",
        "# Pods move: addresses are the headless Service's names, resolved on every connection.",
        "sentinel resolve-hostnames yes",
        "sentinel announce-hostnames yes",
        "# No run-time SENTINEL SET of scripts: notification and reconfig scripts stay off.",
        "sentinel deny-scripts-reconfig yes",
    );
}

/** The settings of the monitored primary; they must follow its `sentinel monitor` line. */
export function renderSentinelMasterConf(options: SentinelConfOptions): string {
    const m = options.masterName;
    return lines(
        `sentinel down-after-milliseconds ${m} ${options.downAfterMilliseconds}`,
        `sentinel failover-timeout ${m} ${options.failoverTimeout}`,
        `sentinel parallel-syncs ${m} ${options.parallelSyncs}`,
        `sentinel auth-user ${m} ${SENTINEL_USER}`,
    );
}

/** The sentinel Secret's include: the sentinels' ACL (default off) and the password they present to the servers and to each other. */
export function renderSentinelAuth(masterName: string, sentinelPassword: string, users: readonly AclUser[]): string {
    return lines(
        DISABLED_DEFAULT_USER_LINE,
        ...users.map(aclUserLine),
        `sentinel auth-pass ${masterName} ${quoteConfigValue(sentinelPassword)}`,
        `sentinel sentinel-user ${SENTINEL_USER}`,
        `sentinel sentinel-pass ${quoteConfigValue(sentinelPassword)}`,
    );
}

/**
 * Shell that sets `primary_host` and `primary_port` to the current primary: what the first sentinel
 * that answers says, else the Redis pod that reports the primary role, else the first pod (a new
 * deployment). A restarted pod so never comes back as a second primary. It logs in as the sentinel
 * user, its password read from a file into REDISCLI_AUTH, so no secret is on a command line.
 */
function findPrimaryScript(topology: SentinelTopology, authDir: string): string[] {
    const tls = `--tls --cacert ${tlsFile(POD_FILES.ca)} --cert ${tlsFile(POD_FILES.certificate)} --key ${tlsFile(POD_FILES.privateKey)}`;
    return [
        "set -eu",
        `self_host="${topology.selfHost}"`,
        `self_port=${topology.selfPort}`,
        `sentinels="${topology.sentinels.join(" ")}"`,
        `redis_pods="${topology.redisPods.join(" ")}"`,
        `initial_primary="${topology.initialPrimary}"`,
        `REDISCLI_AUTH="$(cat ${authDir}/${POD_FILES.sentinelPassword})"`,
        'VALKEYCLI_AUTH="$REDISCLI_AUTH"',
        "export REDISCLI_AUTH VALKEYCLI_AUTH",
        'cli="$(command -v redis-cli || command -v valkey-cli)"',
        `ask() { address="$1"; shift; timeout 5 "$cli" ${tls} -h "\${address%:*}" -p "\${address##*:}" --user ${SENTINEL_USER} --no-auth-warning "$@" 2>/dev/null || true; }`,
        "primary=",
        "for sentinel in $sentinels; do",
        '  [ "$sentinel" = "$self_host:$self_port" ] && continue',
        `  set -- $(ask "$sentinel" SENTINEL get-master-addr-by-name ${topology.masterName})`,
        '  if [ $# -eq 2 ] && [ "$2" -gt 0 ] 2>/dev/null; then primary="$1 $2"; break; fi',
        "done",
        'if [ -z "$primary" ]; then',
        "  for pod in $redis_pods; do",
        '    [ "$pod" = "$self_host:$self_port" ] && continue',
        `    if ask "$pod" INFO replication | grep -q '^role:master'; then primary="\${pod%:*} \${pod##*:}"; break; fi`,
        "  done",
        "fi",
        "set -- ${primary:-${initial_primary%:*} ${initial_primary##*:}}",
        'primary_host="$1" primary_port="$2"',
        'echo "current primary: $primary_host:$primary_port"',
    ];
}

/** A Redis pod under Sentinel: a replica of the current primary unless it is the primary itself, announcing its stable name. */
export function renderSentinelRedisStartScript(topology: SentinelTopology): string {
    return [
        ...findPrimaryScript(topology, POD_PATHS.auth),
        'server="$(command -v redis-server || command -v valkey-server)"',
        'if [ "$primary_host:$primary_port" = "$self_host:$self_port" ]; then',
        `  exec "$server" "${POD_PATHS.config}/${POD_FILES.redisConf}" --replica-announce-ip "$self_host"`,
        "fi",
        `exec "$server" "${POD_PATHS.config}/${POD_FILES.redisConf}" --replica-announce-ip "$self_host" --replicaof "$primary_host" "$primary_port"`,
    ].join("\n");
}

/** A sentinel: its configuration assembled in the emptyDir (Sentinel rewrites it), monitoring the current primary. */
export function renderSentinelStartScript(topology: SentinelTopology, quorum: number): string {
    const conf = `${POD_PATHS.sentinel}/${POD_FILES.sentinelConf}`;
    return [
        ...findPrimaryScript(topology, POD_PATHS.auth),
        "umask 077",
        "{",
        `  cat ${POD_PATHS.config}/${POD_FILES.sentinelConf}`,
        '  echo "sentinel announce-ip $self_host"',
        `  echo "sentinel monitor ${topology.masterName} $primary_host $primary_port ${quorum}"`,
        `  cat ${POD_PATHS.config}/${POD_FILES.sentinelMasterConf} ${POD_PATHS.auth}/${POD_FILES.sentinelAuth}`,
        `} > ${conf}`,
        'server="$(command -v redis-sentinel || command -v valkey-sentinel)"',
        `exec "$server" ${conf}`,
    ].join("\n");
}

function lines(...content: string[]): string {
    return content.join("\n") + "\n";
}

/** The addresses the Redis pods' and the sentinels' start scripts use, from the StatefulSets' stable names. */
export function sentinelTopologies(options: {
    masterName: string;
    namespace: string;
    clusterDomain: string;
    headlessService: string;
    sentinelHeadlessService: string;
    sentinelStatefulSet: string;
    podHosts: string[];
    port: number;
    sentinelPort: number;
    sentinelCount: number;
}) {
    const host = (pod: string, service: string) => `${pod}.${service}.${options.namespace}.svc.${options.clusterDomain}`;
    const shared = {
        masterName: options.masterName,
        sentinels: Array.from(
            { length: options.sentinelCount },
            (_, i) => `${host(`${options.sentinelStatefulSet}-${i}`, options.sentinelHeadlessService)}:${options.sentinelPort}`,
        ),
        redisPods: options.podHosts.map((pod) => `${pod}:${options.port}`),
        initialPrimary: `${options.podHosts[0]}:${options.port}`,
    };
    return {
        redis: { ...shared, selfHost: host("$HOSTNAME", options.headlessService), selfPort: options.port },
        sentinel: { ...shared, selfHost: host("$HOSTNAME", options.sentinelHeadlessService), selfPort: options.sentinelPort },
    };
}
