/**
 * What the pod's own redis-cli commands change on its running server: `CONFIG SET name value [name value ...]`
 * (Redis 7.0 takes several pairs) and `ACL SETUSER name rules...`, sent from a container, a native sidecar,
 * a probe or a lifecycle hook to the server on the pod's loopback (no `-h`, or a loopback host). A command
 * sent to another host, or one whose words are not known before deployment, leaves what it may change unread.
 * CONFIG SET of `aclfile` fails on the server (an immutable config), so it changes nothing.
 */
import { Known, PodContext, containerEnvironment } from "./kubelet";
import { longRunningContainersOf } from "./kubernetes";
import { isUnknown } from "./known-values";
import { ClientCall, commandsSent, containerScripts } from "./redis-cli";
import { ConfigEntry, UnreadConfig } from "./redis-config";

/** A user's rules as `ACL SETUSER` applies them, after the ones it has. */
export interface UserChange {
    name: string;
    rules: string[];
    source: string;
}

export interface RuntimeChanges {
    /** Settings CONFIG SET changes, in the order sent, after the configuration the server started with. */
    entries: ConfigEntry[];
    users: (UserChange | UnreadConfig)[];
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;
const IMMUTABLE = new Set(["aclfile"]);

/** The host redis-cli connects to: `-h`, or the host of `-u`; undefined for the default (127.0.0.1) or a unix socket. */
function hostOf(call: ClientCall): Known<string> | undefined {
    const uri = call.options.get("-u");
    if (typeof uri === "string") return /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?]+)/i.exec(uri)?.[1] ?? uri;
    return call.options.has("-s") ? undefined : (call.options.get("-h") ?? (isUnknown(uri) ? uri : undefined));
}

export function runtimeChangesOf(context: PodContext, spec: Record<string, any>): RuntimeChanges {
    const changes: RuntimeChanges = { entries: [], users: [] };
    for (const { name: container, container: target } of longRunningContainersOf(spec)) {
        for (const { where, invocations } of containerScripts(target, containerEnvironment(context, target))) {
            for (const { call, command } of commandsSent(invocations)) {
                const [name, sub] = command.slice(0, 2).map((w) => (typeof w === "string" ? w.toLowerCase() : w));
                const host = hostOf(call);
                const elsewhere =
                    host === undefined || (typeof host === "string" && LOOPBACK.test(host))
                        ? undefined
                        : isUnknown(host)
                          ? "a host not known before deployment"
                          : `host ${host}`;
                if (isUnknown(name) || (name === "config" && isUnknown(sub)) || (name === "acl" && isUnknown(sub))) {
                    changes.entries.push({
                        unread: `a command redis-cli sends in ${where} of container "${container}", not known before deployment`,
                    });
                    changes.users.push({
                        unread: `a command redis-cli sends in ${where} of container "${container}", not known before deployment`,
                    });
                    continue;
                }
                const source = `${name.toUpperCase()} ${String(sub).toUpperCase()} in ${where} of container "${container}"`;
                if (name === "config" && sub === "set") {
                    for (let i = 2; i + 1 < command.length; i += 2) {
                        const [setting, value] = [command[i], command[i + 1]];
                        if (typeof setting !== "string")
                            changes.entries.push({ unread: `a ${source} of a setting not known before deployment` });
                        else if (IMMUTABLE.has(setting.toLowerCase())) continue;
                        else if (elsewhere !== undefined || typeof value !== "string") {
                            changes.entries.push({
                                unread: elsewhere
                                    ? `a ${source} sent to ${elsewhere}`
                                    : `the value a ${source} gives, not known before deployment`,
                                only: setting.toLowerCase(),
                            });
                        } else changes.entries.push({ name: setting.toLowerCase(), args: [value], source });
                    }
                } else if (name === "acl" && sub === "setuser") {
                    const [user, ...rules] = command.slice(2);
                    if (elsewhere !== undefined || [user, ...rules].some(isUnknown))
                        changes.users.push({
                            unread: elsewhere ? `an ${source} sent to ${elsewhere}` : `an ${source} not known before deployment`,
                        });
                    else if (user !== undefined) changes.users.push({ name: user as string, rules: rules as string[], source });
                }
            }
        }
    }
    return changes;
}
