import { cwe, redisSecurity } from "../lib/controls";
import { containersOf, isRedisWorkload, podTemplateOf, runsRedisServer } from "../lib/kubernetes";
import { numberOf } from "../lib/read";
import { serverConfigOf } from "../lib/redis-server";
import { stackRule } from "../lib/rule";

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
        for (const workload of stack.resources.filter(isRedisWorkload)) {
            for (const view of containersOf(podTemplateOf(workload).spec, ["containers"]).filter((c) => runsRedisServer(c.container))) {
                const { directives, complete } = serverConfigOf(stack, workload, view);
                const tlsPort = numberOf(directives.get("tls-port")?.args[0]) ?? 0;
                const port = directives.get("port");
                const where = `Redis workload "${workload.name}" container "${view.name}"`;
                if (tlsPort === 0) {
                    if (complete) report(`${where} serves no TLS: neither its config nor its command line sets tls-port. Set tls-port and port 0.`, workload.urn);
                } else if (port ? numberOf(port.args[0]) !== 0 : complete) {
                    const open = port ? `port ${port.args[0]} (${port.source})` : `the default port ${REDIS_DEFAULT_PORT}`;
                    report(`${where} serves TLS on ${tlsPort} but keeps plaintext ${open} open. Set port 0.`, workload.urn);
                }
            }
        }
    },
);
