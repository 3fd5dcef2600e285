import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ConnectionSecret, SecretStringData } from "../shared/connection-secret";

export interface CredentialsResourceArgs {
    namespace: string;
    labels: Record<string, string>;
    primaryHost: string;
    readerHost: string;
    port: number;
    /** The CA that signs the server certificate, when it is known here. */
    caCertificate?: pulumi.Output<string>;
    /** With Sentinel: its port and master name; `primaryHost` is then the sentinels' Service. */
    sentinel?: { port: number; masterName: string };
}

/** One user's connection details in a Kubernetes Secret of its own; its whole content stays a Pulumi secret. */
export function storeCredentials(
    resourceName: string,
    secretName: string,
    user: string,
    password: pulumi.Output<string>,
    args: CredentialsResourceArgs,
    parent: pulumi.Resource,
): k8s.core.v1.Secret {
    const content: pulumi.Output<SecretStringData<ConnectionSecret>> = pulumi
        .all([password, args.caCertificate])
        .apply(([secretPassword, ca]) => ({
            username: user,
            password: secretPassword,
            host: args.primaryHost,
            readerHost: args.readerHost,
            port: String(args.port),
            tls: "true" as const,
            ...(args.sentinel
                ? { sentinelHost: args.primaryHost, sentinelPort: String(args.sentinel.port), sentinelMasterName: args.sentinel.masterName }
                : {}),
            ...(ca === undefined ? {} : { "ca.crt": ca }),
        }));
    return new k8s.core.v1.Secret(
        resourceName,
        {
            metadata: { name: secretName, namespace: args.namespace, labels: args.labels },
            type: "Opaque",
            stringData: pulumi.secret(content.apply((value): Record<string, string> => ({ ...value }))),
        },
        { parent },
    );
}
