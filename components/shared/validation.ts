import { distance as levenshtein } from "fastest-levenshtein";
import * as pulumi from "@pulumi/pulumi";

/** Thrown for arguments that cannot produce a secure deployment. */
export class InvalidArgumentError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InvalidArgumentError";
    }
}

/**
 * Reports bad arguments of one component instance, prefixing every message with
 * the component type and name so that the user can find the offending call.
 */
export class ArgChecker {
    constructor(
        private readonly component: string,
        private readonly name: string,
    ) {}

    /** Throws an error that names the argument, what is wrong with it and what is allowed. */
    fail(arg: string, problem: string, allowed: string): never {
        const stop = /[.?!]$/.test(problem) ? "" : ".";
        throw new InvalidArgumentError(`${this.component} "${this.name}": ${arg} ${problem}${stop} Allowed: ${allowed}.`);
    }

    /**
     * Checks a component's whole argument object: that it is an object at all (JavaScript and YAML
     * callers can pass anything), and that it holds no name outside `names`. Returns it.
     */
    args<T>(value: T, names: readonly string[], allowed: string): T {
        this.isObject("args", value, allowed);
        this.knownKeys("", value as object, names);
        return value;
    }

    /** Checks a nested argument object the same way: an object, with no name outside `names`. Returns it. */
    object<T>(arg: string, value: T, names: readonly string[], allowed = `an object with any of ${names.join(", ")}`): T {
        this.isObject(arg, value, allowed);
        this.knownKeys(arg, value as object, names);
        return value;
    }

    /**
     * Fails on the first key of `value` that is not in `names`, which is most often a misspelt
     * argument that would otherwise be ignored in favour of its default. Suggests the closest name.
     * `at` is the path of the object, such as `users[0]`, or "" for the component's own arguments.
     */
    knownKeys(at: string, value: object, names: readonly string[]): void {
        const path = (key: string) => (at ? `${at}.${key}` : key);
        for (const key of Object.keys(value)) {
            if (names.includes(key)) continue;
            const suggestion = closestName(key, names);
            const shown = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
            this.fail(
                path(shown),
                `is not an argument${suggestion === undefined ? "" : `. Did you mean ${path(suggestion)}?`}`,
                names.join(", "),
            );
        }
    }

    /** Fails unless `value` is set to a string that is not empty or blank; runs once an output resolves. */
    nonEmptyString(arg: string, value: pulumi.Input<string>, allowed: string): pulumi.Input<string> {
        if (value === undefined || value === null) this.fail(arg, "is not set", allowed);
        return this.whenKnown(value, (resolved) => {
            if (typeof resolved !== "string") this.fail(arg, describe(resolved), allowed);
            if (resolved.trim() === "") this.fail(arg, `is ${JSON.stringify(resolved)}`, allowed);
        });
    }

    private isObject(arg: string, value: unknown, allowed: string): void {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            this.fail(arg, describe(value), allowed);
        }
    }

    /**
     * Runs `check` now on a plain value, or once an output resolves. The returned input carries the
     * checked value, so a late failure surfaces in the resource that consumes it.
     */
    whenKnown<T>(value: pulumi.Input<T>, check: (resolved: T) => void): pulumi.Input<T> {
        if (pulumi.Output.isInstance(value)) {
            return value.apply((resolved) => {
                check(resolved as T);
                return resolved;
            }) as pulumi.Output<T>;
        }
        if (isPromise(value)) {
            return pulumi.output(value).apply((resolved) => {
                check(resolved as T);
                return resolved;
            }) as pulumi.Output<T>;
        }
        check(value as T);
        return value;
    }

    integerInRange(arg: string, value: number, min: number, max: number): number {
        if (!Number.isInteger(value) || value < min || value > max) {
            this.fail(arg, typeof value === "number" ? `is ${value}` : describe(value), `a whole number from ${min} to ${max}`);
        }
        return value;
    }

    /** Fails unless `value` is an object of names and values, such as labels or tags; returns it. */
    record<T>(arg: string, value: T, allowed: string): T {
        this.isObject(arg, value, allowed);
        return value;
    }

    /** Fails unless `value` is true or false: a string such as "false" would otherwise count as true. */
    boolean(arg: string, value: boolean): boolean {
        if (typeof value !== "boolean") this.fail(arg, describe(value), "true or false");
        return value;
    }

    /** Fails unless `value` is a list (JavaScript and YAML callers can pass a single string); returns it. */
    list<T>(arg: string, value: readonly T[], allowed: string): readonly T[] {
        if (!Array.isArray(value)) this.fail(arg, "is not a list", allowed);
        return value;
    }

    oneOf<T extends string>(arg: string, value: string, allowed: readonly T[]): T {
        if (!(allowed as readonly string[]).includes(value)) {
            this.fail(arg, typeof value === "string" ? `is "${value}"` : describe(value), allowed.map((a) => `"${a}"`).join(", "));
        }
        return value as T;
    }

    /** Fails unless `values` is a list with at least one entry; returns it. */
    nonEmpty<T>(arg: string, values: readonly T[] | undefined, allowed: string): readonly T[] {
        if (values === undefined || values === null) this.fail(arg, "is not set", allowed);
        this.list(arg, values, allowed);
        if (values.length === 0) this.fail(arg, "is empty", allowed);
        return values;
    }

    matches(arg: string, value: string, pattern: RegExp, allowed: string): string {
        // RegExp.test turns undefined into "undefined", which many name patterns accept.
        if (typeof value !== "string") {
            this.fail(arg, describe(value), allowed);
        }
        if (!pattern.test(value)) {
            this.fail(arg, `is ${quote(value)}`, allowed);
        }
        return value;
    }
}

/** What a value that is not of the expected kind is, for a message: `is not set`, `is null`, `is the number 3`. */
function describe(value: unknown): string {
    if (value === undefined) return "is not set";
    if (value === null) return "is null";
    if (Array.isArray(value)) return "is a list";
    if (typeof value === "object") return "is an object";
    if (typeof value === "string") return `is the string ${quote(value)}`;
    return `is the ${typeof value} ${String(value)}`;
}

/** A string in double quotes with every control character escaped, DEL included, so a message shows it. */
export function quote(value: string): string {
    return JSON.stringify(value).replace(/\u007f/g, "\\u007f");
}

/**
 * The allowed name closest to a misspelt one, or undefined when none is close: the name in another
 * case or within a few edits (a third of its length, at least two), else the shortest allowed name
 * that starts with it or that it starts with (`kmsKey` for `kmsKeyArn`), for names of 4 or more letters.
 */
export function closestName(name: string, names: readonly string[]): string | undefined {
    const lower = name.toLowerCase();
    let best: { name: string; distance: number } | undefined;
    for (const candidate of names) {
        const distance = levenshtein(lower, candidate.toLowerCase());
        if (!best || distance < best.distance) best = { name: candidate, distance };
    }
    if (best && best.distance <= Math.max(2, Math.floor(name.length / 3))) return best.name;
    if (lower.length < 4) return undefined;
    const related = names.filter((candidate) => candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase()));
    return related.sort((x, y) => x.length - y.length)[0];
}

/** Unknown when L names every key of T; otherwise an object type that names the keys left out. */
type EveryKeyNamed<T, L extends readonly unknown[]> = [Exclude<keyof T, L[number]>] extends [never]
    ? unknown
    : { argNamesLeftOut: Exclude<keyof T, L[number]> };

/**
 * The argument names of an Args interface `T`, for `ArgChecker.args` and `ArgChecker.object`, proved
 * by the compiler to match the interface in both directions: each listed name must be a key of `T`, and
 * a key of `T` that is not listed makes the call fail to compile with an error naming it. Adding an
 * argument to an interface without listing it here therefore fails the build.
 *
 *     const USER_ARG_NAMES = argNames<RedisUserArgs>()(["name", "role", "keyPatterns"]);
 */
export function argNames<T>() {
    return <const L extends readonly (keyof T & string)[]>(names: L & EveryKeyNamed<T, L>): L => names;
}

function isPromise(value: unknown): value is Promise<unknown> {
    return typeof (value as Promise<unknown> | undefined)?.then === "function";
}
