import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ArgChecker } from "../shared/validation";

/** A KMS key ARN in any partition (multi-Region key ids start with `mrk-`). Alias ARNs name no key of their own. */
const KMS_KEY_ARN = /^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/**
 * Checks a given customer-managed key, now or once it resolves. An empty string would make ElastiCache,
 * Secrets Manager and CloudWatch Logs fall back to AWS-managed keys without a word.
 */
export function validateKmsKeyArn(
    check: ArgChecker,
    arg: string,
    value: pulumi.Input<string> | undefined,
): pulumi.Input<string> | undefined {
    if (value === undefined) return undefined;
    const allowed =
        'the ARN of a KMS key, such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", or leave it out to create one';
    return check.whenKnown(value, (arn) => check.matches(arg, arn, KMS_KEY_ARN, allowed));
}

export interface KmsKeyResourceArgs {
    replicationGroupId: string;
    tags: pulumi.Input<Record<string, string>>;
    region?: pulumi.Input<string>;
}

/**
 * A customer-managed key with rotation. Besides the account, it admits CloudWatch Logs for this
 * cache's log groups and CloudWatch/ElastiCache for publishing to the encrypted alarm topic.
 */
export function createKmsKey(name: string, args: KmsKeyResourceArgs, parent: pulumi.Resource): aws.kms.Key {
    const invokeOpts = { parent };
    const account = aws.getCallerIdentityOutput({}, invokeOpts);
    const partition = aws.getPartitionOutput({}, invokeOpts);
    const region = aws.getRegionOutput({ region: args.region }, invokeOpts);
    const policy = pulumi
        .all([account.accountId, partition.partition, region.region])
        .apply(([accountId, part, regionName]) => JSON.stringify(keyPolicy(accountId, part, regionName)));
    const key = new aws.kms.Key(
        `${name}-key`,
        {
            description: `Encrypts the ${args.replicationGroupId} Redis cache, its secrets, logs and alarm topic`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy,
            region: args.region,
            tags: args.tags,
        },
        { parent },
    );
    new aws.kms.Alias(
        `${name}-key-alias`,
        { name: `alias/hardened-redis/${args.replicationGroupId}`, targetKeyId: key.keyId, region: args.region },
        { parent },
    );
    return key;
}

export function keyPolicy(accountId: string, partition: string, region: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministration",
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                Sid: "CloudWatchLogsEncryption",
                Effect: "Allow",
                Principal: { Service: `logs.${region}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: {
                    ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${accountId}:log-group:*` },
                },
            },
            {
                Sid: "PublishToEncryptedTopic",
                Effect: "Allow",
                Principal: { Service: ["cloudwatch.amazonaws.com", "elasticache.amazonaws.com", "events.amazonaws.com"] },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}
