import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ObjectNames } from "./object-names";
import { REDIS_PORT_NAME } from "./render/pod-spec";

export interface RedisServicesResourceArgs {
    names: ObjectNames;
    metadata: (objectName: string) => k8s.types.input.meta.v1.ObjectMeta;
    podLabels: Record<string, string>;
    port: number;
    /** With Sentinel any pod may be the primary, so there is no primary Service. */
    sentinel: boolean;
}

/**
 * The Redis pods' Services: the headless one behind the StatefulSet's pod names, the reader's over every
 * ready pod, and without Sentinel the primary's, on pod 0. Returns the headless Service.
 */
export function createRedisServices(name: string, args: RedisServicesResourceArgs, parent: pulumi.Resource): k8s.core.v1.Service {
    const { names, metadata, podLabels } = args;
    const opt = { parent };
    const ports = [{ name: REDIS_PORT_NAME, port: args.port, targetPort: REDIS_PORT_NAME, protocol: "TCP" }];
    const headless = new k8s.core.v1.Service(
        `${name}-headless`,
        // Not-ready addresses resolve too, so that replicas find a primary that is still loading.
        {
            metadata: metadata(names.headlessService),
            spec: { clusterIP: "None", publishNotReadyAddresses: true, selector: podLabels, ports },
        },
        opt,
    );
    if (!args.sentinel) {
        // Without Sentinel pod 0 is always the primary. With it any pod may be, and a Service that
        // follows the primary would need a controller with RBAC to relabel pods: clients ask the sentinels.
        const primaryPod = { ...podLabels, "statefulset.kubernetes.io/pod-name": `${names.statefulSet}-0` };
        new k8s.core.v1.Service(
            `${name}-primary`,
            { metadata: metadata(names.primaryService), spec: { type: "ClusterIP", selector: primaryPod, ports } },
            opt,
        );
    }
    new k8s.core.v1.Service(
        `${name}-read`,
        { metadata: metadata(names.readerService), spec: { type: "ClusterIP", selector: podLabels, ports } },
        opt,
    );
    return headless;
}
