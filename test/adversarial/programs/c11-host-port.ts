// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: a hostPort publishes Redis on every node's address.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { containers: [redisContainer({ ports: [{ containerPort: 6379, hostPort: 6379 }] })] } });
