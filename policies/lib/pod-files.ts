/**
 * The files a container sees under its volume mounts, as the kubelet lays them out: a ConfigMap or
 * Secret volume holds every key as a file, or only `items[]` at their `path`; a projected volume
 * merges its sources; `subPath` mounts one entry of the volume. `defaultMode` changes nothing here.
 * Source: https://kubernetes.io/docs/concepts/storage/volumes/#configmap and #using-subpath.
 */
import { CONFIG_MAP, SECRET } from "./kubernetes";
import { Known, PodContext, dataOf, referencedObject } from "./kubelet";
import { UNKNOWN, isUnknown, listOf, objectOf, stringOf } from "./known-values";
import { UnreadConfig } from "./redis-config";

/** A file's text and where it comes from, or why the gate cannot read it (`ofImage`: no volume holds it). */
export type PodFile = { text: string; source: string } | (UnreadConfig & { ofImage?: true });

/** The entries of one volume, by path relative to its root; UNKNOWN when the volume's content is not in the program. */
type VolumeEntries = Known<Map<string, Known<{ text: string; source: string }>>>;

function objectEntries(context: PodContext, type: typeof CONFIG_MAP | typeof SECRET, name: unknown, items: unknown): VolumeEntries {
    const object = referencedObject(context, type, name);
    const data = isUnknown(object) ? UNKNOWN : dataOf(object);
    if (isUnknown(object) || isUnknown(data) || isUnknown(items)) return UNKNOWN;
    const kind = type === SECRET ? "Secret" : "ConfigMap";
    const selected = Array.isArray(items)
        ? items.map(objectOf).map((item) => [item.key, item.path] as const)
        : [...data.keys()].map((key) => [key, key] as const);
    const entries = new Map<string, Known<{ text: string; source: string }>>();
    for (const [key, path] of selected) {
        if (typeof key !== "string" || typeof path !== "string") return UNKNOWN;
        const text = data.get(key);
        if (text !== undefined)
            entries.set(normalize(path), isUnknown(text) ? UNKNOWN : { text, source: `${kind} "${object.name}" key "${key}"` });
    }
    return entries;
}

function volumeEntries(context: PodContext, volume: Record<string, any>): VolumeEntries {
    if (volume.configMap) return objectEntries(context, CONFIG_MAP, objectOf(volume.configMap).name, objectOf(volume.configMap).items);
    if (volume.secret) return objectEntries(context, SECRET, objectOf(volume.secret).secretName, objectOf(volume.secret).items);
    if (!volume.projected) return UNKNOWN;
    const merged = new Map<string, Known<{ text: string; source: string }>>();
    for (const source of listOf(objectOf(volume.projected).sources).map(objectOf)) {
        const part = source.configMap
            ? objectEntries(context, CONFIG_MAP, objectOf(source.configMap).name, objectOf(source.configMap).items)
            : source.secret
              ? objectEntries(context, SECRET, objectOf(source.secret).name, objectOf(source.secret).items)
              : UNKNOWN;
        if (isUnknown(part)) return UNKNOWN;
        part.forEach((value, path) => merged.set(path, value));
    }
    return merged;
}

function normalize(path: string): string {
    const parts: string[] = [];
    for (const part of path.split("/")) {
        if (part === "" || part === ".") continue;
        if (part === "..") parts.pop();
        else parts.push(part);
    }
    return parts.join("/");
}

/**
 * A reader of the container's files by absolute path (or relative to `workingDir`). A file under a
 * mount of a ConfigMap or Secret in the program is read; any other file is in the image or written
 * at run time, and is unread.
 */
export function podFileReader(context: PodContext, spec: Record<string, any>, container: Record<string, any>): (path: string) => PodFile {
    const volumes = new Map(
        listOf(spec.volumes)
            .map(objectOf)
            .map((v) => [stringOf(v.name) ?? "", v]),
    );
    const mounts = listOf(container.volumeMounts)
        .map(objectOf)
        .map((mount) => ({ path: typeof mount.mountPath === "string" ? normalize(mount.mountPath) : undefined, mount }))
        .sort((a, b) => (b.path?.length ?? 0) - (a.path?.length ?? 0));
    const mountsUnknown = isUnknown(spec.volumes) || isUnknown(container.volumeMounts) || mounts.some((m) => m.path === undefined);
    return (path: string): PodFile => {
        const workingDir = stringOf(container.workingDir);
        if (!path.startsWith("/") && workingDir === undefined) return { unread: `${path}, relative to the image's working directory` };
        const absolute = normalize(path.startsWith("/") ? path : `${workingDir}/${path}`);
        if (mountsUnknown) return { unread: `${path}, as the container's mounts are not known` };
        const match = mounts.find((m) => absolute === m.path || absolute.startsWith(`${m.path}/`) || m.path === "");
        if (!match) return { unread: `${path}, a file of the image`, ofImage: true };
        const volume = volumes.get(stringOf(match.mount.name) ?? "");
        const entries = volume ? volumeEntries(context, volume) : UNKNOWN;
        if (isUnknown(entries) || isUnknown(match.mount.subPath) || match.mount.subPathExpr !== undefined) {
            return {
                unread: `${path}, from volume "${stringOf(match.mount.name) ?? "?"}" whose content is not in the program or not known before deployment`,
            };
        }
        const relative = absolute.slice(match.path!.length).replace(/^\//, "");
        const subPath = normalize(stringOf(match.mount.subPath) ?? "");
        const entry = entries.get(normalize(subPath === "" ? relative : `${subPath}/${relative}`));
        if (entry === undefined) return { unread: `${path}, which volume "${match.mount.name}" does not provide` };
        return isUnknown(entry) ? { unread: `${path}, whose content is not known` } : entry;
    };
}
