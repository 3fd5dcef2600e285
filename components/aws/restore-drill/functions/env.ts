/** A function deployed without what it needs: fails at once, naming the variable. */
export class DrillConfigurationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "DrillConfigurationError";
    }
}

export function requiredEnv(env: Record<string, string | undefined>, name: string): string {
    const value = env[name];
    if (!value) throw new DrillConfigurationError(`The function needs the environment variable ${name}.`);
    return value;
}
