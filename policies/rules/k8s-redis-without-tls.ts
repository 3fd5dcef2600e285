import { cwe, redisSecurity } from "../lib/controls";
import { numberOf } from "../lib/known-values";
import { redisServersOf, settingsOf } from "../lib/redis-server";
import { stackRule } from "../lib/rule";

/** Redis's defaults: port 6379 open, tls-port 0 (off). */
const REDIS_DEFAULT_PORT = 6379;

export const k8sRedisWithoutTls = stackRule(
    {
        name: "k8s-redis-without-tls",
        description: "Redis servers on Kubernetes must serve TLS only: a tls-port set, and the plaintext port closed with port 0.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            redisSecurity("TLS", "Encrypt client and replication traffic with TLS", "encryption/"),
            cwe(319, "Cleartext Transmission of Sensitive Information"),
        ],
        remediation:
            "In redis.conf set port 0, tls-port 6379 (or another port), tls-cert-file, tls-key-file, tls-ca-cert-file and tls-replication yes, with the " +
            "certificate in a mounted Secret.",
    },
    (stack, report) => {
        for (const { workload, process, where } of redisServersOf(stack)) {
            const tlsPorts = settingsOf(process, "tls-port");
            const ports = settingsOf(process, "port");
            const problems = new Set<string>();
            tlsPorts.forEach((tlsPort, i) => {
                const port = ports[i];
                if (tlsPort !== undefined && "unread" in tlsPort) return;
                const tls = numberOf(tlsPort?.args[0]) ?? 0;
                if (tls === 0)
                    problems.add(
                        `serves no TLS: neither its config nor its command line sets tls-port${tlsPort ? ` (${tlsPort.source} sets 0)` : ""}. Set tls-port and port 0`,
                    );
                else if (port === undefined)
                    problems.add(`serves TLS on ${tls} but keeps plaintext the default port ${REDIS_DEFAULT_PORT} open. Set port 0`);
                else if (!("unread" in port) && numberOf(port.args[0]) !== 0)
                    problems.add(`serves TLS on ${tls} but keeps plaintext port ${port.args[0]} (${port.source}) open. Set port 0`);
            });
            problems.forEach((problem) => report(`${where} ${problem}.`, workload.urn));
        }
    },
);
