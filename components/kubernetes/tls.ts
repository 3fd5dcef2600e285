import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { sha256 } from "./checksum";
import { ObjectNames } from "./object-names";

export interface TlsResourceArgs {
    base: string;
    namespace: string;
    clusterDomain: string;
    names: ObjectNames;
    labels: Record<string, string>;
    /** The certificate also names the sentinels' Services, which share it. */
    sentinel?: boolean;
    /** Sign with this cert-manager issuer instead of a CA generated here. */
    issuer?: { name: string; kind: string; group: string };
}

/** Certificates for the server and, with mTLS, for clients. */
export interface Tls {
    /** What provides the server's TLS Secret: the Secret itself, or the cert-manager Certificate. */
    serverTls: pulumi.Resource;
    /** The PEM of the generated CA; unknown to Pulumi when cert-manager signs. */
    caCertificate?: pulumi.Output<string>;
    /** Changes with the server certificate, so that pods restart onto a new one; unknown with cert-manager. */
    serverCertificateChecksum?: pulumi.Output<string>;
    /** Issues a client certificate for `user` into the Secret `secretName` (tls.crt, tls.key, ca.crt). */
    issueClientCertificate(user: string, secretName: string): void;
}

const SERVER_VALIDITY_HOURS = 365 * 24;
const CA_VALIDITY_HOURS = 10 * 365 * 24;
/** Renewed by the first `pulumi up` (or by cert-manager) in the last 30 days. */
const RENEW_BEFORE_HOURS = 30 * 24;

/** Every name clients and replicas reach the pods by: the services and each pod behind the headless service. */
export function serverDnsNames(args: Pick<TlsResourceArgs, "namespace" | "clusterDomain" | "names" | "sentinel">): string[] {
    const { namespace, clusterDomain, names } = args;
    const service = (host: string) => [`${host}.${namespace}.svc.${clusterDomain}`, `${host}.${namespace}.svc`];
    const sentinels = args.sentinel ? [...service(names.sentinelService), ...service(`*.${names.sentinelHeadlessService}`)] : [];
    return [
        ...service(names.primaryService),
        ...service(names.readerService),
        ...service(`*.${names.headlessService}`),
        ...sentinels,
        "localhost",
    ];
}

export function createTls(name: string, args: TlsResourceArgs, parent: pulumi.Resource): Tls {
    return args.issuer ? certManagerTls(name, { ...args, issuer: args.issuer }, parent) : generatedTls(name, args, parent);
}

function ecdsaKey(name: string, parent: pulumi.Resource): tls.PrivateKey {
    return new tls.PrivateKey(name, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent });
}

function generatedTls(name: string, args: TlsResourceArgs, parent: pulumi.Resource): Tls {
    const opts = { parent };
    const caKey = ecdsaKey(`${name}-ca-key`, parent);
    const ca = new tls.SelfSignedCert(
        `${name}-ca`,
        {
            privateKeyPem: caKey.privateKeyPem,
            subject: { commonName: `${args.base} Redis CA`, organizationalUnit: args.namespace, organization: "hardened-redis" },
            isCaCertificate: true,
            validityPeriodHours: CA_VALIDITY_HOURS,
            earlyRenewalHours: RENEW_BEFORE_HOURS,
            allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
        },
        opts,
    );
    const sign = (prefix: string, commonName: string, allowedUses: string[], dnsNames?: string[], ipAddresses?: string[]) => {
        const key = ecdsaKey(`${prefix}-key`, parent);
        const request = new tls.CertRequest(
            `${prefix}-csr`,
            { privateKeyPem: key.privateKeyPem, subject: { commonName, organization: "hardened-redis" }, dnsNames, ipAddresses },
            opts,
        );
        const certificate = new tls.LocallySignedCert(
            `${prefix}-cert`,
            {
                certRequestPem: request.certRequestPem,
                caPrivateKeyPem: caKey.privateKeyPem,
                caCertPem: ca.certPem,
                validityPeriodHours: SERVER_VALIDITY_HOURS,
                earlyRenewalHours: RENEW_BEFORE_HOURS,
                allowedUses,
            },
            opts,
        );
        return { key, certificate };
    };
    const tlsSecret = (resourceName: string, secretName: string, issued: ReturnType<typeof sign>) =>
        new k8s.core.v1.Secret(
            resourceName,
            {
                metadata: { name: secretName, namespace: args.namespace, labels: args.labels },
                type: "kubernetes.io/tls",
                stringData: pulumi.secret({
                    "tls.crt": issued.certificate.certPem,
                    "tls.key": issued.key.privateKeyPem,
                    "ca.crt": ca.certPem,
                }),
            },
            opts,
        );

    // The server certificate also authenticates replicas and the readiness probe as clients under mTLS.
    const server = sign(
        `${name}-server`,
        args.base,
        ["digital_signature", "key_encipherment", "server_auth", "client_auth"],
        serverDnsNames(args),
        ["127.0.0.1"],
    );
    return {
        serverTls: tlsSecret(`${name}-tls`, args.names.tlsSecret, server),
        caCertificate: ca.certPem,
        // The provider's id of a signed certificate is its serial number, new on every renewal.
        serverCertificateChecksum: server.certificate.id.apply(sha256),
        issueClientCertificate: (user, secretName) => {
            tlsSecret(`${name}-${user}-client-tls`, secretName, sign(`${name}-${user}-client`, user, ["digital_signature", "client_auth"]));
        },
    };
}

function certManagerTls(
    name: string,
    args: TlsResourceArgs & { issuer: NonNullable<TlsResourceArgs["issuer"]> },
    parent: pulumi.Resource,
): Tls {
    const certificate = (resourceName: string, objectName: string, spec: Record<string, unknown>) =>
        new k8s.apiextensions.CustomResource(
            resourceName,
            {
                apiVersion: "cert-manager.io/v1",
                kind: "Certificate",
                metadata: { name: objectName, namespace: args.namespace, labels: args.labels },
                spec: {
                    ...spec,
                    issuerRef: args.issuer,
                    duration: `${SERVER_VALIDITY_HOURS}h`,
                    renewBefore: `${RENEW_BEFORE_HOURS}h`,
                    privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
                    secretTemplate: { labels: args.labels },
                },
            },
            { parent },
        );
    const serverTls = certificate(`${name}-server-certificate`, `${args.base}-server`, {
        secretName: args.names.tlsSecret,
        commonName: args.base,
        dnsNames: serverDnsNames(args),
        ipAddresses: ["127.0.0.1"],
        usages: ["server auth", "client auth", "digital signature", "key encipherment"],
    });
    return {
        serverTls,
        issueClientCertificate: (user, secretName) => {
            certificate(`${name}-${user}-client-certificate`, secretName, {
                secretName,
                commonName: user,
                usages: ["client auth", "digital signature"],
            });
        },
    };
}
