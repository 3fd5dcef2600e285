import * as path from "node:path";
import { HardenedRedisProvider } from "../../components/plugin/provider";

/** A property of the inferred schema. */
export interface SchemaProperty {
    type?: string;
    $ref?: string;
    items?: SchemaProperty;
    additionalProperties?: SchemaProperty;
    description?: string;
    secret?: boolean;
}

/** An object or enum type of the inferred schema. */
export interface SchemaType {
    type: string;
    properties?: Record<string, SchemaProperty>;
    enum?: { name: string; value: string | number; description?: string }[];
}

/** The package schema the component plugin serves. */
export interface PackageSchema {
    name: string;
    resources: Record<
        string,
        {
            description?: string;
            inputProperties: Record<string, SchemaProperty>;
            requiredInputs: string[];
            properties: Record<string, SchemaProperty>;
        }
    >;
    types: Record<string, SchemaType>;
    dependencies: { name: string; version: string }[];
}

/** The directory of the `hardened-redis` package: the plugin's sources. */
export const PLUGIN_DIR = path.join(__dirname, "..", "..", "components");

let inferred: Promise<PackageSchema> | undefined;

/** The schema Pulumi's analyzer infers from the package's sources, as the plugin serves it; inferred once per test file. */
export function inferredSchema(): Promise<PackageSchema> {
    inferred ??= new HardenedRedisProvider(PLUGIN_DIR).getSchema().then((text) => JSON.parse(text) as PackageSchema);
    return inferred;
}

/** The object type a `$ref` names, for a reference into the package's own types. */
export function referencedType(schema: PackageSchema, property: SchemaProperty): SchemaType | undefined {
    const prefix = "#/types/";
    return property.$ref?.startsWith(prefix) ? schema.types[property.$ref.slice(prefix.length)] : undefined;
}
