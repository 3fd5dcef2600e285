// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: the kubelet expands $(PROTECTED) from env before redis-server starts: --protected-mode no.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                env: [{ name: "PROTECTED", value: "no" }],
                args: ["/etc/redis/redis.conf", "--protected-mode", "$(PROTECTED)"],
            }),
        ],
    },
});
