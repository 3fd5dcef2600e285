import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PackageSchema, SchemaProperty, inferredSchema, referencedType } from "./schema";

/** The README's section on other languages, and its programs by language. */
const README = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
const SECTION = README.slice(
    README.indexOf("## Python, Go, C#, Java and YAML"),
    README.indexOf("\n## ", README.indexOf("## Python, Go, C#, Java and YAML") + 1),
);
const programs = (language: string) => [...SECTION.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const lowerFirst = (pascal: string) => pascal[0].toLowerCase() + pascal.slice(1);

let schema: PackageSchema;
let inputNames: Set<string>;
let outputNames: Set<string>;

beforeAll(async () => {
    schema = await inferredSchema();
    const resources = Object.values(schema.resources);
    inputNames = new Set([
        ...resources.flatMap((r) => Object.keys(r.inputProperties)),
        ...Object.values(schema.types).flatMap((t) => Object.keys(t.properties ?? {})),
    ]);
    outputNames = new Set(resources.flatMap((r) => Object.keys(r.properties)));
}, 120_000);

/** The paths in a YAML value that the schema property does not describe. */
function unknownPaths(value: unknown, property: SchemaProperty, at: string): string[] {
    const type = referencedType(schema, property);
    if (type?.enum) return type.enum.some((member) => member.value === value) ? [] : [`${at} = ${String(value)}`];
    if (Array.isArray(value)) return property.items ? value.flatMap((item, i) => unknownPaths(item, property.items!, `${at}[${i}]`)) : [at];
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value);
        if (property.additionalProperties)
            return entries.flatMap(([key, v]) => unknownPaths(v, property.additionalProperties!, `${at}.${key}`));
        if (!type?.properties) return [at];
        return entries.flatMap(([key, v]) =>
            type.properties![key] ? unknownPaths(v, type.properties![key], `${at}.${key}`) : [`${at}.${key}`],
        );
    }
    return [];
}

describe("the README's programs in other languages", () => {
    it("has a Python, a Go and a YAML program, each with the three components", () => {
        for (const language of ["python", "go", "yaml"]) {
            expect(programs(language)).toHaveLength(1);
            for (const component of ["ElastiCacheRedis", "GlobalElastiCacheRedis", "KubernetesRedis"])
                expect(programs(language)[0]).toContain(component);
        }
    });

    it("uses in YAML only properties, nested types and enum values of the schema, and outputs of each resource", () => {
        const program = parse(programs("yaml")[0]) as {
            resources: Record<string, { type: string; properties: Record<string, unknown> }>;
            outputs: Record<string, string>;
        };
        const unknown = Object.entries(program.resources).flatMap(([name, resource]) => {
            const definition = schema.resources[resource.type];
            if (!definition) return [`${name}: type ${resource.type}`];
            return Object.entries(resource.properties).flatMap(([key, value]) =>
                definition.inputProperties[key]
                    ? unknownPaths(value, definition.inputProperties[key], `${name}.${key}`)
                    : [`${name}.${key}`],
            );
        });
        expect(unknown).toEqual([]);
        for (const reference of Object.values(program.outputs)) {
            const [, resource, output] = /^\$\{(\w+)\.(\w+)\}$/.exec(reference)!;
            expect(Object.keys(schema.resources[program.resources[resource].type].properties)).toContain(output);
        }
    });

    it("uses in Python only input and output names of the schema", () => {
        const program = programs("python")[0];
        const inputs = [...program.matchAll(/\b([a-z][a-z_]*)=/g), ...program.matchAll(/"([a-z][a-z_]*)":/g)].map((m) => camel(m[1]));
        const outputs = [...program.matchAll(/pulumi\.export\("\w+", \w+\.([a-z][a-z_]*)\)/g)].map((m) => camel(m[1]));
        expect(inputs.length).toBeGreaterThan(15);
        expect(inputs.filter((name) => !inputNames.has(name))).toEqual([]);
        expect(outputs).toHaveLength(3);
        expect(outputs.filter((name) => !outputNames.has(name))).toEqual([]);
    });

    it("uses in Go only input and output names and enum members of the schema", () => {
        const program = programs("go")[0];
        const inputs = [...program.matchAll(/\b([A-Z]\w*):\s/g)].map((m) => lowerFirst(m[1]));
        const outputs = [...program.matchAll(/ctx\.Export\("\w+", \w+\.([A-Z]\w*)\)/g)].map((m) => lowerFirst(m[1]));
        expect(inputs.length).toBeGreaterThan(15);
        expect(inputs.filter((name) => !inputNames.has(name))).toEqual([]);
        expect(outputs).toHaveLength(3);
        expect(outputs.filter((name) => !outputNames.has(name))).toEqual([]);
        const operator = schema.types["hardened-redis:index:LabelSelectorOperator"].enum!.map((m) => `LabelSelectorOperator${m.name}`);
        expect(operator).toContain(/hardenedredis\.(LabelSelectorOperator\w+)/.exec(program)![1]);
    });
});
