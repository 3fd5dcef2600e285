import { createHash } from "node:crypto";

export function sha256(text: string): string {
    return createHash("sha256").update(text).digest("hex");
}

/** A digest of a set of files that does not depend on the order of their names. */
export function filesChecksum(files: Record<string, string>): string {
    return sha256(
        JSON.stringify(
            Object.keys(files)
                .sort()
                .map((name) => [name, files[name]]),
        ),
    );
}
