// Lets Node load TypeScript by transpiling each file with esbuild as it is required. The gate loads a
// program's modules this way; it takes about half the CPU time of ts-node's transpile-only mode, and
// keeps every file's own __dirname, which bundling would not. The source maps are kept, so that stack
// positions in the JavaScript that Node ran can be traced back to lines of the TypeScript.
import { transformSync } from "esbuild";
import * as fs from "node:fs";
import { SourceMap } from "node:module";
import type { SourcePosition } from "./mock-runtime";

interface CompilableModule {
    _compile(code: string, filename: string): void;
}


const sourceMaps = new Map<string, SourceMap>();

require.extensions[".ts"] = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    // Dynamic import() becomes require(), as TypeScript compiles it for CommonJS.
    const { code, map } = transformSync(source, {
        loader: "ts",
        format: "cjs",
        target: "node22",
        sourcefile: filename,
        sourcemap: "external",
        supported: { "dynamic-import": false },
    });
    sourceMaps.set(filename, new SourceMap(JSON.parse(map)));
    (module as unknown as CompilableModule)._compile(code, filename);
};

/** Where a position in a transpiled TypeScript file is in its source; other positions are returned as they are. */
export function typeScriptPosition(position: SourcePosition): SourcePosition {
    const origin = sourceMaps.get(position.file)?.findOrigin(position.line, position.column ?? 1);
    return origin && "lineNumber" in origin ? { file: position.file, line: origin.lineNumber, column: origin.columnNumber } : position;
}
