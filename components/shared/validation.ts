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
    constructor(private readonly component: string, private readonly name: string) {}

    /** Throws an error that names the argument, what is wrong with it and what is allowed. */
    fail(arg: string, problem: string, allowed: string): never {
        throw new InvalidArgumentError(`${this.component} "${this.name}": ${arg} ${problem}. Allowed: ${allowed}.`);
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
            this.fail(arg, `is ${value}`, `a whole number from ${min} to ${max}`);
        }
        return value;
    }

    oneOf<T extends string>(arg: string, value: string, allowed: readonly T[]): T {
        if (!(allowed as readonly string[]).includes(value)) {
            this.fail(arg, `is "${value}"`, allowed.map((a) => `"${a}"`).join(", "));
        }
        return value as T;
    }

    nonEmpty<T>(arg: string, values: readonly T[] | undefined, allowed: string): readonly T[] {
        if (!values || values.length === 0) {
            this.fail(arg, "is empty", allowed);
        }
        return values;
    }

    matches(arg: string, value: string, pattern: RegExp, allowed: string): string {
        if (!pattern.test(value)) {
            this.fail(arg, `is "${value}"`, allowed);
        }
        return value;
    }
}

function isPromise(value: unknown): value is Promise<unknown> {
    return typeof (value as Promise<unknown> | undefined)?.then === "function";
}
