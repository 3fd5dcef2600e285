/**
 * What the kubelet does to a container before it starts: the environment it builds from `envFrom`
 * and `env`, and the `$(VAR)` references it expands in `command` and `args`.
 * Source: https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/
 * and kubernetes/third_party/forked/golang/expansion/expand.go.
 */
import { CONFIG_MAP, SECRET, metadataNameOf, namespaceOf } from "./kubernetes";
import { UNKNOWN, Unknown, isUnknown, listOf, objectOf, stringOf } from "./known-values";
import { ResourceView, StackResourceView, StackView } from "./rule";

/** A value the gate knows, or UNKNOWN. */
export type Known<T> = T | Unknown;

/** The pod's surroundings: the program's other resources (absent for a rule that judges one resource alone). */
export interface PodContext {
    stack?: StackView;
    workload: ResourceView;
}

/** The ConfigMap or Secret a pod spec names, when the program declares it; UNKNOWN otherwise. */
export function referencedObject(context: PodContext, type: typeof CONFIG_MAP | typeof SECRET, name: unknown): Known<StackResourceView> {
    const { stack, workload } = context;
    if (!stack) return UNKNOWN;
    if (typeof name === "string") {
        const namespace = namespaceOf(workload);
        return stack.ofType(type).find((r) => metadataNameOf(r) === name && namespaceOf(r) === namespace) ?? UNKNOWN;
    }
    const fed = stack.sourcesOf(workload as StackResourceView, "spec", [type]);
    return fed.length === 1 ? fed[0] : UNKNOWN;
}

/**
 * The key-value data of a ConfigMap or Secret (Secret `data` and ConfigMap `binaryData` decoded),
 * UNKNOWN values kept; UNKNOWN when even its keys are not known.
 */
export function dataOf(resource: ResourceView): Known<Map<string, Known<string>>> {
    const { props } = resource;
    const sections: [unknown, boolean][] =
        resource.type === SECRET
            ? [
                  [props.data, true],
                  [props.stringData, false],
              ]
            : [
                  [props.binaryData, true],
                  [props.data, false],
              ];
    if (sections.some(([section]) => isUnknown(section))) return UNKNOWN;
    const data = new Map<string, Known<string>>();
    for (const [section, base64] of sections) {
        for (const [key, value] of Object.entries(objectOf(section))) {
            if (isUnknown(value)) data.set(key, UNKNOWN);
            else if (typeof value === "string") data.set(key, base64 ? Buffer.from(value, "base64").toString("utf8") : value);
        }
    }
    return data;
}

/** Stands in the environment for the variables of an `envFrom` source whose keys are not known: any name may be defined. */
export const ANY_VARIABLE = "*";

/** Names the kubelet adds for Services (`<NAME>_SERVICE_HOST`, `<NAME>_PORT_6379_TCP`, ...): their values are not known. */
const SERVICE_LINK = /_(SERVICE_HOST|SERVICE_PORT|SERVICE_PORT_[A-Z0-9_]+|PORT|PORT_\d+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)$/;

/**
 * Expands `$(NAME)` from the variables, as the kubelet does: `$$` is a literal `$`, a name that is
 * not defined stays `$(NAME)` as written, any other `$` is literal. UNKNOWN when a referenced value is.
 */
export function expandReferences(input: string, variables: ReadonlyMap<string, Known<string>>): Known<string> {
    let out = "";
    for (let i = 0; i < input.length; i++) {
        if (input[i] !== "$" || i + 1 >= input.length) {
            out += input[i];
            continue;
        }
        const next = input[i + 1];
        const close = next === "(" ? input.indexOf(")", i + 2) : -1;
        if (next === "$") out += "$";
        else if (close < 0) out += `$${next}`;
        else {
            const name = input.slice(i + 2, close);
            const value = variables.has(name)
                ? variables.get(name)!
                : SERVICE_LINK.test(name) || variables.has(ANY_VARIABLE)
                  ? UNKNOWN
                  : `$(${name})`;
            if (isUnknown(value)) return UNKNOWN;
            out += value;
            i = close - 1;
        }
        i++;
    }
    return out;
}

/** Where one environment variable came from, for messages and for the credential rules. */
export interface EnvVariable {
    name: string;
    value: Known<string>;
    /** The ConfigMap it was read from, when it came from one. */
    configMap?: StackResourceView;
    /** `env[].value` written in the pod spec. */
    literal: boolean;
}

/**
 * The container's environment as the kubelet builds it: every `envFrom` source in order (keys with
 * their `prefix`), then `env` in order, each `value` expanded from the variables defined before it.
 */
export function containerEnvironment(context: PodContext, container: Record<string, any>): Map<string, EnvVariable> {
    const env = new Map<string, EnvVariable>();
    const values = () => valuesOf(env);
    for (const source of listOf(container.envFrom).map(objectOf)) {
        const prefix = stringOf(source.prefix) ?? "";
        const configMap = source.configMapRef ? referencedObject(context, CONFIG_MAP, objectOf(source.configMapRef).name) : undefined;
        const secret = source.secretRef ? referencedObject(context, SECRET, objectOf(source.secretRef).name) : undefined;
        for (const object of [configMap, secret] as (Known<StackResourceView> | undefined)[]) {
            const data = object === undefined || isUnknown(object) ? undefined : dataOf(object);
            if (object === undefined || isUnknown(object) || data === undefined) continue;
            if (isUnknown(data)) {
                env.set(ANY_VARIABLE, { name: ANY_VARIABLE, value: UNKNOWN, literal: false });
                continue;
            }
            for (const [key, value] of data) {
                env.set(prefix + key, {
                    name: prefix + key,
                    value,
                    literal: false,
                    configMap: object.type === CONFIG_MAP ? object : undefined,
                });
            }
        }
    }
    for (const entry of listOf(container.env).map(objectOf)) {
        const name = stringOf(entry.name);
        if (name === undefined) continue;
        if (entry.valueFrom !== undefined) env.set(name, { name, ...valueFrom(context, objectOf(entry.valueFrom)), literal: false });
        else if (isUnknown(entry.value)) env.set(name, { name, value: UNKNOWN, literal: true });
        else env.set(name, { name, value: expandReferences(stringOf(entry.value) ?? "", values()), literal: true });
    }
    return env;
}

/** The values of an environment, by name. */
export function valuesOf(env: ReadonlyMap<string, EnvVariable>): Map<string, Known<string>> {
    return new Map<string, Known<string>>([...env].map(([name, v]) => [name, v.value]));
}

function valueFrom(context: PodContext, from: Record<string, any>): { value: Known<string>; configMap?: StackResourceView } {
    const ref = from.configMapKeyRef ? objectOf(from.configMapKeyRef) : from.secretKeyRef ? objectOf(from.secretKeyRef) : undefined;
    if (ref === undefined) return { value: UNKNOWN };
    const object = referencedObject(context, from.configMapKeyRef ? CONFIG_MAP : SECRET, ref.name);
    if (isUnknown(object) || typeof ref.key !== "string") return { value: UNKNOWN };
    const data = dataOf(object);
    return {
        value: isUnknown(data) ? UNKNOWN : (data.get(ref.key) ?? UNKNOWN),
        configMap: object.type === CONFIG_MAP ? object : undefined,
    };
}

/**
 * The container's `command` followed by its `args`, each word expanded by the kubelet (UNKNOWN where
 * not known). `fromImage` says the image's ENTRYPOINT runs first (no `command`). UNKNOWN when the
 * lists themselves are not known.
 */
export function containerArgv(
    container: Record<string, any>,
    env: ReadonlyMap<string, EnvVariable>,
): Known<{ argv: Known<string>[]; fromImage: boolean }> {
    if ([container.command, container.args].some(isUnknown)) return UNKNOWN;
    const variables = valuesOf(env);
    const argv = [...listOf(container.command), ...listOf(container.args)].map((word) =>
        typeof word === "string" ? expandReferences(word, variables) : UNKNOWN,
    );
    return { argv, fromImage: listOf(container.command).length === 0 };
}
