/** Where things live inside a Redis pod: its directories and files, the addresses it binds, the user it runs as. */

/** Directories in the Redis container. Tests relocate exactly these to run the rendered files for real. */
export const POD_PATHS = {
    /** redis.conf and replica.conf, from a ConfigMap: no secrets. */
    config: "/etc/redis/conf",
    /** The ACL file, the replication credentials include and the probe password, from a Secret. */
    auth: "/etc/redis/auth",
    /** tls.crt, tls.key and ca.crt, from the TLS Secret. */
    tls: "/etc/redis/tls",
    /** The persistent volume: AOF and RDB files. */
    data: "/data",
    /** A sentinel's own configuration, assembled at start in an emptyDir: Sentinel rewrites it as it learns. */
    sentinel: "/var/lib/redis-sentinel",
} as const;

/** Files within those directories. */
export const POD_FILES = {
    redisConf: "redis.conf",
    replicaConf: "replica.conf",
    acl: "users.acl",
    replicationAuth: "replication.conf",
    monitoringPassword: "monitoring-password",
    /** The sentinels' settings, from the ConfigMap; the monitor line is added at start. */
    sentinelConf: "sentinel.conf",
    sentinelMasterConf: "sentinel-master.conf",
    /** The sentinels' ACL users and the passwords they present, from the sentinel Secret. */
    sentinelAuth: "sentinel-auth.conf",
    /** The `sentinel` user's password, with which start scripts ask where the primary is. */
    sentinelPassword: "sentinel-password",
    certificate: "tls.crt",
    privateKey: "tls.key",
    ca: "ca.crt",
} as const;

/** Every address in the pod, IPv6 where the pod has it. */
export const POD_BIND = "* -::*";

/** The uid and gid Redis runs as: not root, and above the range of host system users. */
export const REDIS_UID = 10001;
