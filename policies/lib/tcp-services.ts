import { CONFIG_MAP, metadataNameOf } from "./kubernetes";
import { HELM_TYPES } from "./helm";
import { isUnknown, objectOf, stringOf } from "./known-values";
import { StackResourceView } from "./rule";

/**
 * TCP services published by ingress-nginx (https://kubernetes.github.io/ingress-nginx/user-guide/exposing-tcp-udp-services/):
 * each entry of the ConfigMap named by `--tcp-services-configmap` (the chart's `tcp` value) maps a port
 * of the controller's public Service to `<namespace>/<service>:<port>[:PROXY][:PROXY]`.
 */
export interface PublishedTcpService {
    /** The ConfigMap or Helm release that holds the entry. */
    source: StackResourceView;
    externalPort: string;
    namespace: string;
    service: string;
    port: string;
}

const ENTRY = /^([a-z0-9-]+)\/([a-z0-9-.]+):([a-z0-9-]+)(:PROXY)?(:PROXY)?$/i;

function entriesOf(source: StackResourceView, data: unknown): PublishedTcpService[] {
    return Object.entries(objectOf(data)).flatMap(([externalPort, value]) => {
        const match = ENTRY.exec(isUnknown(value) ? "" : (stringOf(value) ?? ""));
        return match ? [{ source, externalPort, namespace: match[1], service: match[2], port: match[3] }] : [];
    });
}

/** Every TCP service the stack publishes through ingress-nginx: `tcp-services` ConfigMaps and the ingress-nginx chart's `tcp` value. */
export function publishedTcpServices(stack: StackResourceView[]): PublishedTcpService[] {
    const configMaps = stack
        .filter((r) => r.type === CONFIG_MAP && /tcp/i.test(metadataNameOf(r) ?? r.name))
        .flatMap((r) => entriesOf(r, r.props.data));
    const releases = stack
        .filter((r) => HELM_TYPES.includes(r.type) && /ingress-nginx/i.test(stringOf(r.props.chart) ?? ""))
        .flatMap((r) => entriesOf(r, objectOf(r.props.values).tcp));
    return [...configMaps, ...releases];
}
