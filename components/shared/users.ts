import { ArgChecker, argNames } from "./validation";
import { ROLES, Role } from "./access";

/** One Redis user of an application: who it is, what it may do, and on which keys. */
export interface RedisUserArgs {
    /** The Redis user name: lowercase letters, digits and hyphens, starting with a letter. Not `default`. */
    name: string;
    /** `readwrite`, `readonly` or `admin`. Application roles cannot run dangerous commands. */
    role: Role;
    /** Key patterns the user may touch, such as `orders:*`. Defaults to every key (`*`). */
    keyPatterns?: string[];
}

/** Every field of a user entry; any other name is refused as a likely typo. */
export const USER_ARG_NAMES = argNames<RedisUserArgs>()(["name", "role", "keyPatterns"]);

/** A user whose arguments have been checked, with its role narrowed and key patterns filled in. */
export interface RedisUser {
    name: string;
    role: Role;
    keyPatterns: string[];
}

export const USER_NAME_PATTERN = /^[a-z][a-z0-9-]{0,27}[a-z0-9]$|^[a-z]$/;
// Printable: a control character in an ACL file line stops redis-server from loading the file.
const KEY_PATTERN = /^[^\s~%\p{Cc}][^\s\p{Cc}]*$/u;

/** Checks a user list: names unique and well formed, `default` reserved, roles and key patterns known. */
export function validateUsersArgs(check: ArgChecker, users: readonly RedisUserArgs[], reservedNames: readonly string[] = []): RedisUser[] {
    const allowed = "a list of one or more { name, role, keyPatterns? }";
    check.nonEmpty("users", users, allowed);
    const seen = new Set<string>();
    return users.map((user, i) => {
        const arg = `users[${i}]`;
        check.object(arg, user, USER_ARG_NAMES, "{ name, role, keyPatterns? }");
        check.matches(
            `${arg}.name`,
            user.name,
            USER_NAME_PATTERN,
            "1 to 29 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
        );
        if (user.name === "default" || reservedNames.includes(user.name)) {
            check.fail(
                `${arg}.name`,
                `is "${user.name}", a reserved name`,
                `any other name; the "default" user is created disabled by the component${reservedNames.length ? `, and ${reservedNames.map((n) => `"${n}"`).join(", ")} are used internally` : ""}`,
            );
        }
        if (seen.has(user.name)) {
            check.fail(`${arg}.name`, `"${user.name}" is a duplicate`, "each user name once");
        }
        seen.add(user.name);
        const role = check.oneOf(`${arg}.role`, user.role, ROLES);
        const keyPatterns = user.keyPatterns ?? ["*"];
        check.nonEmpty(`${arg}.keyPatterns`, keyPatterns, 'one or more key patterns such as "app:*", or leave it out for every key');
        keyPatterns.forEach((pattern, j) =>
            check.matches(
                `${arg}.keyPatterns[${j}]`,
                pattern,
                KEY_PATTERN,
                'a Redis glob of printable characters without spaces and without a leading ~ or %, such as "orders:*"',
            ),
        );
        return { name: user.name, role, keyPatterns: [...keyPatterns] };
    });
}
