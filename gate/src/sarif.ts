import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Violation } from "./evaluate";
import type { RegisteredResource } from "./mock-runtime";

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
    /** The program file, relative to the repository root, that results point at. */
    programUri: string;
    toolVersion: string;
}

/** A SARIF 2.1.0 log for code scanning: one rule per policy, one result per violation, rule ids are policy names. */
export function toSarif(input: SarifInput): Log {
    const rules: ReportingDescriptor[] = input.rules.map((rule) => ({
        id: rule.name,
        name: rule.name,
        shortDescription: { text: rule.description },
        ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
        properties: rule.severity ? { severity: rule.severity } : {},
    }));
    const results: Result[] = input.violations.map((violation) => ({
        ruleId: violation.policyName,
        ruleIndex: input.rules.findIndex((r) => r.name === violation.policyName),
        level: violation.enforcementLevel === "mandatory" ? "error" : "warning",
        message: { text: violation.message },
        locations: [
            {
                physicalLocation: { artifactLocation: { uri: input.programUri }, region: { startLine: 1 } },
                ...(violation.urn ? { logicalLocations: [{ fullyQualifiedName: violation.urn, name: violation.resourceName, kind: "resource" }] } : {}),
            },
        ],
    }));
    return {
        version: "2.1.0",
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [{ tool: { driver: { name: "hardened-redis-policies", version: input.toolVersion, rules } }, results }],
    };
}
