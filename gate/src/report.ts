import { RegisteredResource } from "./mock-runtime";
import type { Violation } from "./evaluate";

const NOT_REGIONAL = "(not regional)";
/** Where the plan lists IAM, whose roles and policies belong to the account, not to a region. */
const AWS_GLOBAL = "aws-global";
const GLOBAL_AWS_TYPES = /^aws:iam\//;

/** The region a resource is created in: its own `region`, its provider's, or the stack's default; `aws-global` for IAM. */
export function regionOf(resource: RegisteredResource, byUrn: Map<string, RegisteredResource>, defaultRegion: string | undefined): string {
    if (resource.type.startsWith("kubernetes:")) return "kubernetes";
    if (!resource.type.startsWith("aws:")) return NOT_REGIONAL;
    if (GLOBAL_AWS_TYPES.test(resource.type)) return AWS_GLOBAL;
    if (typeof resource.inputs.region === "string") return resource.inputs.region;
    const providerUrn = resource.provider?.split("::").slice(0, -1).join("::");
    const provider = providerUrn ? byUrn.get(providerUrn) : undefined;
    return (provider?.inputs.region as string | undefined) ?? defaultRegion ?? "(provider default region)";
}

/** The resource's outermost ancestor: the component it belongs to, or itself at the top level. */
function topLevelOf(resource: RegisteredResource, byUrn: Map<string, RegisteredResource>): RegisteredResource | undefined {
    let current = resource;
    for (let parent = current.parent && byUrn.get(current.parent); parent; parent = current.parent && byUrn.get(current.parent)) {
        current = parent;
    }
    return current === resource ? undefined : current;
}

export interface PlanGroup {
    region: string;
    component: string;
    counts: Record<string, number>;
    total: number;
}

/** Resources to create, grouped by region, then by top-level component, then counted by type. */
export function planGroups(resources: RegisteredResource[], defaultRegion: string | undefined): PlanGroup[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const groups = new Map<string, PlanGroup>();
    const parents = new Set(resources.map((r) => r.parent));
    for (const resource of resources) {
        // Providers and components (anything with children) are not created in a cloud.
        if (resource.type.startsWith("pulumi:providers:") || parents.has(resource.urn)) continue;
        const owner = topLevelOf(resource, byUrn);
        const region = regionOf(resource, byUrn, defaultRegion);
        const component = owner ? `${owner.type} "${owner.name}"` : "(program)";
        const key = `${region}\u0000${component}`;
        const group = groups.get(key) ?? { region, component, counts: {}, total: 0 };
        group.counts[resource.type] = (group.counts[resource.type] ?? 0) + 1;
        group.total += 1;
        groups.set(key, group);
    }
    return [...groups.values()].sort((a, b) => a.region.localeCompare(b.region) || a.component.localeCompare(b.component));
}

/** The plan as an indented tree with counts. */
export function formatPlan(groups: PlanGroup[]): string {
    const lines: string[] = [];
    const total = groups.reduce((sum, g) => sum + g.total, 0);
    const regions = [...new Set(groups.map((g) => g.region))];
    const awsRegions = regions.filter((r) => /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(r)).length;
    lines.push(`Resources to create: ${total}${awsRegions > 0 ? `, in ${awsRegions} AWS region${awsRegions === 1 ? "" : "s"}` : ""}`);
    for (const region of regions) {
        const inRegion = groups.filter((g) => g.region === region);
        lines.push(`${region} (${inRegion.reduce((sum, g) => sum + g.total, 0)})`);
        for (const group of inRegion) {
            lines.push(`  ${group.component} (${group.total})`);
            for (const [type, count] of Object.entries(group.counts).sort()) {
                lines.push(`    ${String(count).padStart(3)}  ${type}`);
            }
        }
    }
    return lines.join("\n");
}

/** Violations as an aligned table, mandatory first, with a one-line summary. */
export function formatViolations(violations: Violation[]): string {
    if (violations.length === 0) return "Policy violations: none";
    const sorted = [...violations].sort((a, b) => rank(a) - rank(b) || a.policyName.localeCompare(b.policyName));
    const rows = sorted.map((v) => [
        v.enforcementLevel,
        v.policyName,
        v.resourceName ? `${v.resourceType} "${v.resourceName}"` : "(stack)",
        findingOf(v),
    ]);
    const header = ["LEVEL", "POLICY", "RESOURCE", "MESSAGE"];
    const widths = header.slice(0, 3).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join("  ");
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return [`Policy violations: ${mandatory} mandatory, ${violations.length - mandatory} advisory`, line(header), ...rows.map(line)].join(
        "\n",
    );
}

/** The rule's own finding: the message without the policy description that the engine puts first. */
function findingOf(violation: Violation): string {
    const lines = violation.message.split("\n");
    return (lines.length > 1 ? lines.slice(1) : lines).join(" ");
}

function rank(violation: Violation): number {
    return violation.enforcementLevel === "mandatory" ? 0 : 1;
}
