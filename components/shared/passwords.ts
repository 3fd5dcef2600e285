import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * The inputs of the `random.RandomPassword` behind a generated password. Every one of them forces a
 * new resource when it changes (terraform-provider-random's `random_password`), so a changed policy
 * would rotate every deployed password on the next `pulumi up`: each target keeps its own policy.
 */
export type PasswordPolicy = Readonly<
    Required<Pick<random.RandomPasswordArgs, "length" | "special" | "minLower" | "minUpper" | "minNumeric">>
> &
    Readonly<Pick<random.RandomPasswordArgs, "overrideSpecial" | "minSpecial">>;

/**
 * ElastiCache RBAC user passwords: 32 characters (ElastiCache takes 16 to 128) with at least one of
 * these symbols, which meet ElastiCache's strictest stated rule, that of AUTH tokens: printable ASCII
 * without spaces, `"`, `/` or `@` ("Authenticating with the Valkey and Redis OSS AUTH command",
 * Amazon ElastiCache User Guide). Clients read them as JSON from Secrets Manager, unescaped.
 */
export const ELASTICACHE_PASSWORD_POLICY: PasswordPolicy = {
    length: 32,
    special: true,
    overrideSpecial: "!&#$^<>-",
    minLower: 1,
    minUpper: 1,
    minNumeric: 1,
    minSpecial: 1,
};

/**
 * Passwords of self-managed Redis on Kubernetes: 40 letters and digits (about 238 bits). They go
 * into redis.conf and Sentinel configuration files, and clients put them into `redis://` URLs and
 * shell environments; letters and digits need no quoting or percent-encoding in any of them.
 */
export const KUBERNETES_PASSWORD_POLICY: PasswordPolicy = {
    length: 40,
    special: false,
    minLower: 1,
    minUpper: 1,
    minNumeric: 1,
};

/** A generated password under `policy`, as a Pulumi secret; `name` is the `RandomPassword`'s resource name. */
export function generatePassword(name: string, policy: PasswordPolicy, parent: pulumi.Resource): pulumi.Output<string> {
    const password = new random.RandomPassword(name, { ...policy }, { parent });
    return pulumi.secret(password.result);
}
