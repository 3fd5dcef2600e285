/**
 * The IAM documents of the restore drill. Resource ARNs and condition keys are the ones the Service
 * Authorization Reference lists for ElastiCache ("Actions, resources, and condition keys for Amazon
 * ElastiCache"): CreateReplicationGroup is authorised against the new group and cluster, the snapshot,
 * the parameter, subnet and user groups, and takes `aws:RequestTag/*`; DeleteReplicationGroup takes
 * `aws:ResourceTag/*`; Describe* calls are authorised against every resource of the type.
 */
import { PolicyDocument, PolicyStatement } from "../backup/grants";
import { AccountScope, s3BucketArn } from "../backup/policies";
import { exportPrefix } from "../snapshot-export/contract";
import { DRILL_METRIC_NAMESPACE, DRILL_TAG, drillGroupPrefix } from "./contract";

/**
 * What a Lambda function needs to run in a VPC: create, describe and delete its network interfaces.
 * These EC2 actions do not support resource-level permissions for Lambda's use (the AWS managed
 * policy AWSLambdaVPCAccessExecutionRole grants them on "*").
 */
export const VPC_ACCESS_ACTIONS = [
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
];

export interface VpcFunctionPolicyArgs extends AccountScope {
    logGroupArn: string;
    /** The one credentials secret the function reads. */
    secretArn: string;
    /** The key that encrypts the secret: usable only through Secrets Manager. */
    kmsKeyArn: string;
}

/** The canary and the validation function: their network interfaces, their logs, one secret. */
export function vpcFunctionPolicy(args: VpcFunctionPolicyArgs): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "NetworkInterfaces", Effect: "Allow", Action: VPC_ACCESS_ACTIONS, Resource: "*" },
            { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${args.logGroupArn}:*` },
            { Sid: "ReadCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: args.secretArn },
            {
                Sid: "DecryptCredentials",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: args.kmsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${args.region}.amazonaws.com` } },
            },
        ],
    };
}

export interface ControlPolicyArgs extends AccountScope {
    sourceGroupId: string;
    subnetGroupName: string;
    userGroupId: string;
    parameterGroupName: string;
    nodeType: string;
    kmsKeyArn: string;
    logGroupArn: string;
    /** When exports are on: the bucket the drill restores from, and the grant ElastiCache needs to read a seed file there. */
    exports?: DrillExportAccess;
}

export interface DrillExportAccess {
    bucketName: string;
    /** Regions enabled by default: ElastiCache's and the owner's canonical users, for the object ACL. Undefined in opt-in regions. */
    aclGrant?: { elastiCacheCanonicalUserId: string; ownerCanonicalUserId: string };
}

/**
 * The export objects of a group, as an IAM resource: `<group>-<yyyymmdd>-<hhmmss>-<shard>.rdb`
 * (snapshot-export/contract.ts), with IAM's one-character wildcard `?` for each digit.
 */
export function exportObjectsArn(partition: string, bucketName: string, sourceGroupId: string): string {
    return `${s3BucketArn(partition, bucketName)}/${exportPrefix(sourceGroupId)}????????-??????-????.rdb`;
}

/**
 * Finding the newest export (ListBucket, only under the group's prefix) and, in regions enabled by
 * default, letting ElastiCache read it: PutObjectAcl on the group's export objects only, and only with
 * exactly the grants of the ElastiCache User Guide (read object, read and write object ACL for
 * ElastiCache's canonical user; full control for the owner, since the call replaces the ACL).
 */
function exportStatements(args: ControlPolicyArgs, exports: DrillExportAccess): PolicyStatement[] {
    const list: PolicyStatement = {
        Sid: "ListExports",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: s3BucketArn(args.partition, exports.bucketName),
        Condition: { StringEquals: { "s3:prefix": exportPrefix(args.sourceGroupId) } },
    };
    if (!exports.aclGrant) return [list];
    const elastiCache = `id=${exports.aclGrant.elastiCacheCanonicalUserId}`;
    const grant: PolicyStatement = {
        Sid: "LetElastiCacheReadExports",
        Effect: "Allow",
        Action: "s3:PutObjectAcl",
        Resource: exportObjectsArn(args.partition, exports.bucketName, args.sourceGroupId),
        Condition: {
            StringEquals: {
                "s3:x-amz-grant-full-control": `id=${exports.aclGrant.ownerCanonicalUserId}`,
                "s3:x-amz-grant-read": elastiCache,
                "s3:x-amz-grant-read-acp": elastiCache,
                "s3:x-amz-grant-write-acp": elastiCache,
            },
            Null: { "s3:x-amz-acl": "true", "s3:x-amz-grant-write": "true" },
        },
    };
    return [list, grant];
}

/** The drill's ElastiCache, S3 and CloudWatch steps: create and delete only drill groups of this cache, read its snapshots and exports, publish its metrics. */
export function controlFunctionPolicy(args: ControlPolicyArgs): PolicyDocument {
    const arn = (type: string, name: string) => `arn:${args.partition}:elasticache:${args.region}:${args.accountId}:${type}:${name}`;
    const prefix = drillGroupPrefix(args.sourceGroupId);
    const drillResources = [arn("replicationgroup", `${prefix}*`), arn("cluster", `${prefix}*`)];
    const taggedAsDrill = { StringEquals: { [`aws:RequestTag/${DRILL_TAG}`]: args.sourceGroupId } };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ListGroupsAndSnapshots",
                Effect: "Allow",
                Action: ["elasticache:DescribeReplicationGroups", "elasticache:DescribeSnapshots"],
                Resource: [arn("replicationgroup", "*"), arn("snapshot", "*")],
            },
            {
                Sid: "ReadDrillGroupTags",
                Effect: "Allow",
                Action: "elasticache:ListTagsForResource",
                Resource: arn("replicationgroup", `${prefix}*`),
            },
            {
                Sid: "CreateDrillGroups",
                Effect: "Allow",
                Action: "elasticache:CreateReplicationGroup",
                Resource: [
                    ...drillResources,
                    arn("snapshot", `automatic.${args.sourceGroupId}-*`),
                    arn("parametergroup", args.parameterGroupName),
                    arn("subnetgroup", args.subnetGroupName),
                    arn("usergroup", args.userGroupId),
                ],
                Condition: { ...taggedAsDrill, StringEqualsIgnoreCase: { "elasticache:CacheNodeType": args.nodeType } },
            },
            {
                Sid: "TagDrillGroups",
                Effect: "Allow",
                Action: "elasticache:AddTagsToResource",
                Resource: drillResources,
                Condition: taggedAsDrill,
            },
            {
                Sid: "DeleteDrillGroups",
                Effect: "Allow",
                Action: "elasticache:DeleteReplicationGroup",
                Resource: drillResources,
                Condition: { StringEquals: { [`aws:ResourceTag/${DRILL_TAG}`]: args.sourceGroupId } },
            },
            {
                Sid: "EncryptDrillGroups",
                Effect: "Allow",
                Action: ["kms:CreateGrant", "kms:DescribeKey"],
                Resource: args.kmsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": `elasticache.${args.region}.amazonaws.com` } },
            },
            { Sid: "ReadMetrics", Effect: "Allow", Action: "cloudwatch:GetMetricStatistics", Resource: "*" },
            {
                Sid: "PublishDrillMetrics",
                Effect: "Allow",
                Action: "cloudwatch:PutMetricData",
                Resource: "*",
                Condition: { StringEquals: { "cloudwatch:namespace": DRILL_METRIC_NAMESPACE } },
            },
            { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${args.logGroupArn}:*` },
            ...(args.exports ? exportStatements(args, args.exports) : []),
        ],
    };
}

/** The state machine invokes the two drill functions, nothing else. */
export function stateMachinePolicy(functionArns: string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "InvokeDrillFunctions", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: functionArns }],
    };
}

/** EventBridge starts executions of the drill's state machine, nothing else. */
export function scheduleRolePolicy(stateMachineArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "StartDrill", Effect: "Allow", Action: "states:StartExecution", Resource: stateMachineArn }],
    };
}
