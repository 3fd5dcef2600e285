// class: beyond the issue
// expect: deny k8s-redis-password-in-pod-spec
// gap: a password on a probe's redis-cli command line is looked for only in exec probes of recognised servers.
// resource: sessions
// why: the readiness probe pipes AUTH app <password> into redis-cli: the password is in the pod spec and on the node's process list.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { containers: [redisContainer({ readinessProbe: { exec: { command: ["sh", "-c", "printf 'AUTH app Tr0ub4dor-3-sessions\\r\\nPING\\r\\n' | redis-cli --tls --cacert /etc/redis/tls/ca.crt"] } } })] } });
