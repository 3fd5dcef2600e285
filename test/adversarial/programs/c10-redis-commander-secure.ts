// class: 10 workload recognition, false positive (secure look-alike)
// expect: allow
// why: redis-commander is a web UI (a Redis client) published on 443 through a LoadBalancer; it is not a Redis server, so the Redis exposure and server rules do not apply.
import { publicRedisClient } from "../lib/k8s";

publicRedisClient({ app: "redis-commander" }, "ghcr.io/joeferner/redis-commander:0.9.0");
