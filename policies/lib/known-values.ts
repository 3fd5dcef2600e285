import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";

// The key under which `@pulumi/policy`'s proxy hands back the object it wraps; internal, so not in its typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- its typings (proxy.d.ts) export nothing.
const { getSpecialProxyTarget } = require("@pulumi/policy/proxy") as { getSpecialProxyTarget: string };

/** A value that stays unknown until its resource is created, as during `pulumi preview`. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

/**
 * A plain deep copy of what a policy receives, in which every value that is unknown during preview
 * is `UNKNOWN` instead of a read that throws. Rules read props only through this, so that a value
 * computed by another resource never stops a rule from judging everything that is known.
 */
export function known(value: unknown): any {
    return copy(unknownCheckingProxy({ value }), "value");
}

function copy(holder: any, key: PropertyKey): any {
    let value: unknown;
    try {
        value = holder[key];
    } catch (error) {
        if (error instanceof UnknownValueError) return UNKNOWN;
        throw error;
    }
    if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => copy(value, i));
    // An asset's text, path or URI reaches a policy as a promise: kept, unproxied, for `settled` to await.
    if (value instanceof Promise) return unproxied(value);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.keys(value).map((k) => [k, copy(value, k)]));
    }
    return value;
}

/** The object under every unknown-checking proxy around it: a promise's methods refuse a proxy as receiver. */
function unproxied(value: any): any {
    return value[getSpecialProxyTarget] === undefined ? value : unproxied(value[getSpecialProxyTarget]);
}

/** A copy made by `known` with every promise in it awaited, so that rules read an asset's text like any string. */
export async function settled(value: unknown): Promise<any> {
    if (value instanceof Promise) return settled(await value);
    if (Array.isArray(value)) return Promise.all(value.map(settled));
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await settled(v)] as const)));
    }
    return value;
}

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

/** The value when it is a string, otherwise undefined (absent, unknown or of another type). */
export function stringOf(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/** The value when it is a number, or a string that holds one; otherwise undefined. */
export function numberOf(value: unknown): number | undefined {
    if (typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** The value when it is a boolean, or the strings "true"/"false" some providers use; otherwise undefined. */
export function booleanOf(value: unknown): boolean | undefined {
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    return undefined;
}

/** The elements of an array, or none when the value is absent, unknown or not an array. */
export function listOf(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}

/** The value when it is a plain object, otherwise an empty one. */
export function objectOf(value: unknown): Record<string, any> {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, any>) : {};
}

/** True when a value is absent: undefined, null, an empty string or an empty list. Unknown is not absent. */
export function isAbsent(value: unknown): boolean {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** True when a switch is off: explicitly false, or absent where the default is off. Unknown is not off. */
export function isOff(value: unknown): boolean {
    return value === undefined || value === null || booleanOf(value) === false;
}
