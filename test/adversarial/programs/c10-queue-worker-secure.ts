// class: 10 workload recognition, false positive (secure look-alike)
// expect: allow
// why: a worker labelled redis-queue-worker consumes a Redis queue: a client, not a server, and its web port is public by design.
import { publicRedisClient } from "../lib/k8s";

publicRedisClient(
    { app: "redis-queue-worker", "app.kubernetes.io/component": "redis-queue-worker" },
    "registry.example.com/shop/worker:1.4.2",
);
