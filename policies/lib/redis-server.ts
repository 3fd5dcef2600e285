import { CONFIG_MAP, ContainerView, SECRET, argvUnknown, metadataNameOf, mountedVolumeNames, namespaceOf, podTemplateOf } from "./kubernetes";
import { isUnknown, listOf, objectOf, stringOf } from "./read";
import { Directive, commandLineDirectives, parseConfigFile } from "./redis-config";
import { StackResourceView, StackView } from "./rule";

/** A text file that a ConfigMap or Secret provides, or the fact that its content is not known. */
export interface MountedFile {
    source: string;
    key: string;
    text: string;
}

interface VolumeSource {
    type: typeof CONFIG_MAP | typeof SECRET;
    name: unknown;
}

function volumeSources(volume: Record<string, any>): VolumeSource[] {
    const configMap = objectOf(volume.configMap);
    const secret = objectOf(volume.secret);
    const projected = listOf(objectOf(volume.projected).sources).map(objectOf);
    return [
        ...(volume.configMap ? [{ type: CONFIG_MAP, name: configMap.name } as VolumeSource] : []),
        ...(volume.secret ? [{ type: SECRET, name: secret.secretName } as VolumeSource] : []),
        ...projected.flatMap((p) => [
            ...(p.configMap ? [{ type: CONFIG_MAP, name: objectOf(p.configMap).name } as VolumeSource] : []),
            ...(p.secret ? [{ type: SECRET, name: objectOf(p.secret).name } as VolumeSource] : []),
        ]),
    ];
}

function decode(value: unknown, base64: boolean): string | undefined {
    if (typeof value !== "string") return undefined;
    return base64 ? Buffer.from(value, "base64").toString("utf8") : value;
}

/** The files of a ConfigMap or Secret, decoded; undefined when any of its content is unknown. */
export function filesOf(resource: StackResourceView): MountedFile[] | undefined {
    const { props } = resource;
    const kind = resource.type === SECRET ? "Secret" : "ConfigMap";
    const sections: [unknown, boolean][] = resource.type === SECRET ? [[props.stringData, false], [props.data, true]] : [[props.data, false], [props.binaryData, true]];
    if (sections.some(([section]) => isUnknown(section))) return undefined;
    const files: MountedFile[] = [];
    for (const [section, base64] of sections) {
        for (const [key, value] of Object.entries(objectOf(section))) {
            if (isUnknown(value)) return undefined;
            const text = decode(value, base64);
            if (text !== undefined) files.push({ source: `${kind} "${resource.name}" key "${key}"`, key, text });
        }
    }
    return files;
}

export interface ServerConfig {
    /** The effective value of each directive: the command line overrides the config files. */
    directives: Map<string, Directive>;
    /** Every directive in the order redis-server reads them (repeatable ones such as `user` included). */
    all: Directive[];
    /** The files of the mounted ConfigMaps and Secrets, such as an ACL file. */
    files: MountedFile[];
    /** False when a mounted config source is outside the program or not known yet. */
    complete: boolean;
}

const CONFIG_FILE = /\.conf$/i;

/**
 * The Redis configuration a server container runs with: the `*.conf` files of the ConfigMaps and
 * Secrets it mounts, then its command line. A volume names its source either literally or through
 * an output of the source resource; the latter is followed through the workload's property dependencies.
 */
export function serverConfigOf(stack: StackView, workload: StackResourceView, view: ContainerView): ServerConfig {
    const { spec } = podTemplateOf(workload);
    const mounted = mountedVolumeNames(view.container);
    const namespace = namespaceOf(workload);
    let complete = !argvUnknown(view.container) && !isUnknown(spec.volumes);
    const sources = new Set<StackResourceView>();
    for (const volume of listOf(spec.volumes).map(objectOf)) {
        if (!mounted.has(stringOf(volume.name) ?? "")) continue;
        for (const source of volumeSources(volume)) {
            const byName = typeof source.name === "string"
                ? stack.ofType(source.type).filter((r) => metadataNameOf(r) === source.name && namespaceOf(r) === namespace)
                : stack.sourcesOf(workload, "spec", [source.type]);
            if (byName.length === 0) complete = false;
            byName.forEach((r) => sources.add(r));
        }
    }
    const all: Directive[] = [];
    const mountedFiles: MountedFile[] = [];
    for (const source of sources) {
        const files = filesOf(source);
        if (files === undefined) complete = false;
        mountedFiles.push(...(files ?? []));
        for (const file of files ?? []) {
            if (CONFIG_FILE.test(file.key)) all.push(...parseConfigFile(file.text, file.source));
        }
    }
    all.push(...commandLineDirectives(view.container, `the command line of container "${view.name}"`));
    return { directives: new Map(all.map((d) => [d.name, d])), all, files: mountedFiles, complete };
}
