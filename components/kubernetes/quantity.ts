/** Kubernetes resource quantities, limited to the forms that resource requests and limits use. */

const BINARY_SUFFIXES: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL_SUFFIXES: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
const MEMORY = /^(\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const CPU = /^(\d+)m$|^(\d+(?:\.\d{1,3})?)$/;

export const MEMORY_DESCRIPTION = 'a whole number of bytes with an optional suffix Ki, Mi, Gi, Ti, k, M, G or T, such as "2Gi"';
export const CPU_DESCRIPTION = 'cores such as "1" or "1.5", or millicores such as "500m"';

/** Bytes in a memory quantity such as `2Gi`, or undefined when it is not one. */
export function memoryBytes(quantity: string): number | undefined {
    const match = MEMORY.exec(quantity);
    if (!match) return undefined;
    const suffix = match[2];
    return Number(match[1]) * (suffix ? (BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix]) : 1);
}

/** Millicores in a CPU quantity such as `500m` or `2`, or undefined when it is not one. */
export function cpuMillicores(quantity: string): number | undefined {
    const match = CPU.exec(quantity);
    if (!match) return undefined;
    return match[1] !== undefined ? Number(match[1]) : Math.round(Number(match[2]) * 1000);
}
