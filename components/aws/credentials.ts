import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CredentialedUser } from "./rbac";
import { ConnectionSecret } from "../shared/connection-secret";
import { argNames } from "../shared/validation";

export interface CredentialsResourceArgs {
    replicationGroupId: string;
    kmsKeyArn: pulumi.Input<string>;
    primaryEndpoint: pulumi.Input<string>;
    readerEndpoint: pulumi.Input<string>;
    /** The configuration endpoint of a cluster-mode group; clients then connect there, cluster-aware. */
    configurationEndpoint?: pulumi.Input<string>;
    /** Clients need cluster support. Default: whether there is a configuration endpoint. */
    cluster?: boolean;
    port: pulumi.Input<number>;
    tags: pulumi.Input<Record<string, string>>;
    region?: pulumi.Input<string>;
    /** Read replicas of each secret in other regions, so that clients there read it locally. */
    replicas?: SecretReplicaArgs[];
}

/** A read replica of a credentials secret in another region. */
export interface SecretReplicaArgs {
    /** The replica's region. */
    region: string;
    /** A KMS key in that region; without it Secrets Manager's AWS-managed key is used. */
    kmsKeyArn?: pulumi.Input<string>;
}

export const SECRET_REPLICA_ARG_NAMES = argNames<SecretReplicaArgs>()(["region", "kmsKeyArn"]);

/** One Secrets Manager secret per user, encrypted with the cache's key; the value stays a Pulumi secret. */
export function storeCredentials(
    name: string,
    users: Pick<CredentialedUser, "spec" | "password">[],
    args: CredentialsResourceArgs,
    parent: pulumi.Resource,
): Record<string, aws.secretsmanager.Secret> {
    const opts = { parent };
    return Object.fromEntries(
        users.map(({ spec, password }) => {
            const secret = new aws.secretsmanager.Secret(
                `${name}-${spec.name}-credentials`,
                {
                    description: `Redis credentials of user ${spec.name} on ${args.replicationGroupId}`,
                    kmsKeyId: args.kmsKeyArn,
                    recoveryWindowInDays: 30,
                    replicas: args.replicas?.map((replica) => ({ region: replica.region, kmsKeyId: replica.kmsKeyArn })),
                    region: args.region,
                    tags: args.tags,
                },
                opts,
            );
            const configuration = args.configurationEndpoint;
            const value: pulumi.Output<ConnectionSecret & Required<Pick<ConnectionSecret, "cluster">>> = pulumi.output({
                username: spec.name,
                password,
                host: configuration ?? args.primaryEndpoint,
                readerHost: configuration ?? args.readerEndpoint,
                port: args.port,
                tls: true as const,
                cluster: args.cluster ?? configuration !== undefined,
                ...(configuration === undefined ? {} : { configurationEndpoint: configuration }),
            });
            new aws.secretsmanager.SecretVersion(
                `${name}-${spec.name}-credentials`,
                { secretId: secret.id, secretString: pulumi.secret(value.apply((v) => JSON.stringify(v))), region: args.region },
                opts,
            );
            return [spec.name, secret];
        }),
    );
}
