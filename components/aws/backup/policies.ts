import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EXPORT_SOURCES, ExportSourceKind, serverlessExportPrefix } from "../snapshot-export/contract";
import { PolicyDocument, PolicyStatement } from "./grants";

/** Where the policies apply: the account, its partition and the region of the cache. */
export interface AccountScope {
    partition: string;
    accountId: string;
    region: string;
}

/** The partition, account and region the component deploys into, resolved from the provider. */
export function accountScope(region: string | undefined, parent: pulumi.Resource): pulumi.Output<AccountScope> {
    const invokeOpts = { parent };
    return pulumi
        .all([
            aws.getPartitionOutput({}, invokeOpts).partition,
            aws.getCallerIdentityOutput({}, invokeOpts).accountId,
            aws.getRegionOutput({ region }, invokeOpts).region,
        ])
        .apply(([partition, accountId, resolved]) => ({ partition, accountId, region: resolved }));
}

export function s3BucketArn(partition: string, bucketName: string): string {
    return `arn:${partition}:s3:::${bucketName}`;
}

/** Lets one AWS service assume the role, on behalf of this account only where the service says so. */
export function assumeRolePolicy(service: string, sourceAccount?: string): PolicyDocument {
    const statement: PolicyStatement = { Sid: "AssumeRole", Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" };
    if (sourceAccount) statement.Condition = { StringEquals: { "aws:SourceAccount": sourceAccount } };
    return { Version: "2012-10-17", Statement: [statement] };
}

export interface ExportFunctionPolicyArgs extends AccountScope {
    /** The replication group id, or the serverless cache name when `source` is `serverless-cache`. */
    replicationGroupId: string;
    /** What the function exports from; default a replication group. */
    source?: ExportSourceKind;
    bucketName: string;
    logGroupArn: string;
    failureQueueArn: string;
}

/**
 * The ElastiCache side of the export function's permissions. Listing snapshots is authorised against every
 * snapshot of the account and region (ElastiCache evaluates a list call against `snapshot:*`, and likewise
 * `serverlesscachesnapshot:*`), so that is as narrow as it gets; the export itself is limited to this
 * source's automated snapshots (and for CopySnapshot its export names). Resource types as in the Service
 * Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticache.html
 */
function snapshotStatements(source: ExportSourceKind, id: string, arn: (type: string, name: string) => string): PolicyStatement[] {
    if (source === "serverless-cache") {
        return [
            {
                Sid: "ListSnapshots",
                Effect: "Allow",
                Action: "elasticache:DescribeServerlessCacheSnapshots",
                Resource: [arn("serverlesscache", id), arn("serverlesscachesnapshot", "*")],
            },
            {
                Sid: "ExportSnapshots",
                Effect: "Allow",
                Action: "elasticache:ExportServerlessCacheSnapshot",
                Resource: arn("serverlesscachesnapshot", `${serverlessExportPrefix(id)}*`),
            },
        ];
    }
    return [
        { Sid: "ListSnapshots", Effect: "Allow", Action: "elasticache:DescribeSnapshots", Resource: arn("snapshot", "*") },
        {
            Sid: "ExportSnapshots",
            Effect: "Allow",
            Action: "elasticache:CopySnapshot",
            Resource: [arn("snapshot", `automatic.${id}-*`), arn("snapshot", `${id}-*`)],
        },
    ];
}

/**
 * The export function's permissions: the snapshot statements above, and the S3 actions AWS documents for
 * the caller of an export, on this bucket and this source's export objects only, except s3:ListAllMyBuckets,
 * which has no resource to scope to and which the export fails without.
 */
export function exportFunctionPolicy(args: ExportFunctionPolicyArgs): PolicyDocument {
    const { partition, accountId, region, replicationGroupId: id } = args;
    const source = args.source ?? "replication-group";
    const arn = (type: string, name: string) => `arn:${partition}:elasticache:${region}:${accountId}:${type}:${name}`;
    const bucket = s3BucketArn(partition, args.bucketName);
    return {
        Version: "2012-10-17",
        Statement: [
            ...snapshotStatements(source, id, arn),
            { Sid: "ExportBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket"], Resource: bucket },
            {
                Sid: "ExportObjects",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                Resource: `${bucket}/${EXPORT_SOURCES[source].prefix(id)}*`,
            },
            { Sid: "ExportBucketLookup", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
            { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${args.logGroupArn}:*` },
            { Sid: "ReportFailures", Effect: "Allow", Action: "sqs:SendMessage", Resource: args.failureQueueArn },
        ],
    };
}

/** Lets EventBridge put events that it could not deliver into the failure queue, for the given rules only. */
export function failureQueuePolicy(queueArn: string, ruleArns: string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "sqs:*",
                Resource: queueArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
                Sid: "UndeliveredEvents",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sqs:SendMessage",
                Resource: queueArn,
                Condition: { ArnEquals: { "aws:SourceArn": ruleArns } },
            },
        ],
    };
}

export interface ReplicationPolicyArgs {
    partition: string;
    sourceBucket: string;
    destinationBucket: string;
    /** Object Lock settings travel with the objects, which S3 must read to replicate them. */
    objectLock: boolean;
}

/** What S3 needs to copy every new version from the source bucket to the destination, and nothing else. */
export function replicationRolePolicy(args: ReplicationPolicyArgs): PolicyDocument {
    const source = s3BucketArn(args.partition, args.sourceBucket);
    const destination = s3BucketArn(args.partition, args.destinationBucket);
    const readVersion = [
        "s3:GetObjectVersionForReplication",
        "s3:GetObjectVersionAcl",
        "s3:GetObjectVersionTagging",
        ...(args.objectLock ? ["s3:GetObjectRetention", "s3:GetObjectLegalHold"] : []),
    ];
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadReplicationConfiguration",
                Effect: "Allow",
                Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                Resource: source,
            },
            { Sid: "ReadSourceVersions", Effect: "Allow", Action: readVersion, Resource: `${source}/*` },
            {
                Sid: "WriteReplicas",
                Effect: "Allow",
                Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                Resource: `${destination}/*`,
            },
        ],
    };
}
