// Lets Node load TypeScript by transpiling each file with esbuild as it is required. The gate loads a
// program's modules this way; it takes about half the CPU time of ts-node's transpile-only mode, and
// keeps every file's own __dirname, which bundling would not. Each result is cached on disk by the
// hash of its source, so a run on unchanged files starts no esbuild at all. The source maps are kept,
// so that stack positions in the JavaScript that Node ran can be traced back to the TypeScript.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { SourceMap } from "node:module";
import * as path from "node:path";
import { cacheDir } from "./cache-dir";
import type { SourcePosition } from "./mock-runtime";

interface CompilableModule {
    _compile(code: string, filename: string): void;
}

interface Transpiled {
    code: string;
    map: string;
}

const TRANSFORM_OPTIONS = {
    loader: "ts",
    format: "cjs",
    target: "node22",
    sourcemap: "external",
    // Dynamic import() becomes require(), as TypeScript compiles it for CommonJS.
    supported: { "dynamic-import": false },
} as const;

const sourceMaps = new Map<string, SourceMap>();

function transpile(source: string, filename: string): Transpiled {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once a TypeScript file is compiled.
    const esbuild = require("esbuild") as typeof import("esbuild");
    const transform = (): Transpiled => esbuild.transformSync(source, { ...TRANSFORM_OPTIONS, sourcefile: filename });
    const dir = cacheDir(path.dirname(filename), "transpiled");
    if (!dir) return transform();
    const key = createHash("sha256")
        .update(JSON.stringify([esbuild.version, TRANSFORM_OPTIONS, filename, source]))
        .digest("hex");
    const cached = path.join(dir, `${key}.json`);
    try {
        return JSON.parse(fs.readFileSync(cached, "utf8")) as Transpiled;
    } catch {
        const { code, map } = transform();
        try {
            fs.mkdirSync(dir, { recursive: true });
            // Written whole under a unique name, then renamed: a concurrent run never reads half a file.
            const partial = `${cached}.${process.pid}`;
            fs.writeFileSync(partial, JSON.stringify({ code, map }));
            fs.renameSync(partial, cached);
        } catch {
            // A cache that cannot be written only costs time.
        }
        return { code, map };
    }
}

require.extensions[".ts"] = (module, filename) => {
    const { code, map } = transpile(fs.readFileSync(filename, "utf8"), filename);
    sourceMaps.set(filename, new SourceMap(JSON.parse(map)));
    (module as unknown as CompilableModule)._compile(code, filename);
};

/** Where a position in a transpiled TypeScript file is in its source; other positions are returned as they are. */
export function typeScriptPosition(position: SourcePosition): SourcePosition {
    const origin = sourceMaps.get(position.file)?.findOrigin(position.line, position.column ?? 1);
    return origin && "lineNumber" in origin ? { file: position.file, line: origin.lineNumber, column: origin.columnNumber } : position;
}
