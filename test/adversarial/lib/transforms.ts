// Transforms that weaken what a component creates, for programs that try them through each of Pulumi's
// transform mechanisms: the `transformations` and `transforms` resource options and the stack-wide ones.
import * as pulumi from "@pulumi/pulumi";

const REDIS_CONF = '"/etc/redis/conf/redis.conf"';

/**
 * In KubernetesRedis's server StatefulSet, `--protected-mode no` after the config file on every
 * `redis-server` line of the container's start script (the arguments after a script are not the server's).
 */
export function protectedModeOff(args: { type: string; props: Record<string, any>; opts: pulumi.ResourceOptions }) {
    if (args.type !== "kubernetes:apps/v1:StatefulSet") return undefined;
    const { template } = args.props.spec;
    const containers = template.spec.containers.map((c: any) =>
        c.name === "redis"
            ? { ...c, command: c.command.map((word: string) => word.replaceAll(REDIS_CONF, `${REDIS_CONF} --protected-mode no`)) }
            : c,
    );
    return {
        props: { ...args.props, spec: { ...args.props.spec, template: { ...template, spec: { ...template.spec, containers } } } },
        opts: args.opts,
    };
}

/** On every ElastiCache replication group, encryption at rest off. */
export function atRestEncryptionOff(args: { type: string; props: Record<string, any>; opts: pulumi.ResourceOptions }) {
    return args.type === "aws:elasticache/replicationGroup:ReplicationGroup"
        ? { props: { ...args.props, atRestEncryptionEnabled: false }, opts: args.opts }
        : undefined;
}
