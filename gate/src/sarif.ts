import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Location, Log, ReportingDescriptor, Result, Run } from "sarif";
import type { Violation } from "./evaluate";
import type { RegisteredResource, SourcePosition } from "./mock-runtime";

export interface SarifRule {
    name: string;
    description: string;
    helpUri?: string;
    severity?: string;
}

export interface SarifInput {
    violations: Violation[];
    rules: SarifRule[];
    /** The resources the program registered, for the source position of each violation's resource. */
    resources: RegisteredResource[];
    /** The folder that SARIF URIs are relative to: the program's git repository, or its project folder. */
    repositoryRoot: string;
    /** The program file, relative to the repository root: where results point when no line of the program is known. */
    programUri: string;
    toolVersion: string;
    /** Maps a position in the code Node ran to the source file's own line and column, for code transpiled without source maps. */
    originalPosition?: (position: SourcePosition) => SourcePosition;
}

/** GitHub code scanning ranks alerts by this score, a string from 0.1 to 10; these sit inside its severity bands. */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/** The `partialFingerprints` key of results; its value depends only on the policy and the resource's URN. */
export const FINGERPRINT_KEY = "hardenedRedisResource/v1";

/**
 * A SARIF 2.1.0 log for code scanning: one rule per policy (rule ids are policy names), one result per
 * violation, placed at the line of the program that created the violating resource, or that created
 * its nearest ancestor when the resource itself was created outside the program's code.
 */
export function toSarif(input: SarifInput): Log {
    const rules: ReportingDescriptor[] = input.rules.map((rule) => ({
        id: rule.name,
        name: rule.name,
        shortDescription: { text: rule.description },
        ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
        properties: {
            tags: ["security"],
            ...(rule.severity ? { severity: rule.severity, "security-severity": SECURITY_SEVERITY[rule.severity] } : {}),
        },
    }));
    const root = realpath(input.repositoryRoot);
    const locate = programLocator(input, root);
    const results: Result[] = input.violations.map((violation) => ({
        ruleId: violation.policyName,
        ruleIndex: input.rules.findIndex((r) => r.name === violation.policyName),
        level: violation.enforcementLevel === "mandatory" ? "error" : "warning",
        message: { text: violation.message },
        locations: [
            {
                physicalLocation: locate(violation.urn),
                ...(violation.urn
                    ? { logicalLocations: [{ fullyQualifiedName: violation.urn, name: violation.resourceName, kind: "resource" }] }
                    : {}),
            },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(violation) },
    }));
    return sarifLog({
        tool: { driver: { name: TOOL_NAME, version: input.toolVersion, rules } },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(root).href.replace(/\/$/, "")}/` } },
        results,
    });
}

const TOOL_NAME = "hardened-redis-policies";

function sarifLog(run: Run): Log {
    return { version: "2.1.0", $schema: "https://json.schemastore.org/sarif-2.1.0.json", runs: [run] };
}

/**
 * A run that judged nothing because the gate could not run the program: no results, and the reason as a
 * failed invocation, so that code scanning shows the failure instead of an empty, "clean" upload.
 */
export function failedRunSarif(message: string, toolVersion: string): Log {
    return sarifLog({
        tool: { driver: { name: TOOL_NAME, version: toolVersion } },
        invocations: [
            { executionSuccessful: false, exitCode: 2, toolExecutionNotifications: [{ level: "error", message: { text: message } }] },
        ],
        results: [],
    });
}

/** Stable across edits that move lines or reword messages: the policy and the resource, nothing else. */
function fingerprint(violation: Violation): string {
    return createHash("sha256")
        .update(`${violation.policyName}\n${violation.urn ?? ""}`)
        .digest("hex");
}

type PhysicalLocation = NonNullable<Location["physicalLocation"]>;

/**
 * For a resource URN, the line of the program that created the resource or else its nearest ancestor;
 * else line 1 of the program file. A frame is the program's when its file is in the repository, outside
 * node_modules, and in the same package (nearest package.json) as the program: a component's own frames
 * are not, even when npm workspaces link its package into node_modules, so that a component's children
 * point at the program's `new Component(...)` line.
 */
function programLocator(input: SarifInput, root: string): (urn: string | undefined) => PhysicalLocation {
    const packages = new Map<string, string | undefined>();
    const programPackage = owningPackage(realpath(path.resolve(input.repositoryRoot, input.programUri)), packages);
    const isProgramFile = (file: string) => {
        const relative = path.relative(root, file);
        const segments = relative.split(path.sep);
        if (segments[0] === ".." || path.isAbsolute(relative) || segments.includes("node_modules")) return false;
        return owningPackage(file, packages) === programPackage;
    };
    const byUrn = new Map(input.resources.map((r) => [r.urn, r]));
    const fallback: PhysicalLocation = {
        artifactLocation: { uri: toUri(input.programUri), uriBaseId: "%SRCROOT%" },
        region: { startLine: 1 },
    };
    return (urn) => {
        for (
            let resource = urn ? byUrn.get(urn) : undefined;
            resource;
            resource = resource.parent ? byUrn.get(resource.parent) : undefined
        ) {
            const frame = resource.stack?.find((f) => isProgramFile(f.file));
            if (!frame) continue;
            const { line, column } = input.originalPosition?.(frame) ?? frame;
            return {
                artifactLocation: { uri: toUri(path.relative(root, frame.file)), uriBaseId: "%SRCROOT%" },
                region: { startLine: line, ...(column ? { startColumn: column } : {}) },
            };
        }
        return fallback;
    };
}

/** The folder of the nearest package.json at or above `fileOrDir`, cached per folder; undefined when there is none. */
function owningPackage(fileOrDir: string, cache: Map<string, string | undefined>): string | undefined {
    const dir = isDirectory(fileOrDir) ? fileOrDir : path.dirname(fileOrDir);
    if (!cache.has(dir)) {
        const parent = path.dirname(dir);
        cache.set(dir, fs.existsSync(path.join(dir, "package.json")) ? dir : parent === dir ? undefined : owningPackage(parent, cache));
    }
    return cache.get(dir);
}

function isDirectory(file: string): boolean {
    return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Stack frames name files by their real path, so paths are compared after resolving symbolic links. */
function realpath(file: string): string {
    try {
        return fs.realpathSync(file);
    } catch {
        return path.resolve(file);
    }
}

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
function toUri(relativePath: string): string {
    return relativePath.split(path.sep).map(encodeURIComponent).join("/");
}
