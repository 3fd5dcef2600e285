import * as aws from "@pulumi/aws";

/** The regions of the installed `@pulumi/aws` (its `Region` enum), which are the regions its provider accepts. */
export const AWS_REGIONS: readonly string[] = Object.values(aws.Region);

/** Matches exactly one of `AWS_REGIONS`, such as `us-east-1` or `us-gov-west-1`. */
export const AWS_REGION = new RegExp(`^(${AWS_REGIONS.join("|")})$`);

export const AWS_REGION_DESCRIPTION = 'an AWS region that @pulumi/aws knows, such as "us-east-1" or "eu-west-1"';
