import { redisSecurity } from "../lib/controls";
import { redisServersOf, settingsOf } from "../lib/redis-server";
import { stackRule } from "../lib/rule";

export const k8sRedisProtectedModeOff = stackRule(
    {
        name: "k8s-redis-protected-mode-off",
        description:
            "Redis servers must keep protected-mode on (its default), which refuses outside clients whenever no password or bind address is set.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [redisSecurity("Protected mode", "Keep protected mode enabled", "#protected-mode")],
        remediation:
            'Remove "protected-mode no" from redis.conf and the command line (or set "protected-mode yes"), and bind Redis to the pod interface with ACL users instead.',
    },
    (stack, report) => {
        for (const { workload, process, where } of redisServersOf(stack)) {
            // Redis reads the value case-insensitively and refuses to start on anything but yes or no.
            const off = settingsOf(process, "protected-mode").find(
                (d) => d !== undefined && "name" in d && d.args[0].toLowerCase() === "no",
            );
            if (off && "name" in off) {
                report(`${where} turns protected-mode off (${off.source}). Set protected-mode yes.`, workload.urn);
            }
        }
    },
);
