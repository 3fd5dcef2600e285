import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DISABLED_DEFAULT_USER_ACCESS_STRING, elastiCacheAccessString } from "../shared/access";
import { ELASTICACHE_PASSWORD_POLICY, generatePassword } from "../shared/passwords";
import { RedisUser } from "../shared/users";

export interface RbacResourceArgs {
    replicationGroupId: string;
    engine: string;
    users: RedisUser[];
    /** Given passwords by user name; the others are generated. */
    passwords?: Record<string, pulumi.Input<string>>;
    /** Users of the component itself (the restore drill's), with their own access strings and generated passwords. */
    serviceUsers?: ServiceUserSpec[];
    tags: pulumi.Input<Record<string, string>>;
    region?: pulumi.Input<string>;
}

export interface RbacUser {
    spec: RedisUser;
    password: pulumi.Output<string>;
    user: aws.elasticache.User;
}

/** A user of the component itself: a name and an access string instead of a role. */
export interface ServiceUserSpec {
    name: string;
    accessString: string;
    /** The ElastiCache user id. Default `<replicationGroupId>-<name>`. */
    userId?: string;
}

/** A user with a password, ready for its credentials secret. */
export interface CredentialedUser {
    spec: { name: string };
    password: pulumi.Output<string>;
    user: aws.elasticache.User;
}

export interface Rbac {
    userGroup: aws.elasticache.UserGroup;
    users: RbacUser[];
    /** The `serviceUsers`, by name. */
    serviceUsers: Record<string, CredentialedUser>;
}

/**
 * One ElastiCache user per application user with a generated password, a disabled `default` user
 * (ElastiCache requires one in every group), and the user group that binds them to the cache.
 */
export function createRbac(name: string, args: RbacResourceArgs, parent: pulumi.Resource): Rbac {
    const opts = { parent };
    const elastiCacheUser = (
        suffix: string,
        userName: string,
        accessString: string,
        password: pulumi.Output<string>,
        userId = `${args.replicationGroupId}-${suffix}`,
    ) =>
        new aws.elasticache.User(
            `${name}-user-${suffix}`,
            {
                userId,
                userName,
                accessString,
                engine: args.engine,
                authenticationMode: { type: "password", passwords: [password] },
                region: args.region,
                tags: args.tags,
            },
            opts,
        );
    const defaultUser = elastiCacheUser(
        "default-off",
        "default",
        DISABLED_DEFAULT_USER_ACCESS_STRING,
        generatePassword(`${name}-default-password`, ELASTICACHE_PASSWORD_POLICY, parent),
    );
    const users = args.users.map((spec) => {
        const given = args.passwords?.[spec.name];
        const password =
            given === undefined
                ? generatePassword(`${name}-${spec.name}-password`, ELASTICACHE_PASSWORD_POLICY, parent)
                : pulumi.secret(given);
        const user = elastiCacheUser(spec.name, spec.name, elastiCacheAccessString(spec.role, spec.keyPatterns), password);
        return { spec, password, user };
    });
    const serviceUsers = (args.serviceUsers ?? []).map(({ name: userName, accessString, userId }) => {
        const password = generatePassword(`${name}-${userName}-password`, ELASTICACHE_PASSWORD_POLICY, parent);
        return { spec: { name: userName }, password, user: elastiCacheUser(userName, userName, accessString, password, userId) };
    });
    const userGroup = new aws.elasticache.UserGroup(
        `${name}-users`,
        {
            userGroupId: `${args.replicationGroupId}-users`,
            engine: args.engine,
            userIds: [defaultUser.userId, ...[...users, ...serviceUsers].map((u) => u.user.userId)],
            region: args.region,
            tags: args.tags,
        },
        opts,
    );
    return { userGroup, users, serviceUsers: Object.fromEntries(serviceUsers.map((u) => [u.spec.name, u])) };
}
