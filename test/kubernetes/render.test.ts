import * as fs from "node:fs";
import * as path from "node:path";
import { INTERNAL_USERS, aclUserLine, passwordHash, renderAclFile } from "../../components/kubernetes/render/acl";
import { redisAffinity, renderStartScript } from "../../components/kubernetes/render/pod-spec";
import { quoteConfigValue, renderRedisConf, renderReplicaConf, renderReplicationAuth } from "../../components/kubernetes/render/redis-conf";
import { cpuMillicores, memoryBytes } from "../../components/kubernetes/quantity";
import { roleRules } from "../../components/shared/access";
import { TempDirs, runScript } from "../../lab/redis-process";

const OPTIONS = { port: 6379, maxmemoryBytes: 751619276, maxmemoryPolicy: "volatile-lru", ioThreads: 1, requireClientCertificates: false };

/** Each directive of a redis.conf with its value, refusing any directive set twice. */
function directives(conf: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const line of conf.split("\n").filter((l) => l && !l.startsWith("#"))) {
        const [name, ...value] = line.split(" ");
        if (name in result) throw new Error(`${name} is set twice`);
        result[name] = value.join(" ");
    }
    return result;
}

describe("renderRedisConf", () => {
    const conf = directives(renderRedisConf(OPTIONS));

    it("listens on TLS only, in protected mode, with timeouts and keepalive", () => {
        expect(conf).toMatchObject({
            bind: "* -::*",
            "protected-mode": "yes",
            port: "0",
            "tls-port": "6379",
            timeout: "300",
            "tcp-keepalive": "60",
            maxclients: "10000",
        });
    });

    it("replicates over TLS with modern protocols and AEAD ciphers, and caches sessions", () => {
        expect(conf).toMatchObject({
            "tls-replication": "yes",
            "tls-auth-clients": "no",
            "tls-protocols": '"TLSv1.2 TLSv1.3"',
            "tls-ciphersuites": "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
            "tls-prefer-server-ciphers": "yes",
            "tls-session-caching": "yes",
        });
        expect(
            conf["tls-ciphers"]
                .split(":")
                .every((suite) => /^ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/.test(suite)),
        ).toBe(true);
        expect(directives(renderRedisConf({ ...OPTIONS, requireClientCertificates: true }))["tls-auth-clients"]).toBe("yes");
    });

    it("takes users from the ACL file and locks debugging, modules and protected settings", () => {
        expect(conf).toMatchObject({
            aclfile: "/etc/redis/auth/users.acl",
            "enable-debug-command": "no",
            "enable-module-command": "no",
            "enable-protected-configs": "no",
        });
        expect(conf.requirepass).toBeUndefined();
        expect(conf.masterauth).toBeUndefined();
        expect(conf["rename-command"]).toBeUndefined();
    });

    it("persists with AOF every second and RDB snapshots", () => {
        expect(conf).toMatchObject({
            dir: "/data",
            appendonly: "yes",
            appendfsync: "everysec",
            "aof-use-rdb-preamble": "yes",
            save: "3600 1 300 100 60 10000",
            "stop-writes-on-bgsave-error": "yes",
        });
    });

    it("bounds memory with an explicit eviction policy", () => {
        expect(conf).toMatchObject({ maxmemory: "751619276", "maxmemory-policy": "volatile-lru" });
        expect(directives(renderRedisConf({ ...OPTIONS, maxmemoryPolicy: "noeviction" }))["maxmemory-policy"]).toBe("noeviction");
    });

    it("turns on threaded reads only with more than one I/O thread", () => {
        expect(conf["io-threads"]).toBe("1");
        expect(conf["io-threads-do-reads"]).toBeUndefined();
        expect(directives(renderRedisConf({ ...OPTIONS, ioThreads: 4 }))).toMatchObject({
            "io-threads": "4",
            "io-threads-do-reads": "yes",
        });
    });

    it("logs to stdout and includes the replication credentials from the Secret first, so that they cannot override a setting", () => {
        expect(conf.logfile).toBe('""');
        expect(
            renderRedisConf(OPTIONS)
                .split("\n")
                .filter((line) => !line.startsWith("#"))[0],
        ).toBe("include /etc/redis/auth/replication.conf");
    });
});

describe("replica configuration", () => {
    it("includes the shared file and follows the primary pod", () => {
        expect(directives(renderReplicaConf("r-0.r-headless.ns.svc.cluster.local", 7000))).toEqual({
            include: "/etc/redis/conf/redis.conf",
            replicaof: "r-0.r-headless.ns.svc.cluster.local 7000",
        });
    });

    it("renders the replication credentials with the password quoted", () => {
        expect(renderReplicationAuth("replication", "Abc123")).toBe('masteruser replication\nmasterauth "Abc123"\n');
    });

    it.each([
        ["plain", "Abc123", '"Abc123"'],
        ["a double quote", 'a"b', '"a\\x22b"'],
        ["a backslash", "a\\b", '"a\\x5cb"'],
        ["a newline", "a\nrequirepass x", '"a\\x0arequirepass x"'],
        ["symbols", "!#$ &", '"!#$ &"'],
    ])("quotes a config value with %s", (_, value, quoted) => {
        expect(quoteConfigValue(value)).toBe(quoted);
    });
});

describe("ACL file", () => {
    it("stores the SHA-256 of a password, never the password", () => {
        expect(passwordHash("secret")).toBe("#2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b");
        expect(aclUserLine({ name: "app", rules: roleRules("readonly"), password: "secret" })).toBe(
            "user app on #2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b ~* &* -@all +@read +@connection -@dangerous",
        );
    });

    it("starts with the default user switched off, without passwords or permissions", () => {
        const file = renderAclFile([{ name: "app", rules: ["~*"], password: "x" }]);
        expect(file.split("\n")[0]).toBe("user default off resetkeys resetchannels -@all");
        expect(file.endsWith("\n")).toBe(true);
        expect(file).not.toMatch(/nopass|>x/);
    });

    it("gives internal users no keys, no channels but Sentinel's hello channel, and only their own commands", () => {
        expect(INTERNAL_USERS.replication).toEqual(["resetkeys", "resetchannels", "-@all", "+psync", "+replconf"]);
        for (const rules of Object.values(INTERNAL_USERS)) {
            expect(rules.slice(0, 3)).toEqual(["resetkeys", "resetchannels", "-@all"]);
            // Sentinel's only channel is its hello channel.
            expect(rules.slice(3).every((rule) => /^\+[a-z]+(\|[a-z]+)?$/.test(rule) || rule === "&__sentinel__:hello")).toBe(true);
            expect(rules).not.toContain("+config|get");
        }
    });
});

describe("start script", () => {
    const temp = new TempDirs();
    afterAll(() => temp.removeAll());

    it.each([
        ["redis-0", "redis.conf"],
        ["redis-1", "replica.conf"],
        ["redis-10", "replica.conf"],
        ["orders-cache-0", "redis.conf"],
        ["orders-cache-20", "replica.conf"],
    ])("starts pod %s with %s", (hostname, conf) => {
        const bin = temp.make("bin");
        fs.writeFileSync(path.join(bin, "redis-server"), '#!/bin/sh\necho "$@"\n', { mode: 0o755 });
        expect(runScript(renderStartScript(), { HOSTNAME: hostname, PATH: `${bin}:${process.env.PATH}` })).toEqual({
            status: 0,
            output: `/etc/redis/conf/${conf}\n`,
        });
    });
});

describe("anti-affinity", () => {
    const labels = { app: "redis" };
    it("requires separate nodes and prefers or requires separate zones", () => {
        const term = (topologyKey: string) => ({ labelSelector: { matchLabels: labels }, topologyKey });
        expect(redisAffinity(labels, "required").podAntiAffinity).toEqual({
            requiredDuringSchedulingIgnoredDuringExecution: [term("kubernetes.io/hostname"), term("topology.kubernetes.io/zone")],
            preferredDuringSchedulingIgnoredDuringExecution: [],
        });
        expect(redisAffinity(labels, "preferred").podAntiAffinity).toEqual({
            requiredDuringSchedulingIgnoredDuringExecution: [term("kubernetes.io/hostname")],
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term("topology.kubernetes.io/zone") }],
        });
    });
});

describe("quantities", () => {
    it.each([
        ["1Gi", 2 ** 30],
        ["512Mi", 512 * 2 ** 20],
        ["2G", 2e9],
        ["1000", 1000],
        ["1.5Gi", undefined],
        ["1GB", undefined],
    ])("reads memory %s as %s bytes", (quantity, bytes) => {
        expect(memoryBytes(quantity)).toBe(bytes);
    });

    it.each([
        ["500m", 500],
        ["1", 1000],
        ["1.5", 1500],
        ["0.25", 250],
        ["1.2345", undefined],
        ["two", undefined],
    ])("reads CPU %s as %s millicores", (quantity, millicores) => {
        expect(cpuMillicores(quantity)).toBe(millicores);
    });
});
