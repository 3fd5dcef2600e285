// class: beyond the issue
// expect: deny k8s-redis-*auth*
// gap: Bitnami's ALLOW_EMPTY_PASSWORD environment switch is not modelled: the image's entrypoint writes its own config, which is reported as not judged.
// resource: sessions
// why: the Bitnami image runs with no password at all when ALLOW_EMPTY_PASSWORD=yes (and turns protected mode off for it).
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { containers: [redisContainer({ image: "bitnami/redis:7.2.5", command: undefined, args: undefined, env: [{ name: "ALLOW_EMPTY_PASSWORD", value: "yes" }, { name: "REDIS_TLS_ENABLED", value: "yes" }] })] } });
