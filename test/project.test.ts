import Ajv2020 from "ajv/dist/2020";
import * as fs from "node:fs";
import * as path from "node:path";
import * as semver from "semver";
import { parse } from "yaml";

const root = path.resolve(__dirname, "..");
/** Pulumi's project file schema, vendored from pulumi/pulumi (sdk/go/common/workspace/project.json, Apache-2.0). */
const schemaPath = path.join(__dirname, "fixtures", "schemas", "pulumi-project.json");
const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));

describe("Pulumi.yaml", () => {
    it("validates against the Pulumi project schema", () => {
        const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
        const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
        const valid = validate(project);
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
    });

    it("is a TypeScript Node.js project whose program and stack configs live in stacks/", () => {
        expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: true } });
        expect(project.main).toBe("stacks/");
        expect(project.stackConfigDir).toBe("stacks");
        expect(fs.existsSync(path.join(root, "stacks", "index.ts"))).toBe(true);
    });
});

const WORKSPACES = { components: "hardened-redis", policies: "hardened-redis-policies", gate: "hardened-redis-gate" } as const;
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const installedVersion = (name: string) => readJson(require.resolve(`${name}/package.json`, { paths: [root] })).version as string;

describe("package.json", () => {
    const pkg = readJson(path.join(root, "package.json"));
    const components = readJson(path.join(root, "components", "package.json"));

    it("is a private workspace root over the three published packages", () => {
        expect(pkg.private).toBe(true);
        expect(pkg.workspaces).toEqual(Object.keys(WORKSPACES));
        for (const [folder, name] of Object.entries(WORKSPACES)) {
            const workspace = readJson(path.join(root, folder, "package.json"));
            expect(workspace.name).toBe(name);
            expect(workspace.private).toBeUndefined();
            expect(workspace.license).toBe("Apache-2.0");
            expect(workspace.files.length).toBeGreaterThan(0);
        }
    });

    it("declares the Pulumi SDKs as wide peer dependencies of the components, so programs share one @pulumi/pulumi", () => {
        for (const sdk of ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/kubernetes", "@pulumi/random", "@pulumi/tls"]) {
            expect(components.peerDependencies[sdk]).toMatch(/^>=\d+\.\d+\.\d+ <\d+\.0\.0$/);
            expect(components.dependencies?.[sdk]).toBeUndefined();
        }
        expect(components.peerDependencies["@pulumi/aws"]).toBe(">=7.0.0 <8.0.0");
    });

    it("has peer ranges that admit the SDK versions installed for development and tests", () => {
        for (const folder of Object.keys(WORKSPACES)) {
            const peers: Record<string, string> = readJson(path.join(root, folder, "package.json")).peerDependencies ?? {};
            for (const [name, range] of Object.entries(peers)) {
                expect({ name, installed: installedVersion(name), admitted: semver.satisfies(installedVersion(name), range) }).toEqual({
                    name,
                    installed: installedVersion(name),
                    admitted: true,
                });
            }
        }
    });

    it("develops on Node.js 24 and supports Node.js 22 and later", () => {
        expect(semver.major(process.version)).toBe(24);
        expect(semver.major(installedVersion("node"))).toBe(24);
        for (const file of ["package.json", ...Object.keys(WORKSPACES).map((folder) => path.join(folder, "package.json"))]) {
            expect(readJson(path.join(root, file)).engines).toEqual({ node: ">=22" });
        }
    });

    it("pins the development toolchain", () => {
        expect(pkg.devDependencies.typescript).toMatch(/^5\.9\./);
        expect(pkg.devDependencies.jest).toMatch(/^\^29\./);
        expect(pkg.devDependencies["ts-jest"]).toMatch(/^\^29\./);
    });
});

describe("LICENSE", () => {
    it("is the Apache License 2.0 that every package.json names", () => {
        const text = fs.readFileSync(path.join(root, "LICENSE"), "utf8");
        expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
        expect(text).toContain("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
    });
});
