/**
 * The boundaries between the parts of the repository, read from every source file's imports (as the
 * TypeScript compiler lists them): the two targets never import each other, the pack judges any program
 * because it imports no component or gate code, the gate takes the pack only by its package name, and
 * the repository's own program uses the packages as a user would.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const PACKAGES = { components: "hardened-redis", policies: "hardened-redis-policies", gate: "hardened-redis-gate" } as const;

interface Import {
    /** The importing file, relative to the repository root. */
    file: string;
    specifier: string;
    /** For a relative specifier, the imported path relative to the repository root. */
    target?: string;
}

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const relative = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) return ["node_modules", "bin"].includes(entry.name) ? [] : sourceFiles(relative);
        return /\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
    });
}

function importsOf(dir: string): Import[] {
    return sourceFiles(dir).flatMap((file) =>
        ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), "utf8"), true, true).importedFiles.map(({ fileName: specifier }) => ({
            file,
            specifier,
            target: specifier.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : undefined,
        })),
    );
}

/** The imports that break a rule, as "file -> specifier", so a failure names them. */
const breaking = (imports: Import[], breaks: (i: Import) => boolean) => imports.filter(breaks).map((i) => `${i.file} -> ${i.specifier}`);

const within = (target: string | undefined, dir: string) => target !== undefined && (target === dir || target.startsWith(`${dir}/`));
const ourPackage = (specifier: string) => Object.values(PACKAGES).some((name) => specifier === name || specifier.startsWith(`${name}/`));

/** The sub-paths the packages' `exports` maps make public, as import specifiers. */
const PUBLIC_ENTRIES = Object.keys(PACKAGES).flatMap((dir) => {
    const { name, exports } = JSON.parse(fs.readFileSync(path.join(ROOT, dir, "package.json"), "utf8"));
    return Object.keys(exports).map((key) => path.posix.join(name, key));
});

const isPublicEntry = (specifier: string) =>
    PUBLIC_ENTRIES.some((entry) => (entry.endsWith("*") ? specifier.startsWith(entry.slice(0, -1)) : specifier === entry));

/** An import that reaches outside `dirs` by relative path, or into one of our packages other than by a public entry. */
const outsideOrPrivate = (dirs: readonly string[]) => (i: Import) =>
    i.target !== undefined ? !dirs.some((dir) => within(i.target, dir)) : ourPackage(i.specifier) && !isPublicEntry(i.specifier);

describe("the repository's boundaries", () => {
    const components = importsOf("components");

    it("reads imports from every part, so that the rules below have something to judge", () => {
        for (const dir of ["components/aws", "components/kubernetes", "components/shared", "policies", "gate", "stacks"]) {
            expect({ dir, someImports: importsOf(dir).length > 5 }).toEqual({ dir, someImports: true });
        }
    });

    it("keeps the AWS and Kubernetes components apart: neither imports the other", () => {
        expect(breaking(components, (i) => within(i.file, "components/aws") && within(i.target, "components/kubernetes"))).toEqual([]);
        expect(breaking(components, (i) => within(i.file, "components/kubernetes") && within(i.target, "components/aws"))).toEqual([]);
    });

    it("keeps components/shared free of anything else of ours, so both targets can build on it", () => {
        expect(
            breaking(
                components,
                (i) =>
                    within(i.file, "components/shared") &&
                    (i.target !== undefined ? !within(i.target, "components/shared") : ourPackage(i.specifier)),
            ),
        ).toEqual([]);
    });

    it("keeps the pack independent of the components and the gate, so that it judges any program", () => {
        const pack = importsOf("policies");
        expect(breaking(pack, (i) => (i.target !== undefined ? !within(i.target, "policies") : ourPackage(i.specifier)))).toEqual([]);
    });

    it("lets the gate take the pack only by its package name and public entries, and no component code", () => {
        const gate = importsOf("gate");
        expect(
            breaking(gate, (i) =>
                i.target !== undefined ? !within(i.target, "gate") : ourPackage(i.specifier) && !isPublicEntry(i.specifier),
            ),
        ).toEqual([]);
        expect(breaking(gate, (i) => i.specifier === PACKAGES.components || i.specifier.startsWith(`${PACKAGES.components}/`))).toEqual([]);
        expect(gate.filter((i) => i.specifier.startsWith(PACKAGES.policies)).length).toBeGreaterThan(0);
    });

    it("has the repository's own program use the packages' public entries only, as a user's would", () => {
        const stacks = importsOf("stacks");
        expect(
            breaking(stacks, (i) =>
                i.target !== undefined ? !within(i.target, "stacks") : ourPackage(i.specifier) && !isPublicEntry(i.specifier),
            ),
        ).toEqual([]);
        expect(stacks.filter((i) => i.specifier === PACKAGES.components).length).toBeGreaterThan(0);
    });

    it("keeps lab/ (the real servers and drills that tests and benches share) on the packages' public entries, and out of test/", () => {
        const lab = importsOf("lab");
        expect(breaking(lab, outsideOrPrivate(["lab"]))).toEqual([]);
        expect(lab.filter((i) => isPublicEntry(i.specifier)).map((i) => i.specifier)).toEqual(
            expect.arrayContaining(["hardened-redis", "hardened-redis/renderers", "hardened-redis-gate"]),
        );
    });

    it("has the benches and scripts use the packages' public entries and lab/, never a test file or a package's source", () => {
        for (const dir of ["bench", "scripts"]) {
            const imports = importsOf(dir);
            expect({ dir, breaking: breaking(imports, outsideOrPrivate([dir, "lab"])) }).toEqual({ dir, breaking: [] });
            expect({ dir, someImports: imports.length > 5 }).toEqual({ dir, someImports: true });
        }
        const intoTests: Import = { file: "bench/x.ts", specifier: "../test/support/harness", target: "test/support/harness" };
        const intoPolicies: Import = {
            file: "scripts/t/x.ts",
            specifier: "../../policies/lib/command-table",
            target: "policies/lib/command-table",
        };
        const privateEntry: Import = { file: "lab/x.ts", specifier: "hardened-redis/kubernetes/pod-files" };
        expect(breaking([intoTests, intoPolicies], outsideOrPrivate(["bench", "scripts", "lab"]))).toEqual([
            "bench/x.ts -> ../test/support/harness",
            "scripts/t/x.ts -> ../../policies/lib/command-table",
        ]);
        expect(breaking([privateEntry], outsideOrPrivate(["lab"]))).toEqual(["lab/x.ts -> hardened-redis/kubernetes/pod-files"]);
    });

    it("finds a relative import that crosses a boundary, and a private entry", () => {
        const crossing: Import = { file: "components/aws/x.ts", specifier: "../kubernetes/y", target: "components/kubernetes/y" };
        expect(breaking([crossing], (i) => within(i.file, "components/aws") && within(i.target, "components/kubernetes"))).toEqual([
            "components/aws/x.ts -> ../kubernetes/y",
        ]);
        expect(isPublicEntry("hardened-redis-policies/policies")).toBe(true);
        expect(isPublicEntry("hardened-redis-policies/config/production.json")).toBe(true);
        expect(isPublicEntry("hardened-redis-policies/lib/rule")).toBe(false);
        expect(isPublicEntry("hardened-redis/aws/engine")).toBe(false);
    });
});
