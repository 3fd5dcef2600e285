import * as fs from "node:fs";
import * as path from "node:path";
import { ComponentResourceOptions, Inputs } from "@pulumi/pulumi";
import { ConstructResult, main } from "@pulumi/pulumi/provider";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { ElastiCacheRedis } from "../aws/elasticache-redis";
import { ElastiCacheRedisArgs } from "../aws/elasticache-redis-settings";
import { ElastiCacheServerless } from "../aws/elasticache-serverless";
import { ElastiCacheServerlessArgs } from "../aws/elasticache-serverless-settings";
import { GlobalElastiCacheRedis } from "../aws/global-elasticache-redis";
import { GlobalElastiCacheRedisArgs } from "../aws/global-elasticache-redis-settings";
import { KubernetesRedis } from "../kubernetes/kubernetes-redis";
import { KubernetesRedisArgs } from "../kubernetes/kubernetes-redis-settings";
import { mapOfSecrets } from "./secret-inputs";

/** The package name other languages know the components by, as in `hardened-redis:index:ElastiCacheRedis`. */
export const PLUGIN_NAME = "hardened-redis";

/** The components the plugin serves. */
export const PLUGIN_COMPONENTS = [ElastiCacheRedis, ElastiCacheServerless, GlobalElastiCacheRedis, KubernetesRedis];

/**
 * The inputs and outputs of each component whose values are secret. Pulumi's analyzer cannot read
 * secrecy from TypeScript types, so the provider marks these in the schema it serves; the compiler
 * proves that each name is an input or output of its component.
 */
export const SECRET_PROPERTIES = {
    ElastiCacheRedis: { inputs: ["userPasswords"], outputs: [] },
    ElastiCacheServerless: { inputs: [], outputs: [] },
    GlobalElastiCacheRedis: { inputs: [], outputs: [] },
    KubernetesRedis: { inputs: [], outputs: [] },
} satisfies {
    ElastiCacheRedis: SecretNames<ElastiCacheRedisArgs, ElastiCacheRedis>;
    ElastiCacheServerless: SecretNames<ElastiCacheServerlessArgs, ElastiCacheServerless>;
    GlobalElastiCacheRedis: SecretNames<GlobalElastiCacheRedisArgs, GlobalElastiCacheRedis>;
    KubernetesRedis: SecretNames<KubernetesRedisArgs, KubernetesRedis>;
};

interface SecretNames<Args, Component> {
    inputs: (keyof Args & string)[];
    outputs: (keyof Component & string)[];
}

interface SchemaProperty {
    secret?: boolean;
}

interface PackageSchema {
    resources: Record<string, { inputProperties: Record<string, SchemaProperty>; properties: Record<string, SchemaProperty> }>;
}

/**
 * The component provider: Pulumi's `ComponentProvider`, which infers the schema from the package's
 * TypeScript sources and constructs the components, with the secret inputs and outputs marked.
 */
export class HardenedRedisProvider extends ComponentProvider {
    /** @param dirname The package directory: the one holding PulumiPlugin.yaml, package.json, tsconfig.json and index.ts. */
    constructor(dirname: string = pluginDirectory(__dirname)) {
        super({ name: PLUGIN_NAME, dirname, components: PLUGIN_COMPONENTS });
    }

    override async getSchema(): Promise<string> {
        const schema = JSON.parse(await super.getSchema()) as PackageSchema;
        for (const [component, secrets] of Object.entries(SECRET_PROPERTIES)) {
            const resource = schema.resources[`${PLUGIN_NAME}:index:${component}`];
            for (const input of secrets.inputs as string[]) resource.inputProperties[input].secret = true;
            for (const output of secrets.outputs as string[]) resource.properties[output].secret = true;
        }
        return JSON.stringify(schema);
    }

    /** Constructs a component, with each secret input in the shape the component takes; see `mapOfSecrets`. */
    override async construct(name: string, type: string, inputs: Inputs, options: ComponentResourceOptions): Promise<ConstructResult> {
        const secrets = SECRET_PROPERTIES[type.split(":")[2] as keyof typeof SECRET_PROPERTIES]?.inputs ?? [];
        const shaped = { ...inputs };
        for (const input of secrets as string[]) shaped[input] = await mapOfSecrets(input, inputs[input]);
        return super.construct(name, type, shaped, options);
    }
}

/** The nearest directory at or above `from` that holds PulumiPlugin.yaml: the sources' or the build's parent. */
export function pluginDirectory(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "PulumiPlugin.yaml"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no PulumiPlugin.yaml at or above ${from}`);
    }
}

/** Serves the components over gRPC, as Pulumi runs the plugin: `args` carries the engine's address. */
export function serveComponentPlugin(args: string[]): Promise<void> {
    return main(new HardenedRedisProvider(), args);
}
