import * as pulumi from "@pulumi/pulumi";
import { ArgChecker } from "../shared/validation";
import { ALLOWED_CIDR_DESCRIPTION, cidrProblem } from "./cidr";

/** The network arguments every cache shares. */
export interface CacheClientArgs {
    subnetIds: pulumi.Input<string>[];
    allowedSecurityGroupIds?: pulumi.Input<string>[];
    allowedCidrBlocks?: pulumi.Input<string>[];
}

/** The subnets and named client sources once checked, absent lists as empty ones. */
export interface ClientSettings {
    subnetIds: pulumi.Input<string>[];
    allowedSecurityGroupIds: pulumi.Input<string>[];
    /** Each block is checked as soon as it is known. */
    allowedCidrBlocks: pulumi.Input<string>[];
}

/** Checks the subnets and the named client sources: private CIDR blocks, and at least one source. */
export function validateCacheClientArgs(check: ArgChecker, args: CacheClientArgs): ClientSettings {
    const subnetIds = check.nonEmpty("subnetIds", args.subnetIds, "one or more private subnet ids, ideally one per availability zone");
    const allowedSecurityGroupIds = check.list(
        "allowedSecurityGroupIds",
        args.allowedSecurityGroupIds ?? [],
        "a list of client security group ids",
    );
    const allowedCidrBlocks = check
        .list("allowedCidrBlocks", args.allowedCidrBlocks ?? [], "a list of private client CIDR blocks")
        .map((cidr, i) =>
            check.whenKnown(cidr, (block) => {
                const problem = cidrProblem(block);
                if (problem) check.fail(`allowedCidrBlocks[${i}]`, `"${block}" ${problem}`, ALLOWED_CIDR_DESCRIPTION);
            }),
        );
    if (allowedSecurityGroupIds.length + allowedCidrBlocks.length === 0) {
        check.fail(
            "allowedSecurityGroupIds and allowedCidrBlocks",
            "are both empty, so no client could connect",
            "at least one client security group id or private CIDR block",
        );
    }
    return { subnetIds: [...subnetIds], allowedSecurityGroupIds: [...allowedSecurityGroupIds], allowedCidrBlocks };
}
