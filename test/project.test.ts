import Ajv2020 from "ajv/dist/2020";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { haveFile, itWhen } from "./tools";

const root = path.resolve(__dirname, "..");
const schemaPath = path.resolve(root, "../shared/schemas/pulumi-project.json");
const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));

describe("Pulumi.yaml", () => {
    const run = itWhen(haveFile(schemaPath, "a checkout with shared/schemas/ beside the repository"));

    run("validates against the Pulumi project schema", () => {
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

describe("package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

    it("declares the Pulumi SDKs as wide peer dependencies, so programs share one @pulumi/pulumi", () => {
        for (const sdk of ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/kubernetes", "@pulumi/random"]) {
            expect(pkg.peerDependencies[sdk]).toMatch(/^>=\d+\.\d+\.\d+ <\d+\.0\.0$/);
            expect(pkg.dependencies?.[sdk]).toBeUndefined();
        }
        expect(pkg.peerDependencies["@pulumi/aws"]).toBe(">=7.0.0 <8.0.0");
    });

    it("pins the development toolchain", () => {
        expect(pkg.devDependencies["@pulumi/pulumi"]).toBe("3.248.0");
        expect(pkg.devDependencies.typescript).toMatch(/^5\.9\./);
        expect(pkg.devDependencies.jest).toMatch(/^\^29\./);
        expect(pkg.devDependencies["ts-jest"]).toMatch(/^\^29\./);
    });
});
