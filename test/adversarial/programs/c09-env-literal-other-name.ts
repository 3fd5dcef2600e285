// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-pod-spec
// resource: sessions
// why: REDISCLI_AUTH is the password redis-cli sends; a literal value in the pod spec is readable by anyone who can
//      read the StatefulSet.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { containers: [redisContainer({ env: [{ name: "REDISCLI_AUTH", value: "Tr0ub4dor-3-sessions" }] })] } });
