// class: beyond the issue
// expect: deny k8s-redis-password-in-pod-spec
// resource: sessions
// why: REDIS_URL is not a password-named variable, but its literal value carries user:password.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [redisContainer({ env: [{ name: "REDIS_URL", value: "rediss://app:Tr0ub4dor-3-sessions@localhost:6379/0" }] })],
    },
});
