import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { RegisteredResource } from "./mock-runtime";
import { ProgramTarget } from "./project";

/** A config value as a provider input: structured values (YAML lists and maps) parsed back, secure ones secret. */
function providerInput(value: string, secret: boolean): unknown {
    let parsed: unknown = value;
    if (/^\s*[[{]/.test(value)) {
        try {
            parsed = JSON.parse(value);
        } catch {
            parsed = value;
        }
    }
    return secret ? { [specialSigKey]: specialSecretSig, value: parsed } : parsed;
}

/**
 * The recording with the default providers the engine would register: for each package that the stack
 * configures (`aws:region`, `aws:allowedAccountIds`, `kubernetes:namespace`), a `pulumi:providers:<package>`
 * named `default` whose inputs are that config, as the provider of every custom resource of the package
 * that names no provider. Policies read a resource's provider from these, as they do under `pulumi preview`.
 * Packages the stack does not configure get none: their default provider would have no inputs.
 */
export function withDefaultProviders(
    resources: RegisteredResource[],
    target: ProgramTarget,
): { resources: RegisteredResource[]; defaultProviders: RegisteredResource[] } {
    const providers = new Map<string, RegisteredResource>();
    for (const [key, value] of Object.entries(target.config)) {
        const [pkg, name] = key.split(":");
        if (pkg === target.project || !name) continue;
        const type = `pulumi:providers:${pkg}`;
        const provider = providers.get(pkg) ?? {
            type,
            name: "default",
            urn: `urn:pulumi:${target.stack}::${target.project}::${type}::default`,
            inputs: {},
            id: "",
            dependencies: [],
            propertyDependencies: {},
        };
        provider.inputs[name] = providerInput(value, target.secretKeys.includes(key));
        providers.set(pkg, provider);
    }
    const withProviders = resources.map((resource) => {
        const provider = resource.custom && !resource.provider ? providers.get(resource.type.split(":")[0]) : undefined;
        return provider ? { ...resource, provider: `${provider.urn}::${unknownValue}` } : resource;
    });
    const used = [...providers.values()].filter((p) => withProviders.some((r) => r.provider?.startsWith(`${p.urn}::`)));
    return { resources: withProviders, defaultProviders: used };
}
