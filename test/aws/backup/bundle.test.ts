import { builtinModules } from "node:module";
import * as vm from "node:vm";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    EXPORT_FUNCTION_BUNDLE,
    EXPORT_FUNCTION_HANDLER,
    EXPORT_FUNCTION_RUNTIME,
    exportFunctionCode,
    exportHandlerBundle,
    functionBundle,
    functionBundlePath,
} from "../../../components/aws/backup/bundle";

// The build script is plain JavaScript that runs before the package is compiled.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- JavaScript without typings.
const { bundleExportFunction, bundleFunction } = require("../../../components/scripts/bundle-export-function") as {
    bundleExportFunction: () => string;
    bundleFunction: (name: string) => string;
};

/** Loads the bundle as Lambda would, with the SDK modules the runtime provides replaced by stubs. */
function loadBundle(code: string) {
    const required: string[] = [];
    const module = { exports: {} as Record<string, unknown> };
    const stubRequire = (id: string) => {
        required.push(id);
        if (id.startsWith("@aws-sdk/")) return new Proxy({}, { get: () => class {} });
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the real built-in module, by the name the bundle asks for.
        if (builtinModules.includes(id.replace(/^node:/, ""))) return require(id);
        throw new Error(`the bundle requires ${id}, which the Lambda runtime does not have`);
    };
    vm.runInNewContext(code, { module, exports: module.exports, require: stubRequire, process, console });
    return { exports: module.exports, required };
}

describe("the export function's bundle", () => {
    it("is CommonJS that exports the handler named in the function's configuration", () => {
        const { exports } = loadBundle(exportHandlerBundle());
        expect(EXPORT_FUNCTION_HANDLER).toBe("index.handler");
        expect(typeof exports.handler).toBe("function");
    });

    it("leaves the AWS SDK to the Lambda runtime and bundles everything else", () => {
        const code = exportHandlerBundle();
        const { required } = loadBundle(code);
        expect([...new Set(required)].sort()).toEqual(["@aws-sdk/client-elasticache", "@aws-sdk/client-s3"]);
        expect(code).toContain("CopySnapshotCommand");
        expect(code).toContain('"snapshot-exported"');
        expect(code.length).toBeLessThan(50_000);
    });

    it("targets a current Node.js runtime", () => {
        expect(EXPORT_FUNCTION_RUNTIME).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    });

    it("is the same on every build and carries no path of this machine, so previews show no diff", () => {
        const first = bundleExportFunction();
        expect(bundleExportFunction()).toBe(first);
        expect(exportHandlerBundle()).toBe(first);
        expect(first).not.toContain(process.cwd());
        expect(first).toMatch(/^\/\/ handler\.ts$/m);
    });

    it("is built into the package, so a deployment reads a file and never runs esbuild", () => {
        const file = path.resolve(__dirname, "../../../components", EXPORT_FUNCTION_BUNDLE);
        expect(fs.readFileSync(file, "utf8")).toBe(exportHandlerBundle());
        const packageJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../components/package.json"), "utf8"));
        expect(packageJson.dependencies.esbuild).toBeUndefined();
    });

    it("becomes index.js of the deployment archive", async () => {
        const archive = exportFunctionCode();
        const assets = (await archive.assets) as Record<string, { text: Promise<string> }>;
        expect(Object.keys(assets)).toEqual(["index.js"]);
        expect(await assets["index.js"].text).toBe(exportHandlerBundle());
    });
});

describe("the restore drill functions' bundles", () => {
    const DRILL_BUNDLES = [
        { name: "restore-drill-canary", sdk: ["@aws-sdk/client-secrets-manager"], entry: "canary.ts" },
        { name: "restore-drill-validate", sdk: ["@aws-sdk/client-secrets-manager"], entry: "validate.ts" },
        {
            name: "restore-drill-control",
            sdk: ["@aws-sdk/client-cloudwatch", "@aws-sdk/client-elasticache", "@aws-sdk/client-s3"],
            entry: "control.ts",
        },
    ] as const;

    it.each(DRILL_BUNDLES)(
        "$name exports the handler, leaves only the AWS SDK and Node.js modules to the runtime, and is built into the package",
        ({ name, sdk, entry }) => {
            const code = functionBundle(name);
            const { exports, required } = loadBundle(code);
            expect(typeof exports.handler).toBe("function");
            expect([...new Set(required.filter((id) => id.startsWith("@aws-sdk/")))].sort()).toEqual([...sdk]);
            expect(required.filter((id) => !id.startsWith("@aws-sdk/") && !builtinModules.includes(id.replace(/^node:/, "")))).toEqual([]);
            expect(code).toMatch(new RegExp(`^// ${entry.replace(".", "\\.")}$`, "m"));
            expect(code).not.toContain(process.cwd());
            expect(fs.readFileSync(path.resolve(__dirname, "../../../components", functionBundlePath(name)), "utf8")).toBe(
                bundleFunction(name),
            );
        },
    );

    it("inlines ioredis only where Redis is spoken", () => {
        expect(functionBundle("restore-drill-validate")).toContain("ioredis");
        expect(functionBundle("restore-drill-control")).not.toContain("ioredis");
    });
});
