// class: 5 NetworkPolicy semantics
// expect: deny k8s-redis-without-network-policy
// resource: sessions
// why: a NetworkPolicy selects pods of its own namespace only; this one sits in "default", so the Redis pods in
//      "cache" are not isolated.
import { clientOnlyPolicy, secureRedis } from "../lib/k8s";

secureRedis("sessions", { noNetworkPolicy: true });
clientOnlyPolicy("sessions-elsewhere", "default");
