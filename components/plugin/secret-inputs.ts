import * as pulumi from "@pulumi/pulumi";

/**
 * A secret map input as the components take it. Pulumi's generated SDKs send a secret input as one secret
 * value, which the provider receives as a secret `Output` of the whole map; the components take a map whose
 * values are inputs, and check its keys at once. This keeps every value secret, and its dependencies, under
 * its own key. Unknown keys (a preview of a map computed from other resources) are refused, as the keys name
 * the users they belong to.
 */
export async function mapOfSecrets(name: string, value: unknown): Promise<unknown> {
    if (!pulumi.Output.isInstance(value)) return value;
    const map = value as pulumi.Output<Record<string, string>>;
    // `isKnown` is the Output's own flag; an unknown value never reaches an apply.
    if (!(await (map as unknown as { isKnown: Promise<boolean> }).isKnown)) {
        throw new pulumi.InputPropertyError({ propertyPath: name, reason: "must be known when the program runs: its keys name users" });
    }
    const keys = await new Promise<string[]>((resolve) => map.apply((entries) => resolve(Object.keys(entries ?? {}))));
    return Object.fromEntries(keys.map((key) => [key, pulumi.secret(map.apply((entries) => entries[key]))]));
}
