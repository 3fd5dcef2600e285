// class: beyond the issue
// expect: deny k8s-redis-service-account-token-mounted
// resource: sessions
// why: automountServiceAccountToken unset on the pod and no ServiceAccount in the program says false: the token is
//      mounted into the Redis container.
import { redisPodSpec, secureRedis } from "../lib/k8s";

const { automountServiceAccountToken: _unset, ...spec } = redisPodSpec("sessions");
secureRedis("sessions", { podSpec: { ...spec, automountServiceAccountToken: undefined } });
