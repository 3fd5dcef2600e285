import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BackupBucket, BackupBucketResourceArgs, createBackupBucket } from "./bucket";
import { assumeRolePolicy, replicationRolePolicy } from "./policies";

export interface CrossRegionCopyResourceArgs {
    replicationGroupId: string;
    source: BackupBucket;
    /** The destination is set up like the source (its own SSE-S3, versioning, ACL grant, lifecycle, lock), minus events. */
    bucket: Omit<BackupBucketResourceArgs, "bucketPrefix" | "resolvedRegion" | "region" | "eventBridge">;
    replicaRegion: string;
    accountId: pulumi.Input<string>;
    /** The source bucket's region; undefined for the provider's. */
    region?: pulumi.Input<string>;
    tags: pulumi.Input<Record<string, string>>;
}

/**
 * A replica of every export in another region: a second backup bucket there, a role that S3 assumes
 * with read access to the source's versions and replicate access to the destination only, and the
 * replication rule. Deletions are not replicated, so expiring or deleting an export in the cache's
 * region leaves the replica to its own lifecycle. The replica bucket has ElastiCache's grant for its
 * own region, so a cache can be seeded there from it.
 */
export function createCrossRegionCopy(name: string, args: CrossRegionCopyResourceArgs, parent: pulumi.Resource): BackupBucket {
    const opts = { parent };
    const destination = createBackupBucket(
        `${name}-replica`,
        {
            ...args.bucket,
            bucketPrefix: `${args.replicationGroupId.slice(0, 26)}-replica-`,
            resolvedRegion: args.replicaRegion,
            region: args.replicaRegion,
            eventBridge: false,
        },
        parent,
    );
    const role = new aws.iam.Role(
        `${name}-replication`,
        {
            description: `S3 replication of the ${args.replicationGroupId} snapshot exports to ${args.replicaRegion}`,
            assumeRolePolicy: pulumi
                .output(args.accountId)
                .apply((accountId) => JSON.stringify(assumeRolePolicy("s3.amazonaws.com", accountId))),
            tags: args.tags,
        },
        opts,
    );
    const policy = new aws.iam.RolePolicy(
        `${name}-replication`,
        {
            role: role.id,
            policy: pulumi
                .all([args.bucket.partition, args.source.name, destination.name])
                .apply(([partition, sourceBucket, destinationBucket]) =>
                    JSON.stringify(
                        replicationRolePolicy({
                            partition,
                            sourceBucket,
                            destinationBucket,
                            objectLock: args.bucket.objectLock !== undefined,
                        }),
                    ),
                ),
        },
        opts,
    );
    new aws.s3.BucketReplicationConfig(
        `${name}-replication`,
        {
            bucket: args.source.name,
            role: role.arn,
            rules: [
                {
                    id: "cross-region-copy",
                    status: "Enabled",
                    priority: 1,
                    filter: {},
                    deleteMarkerReplication: { status: "Disabled" },
                    destination: { bucket: destination.arn, storageClass: "STANDARD" },
                },
            ],
            region: args.region,
        },
        { parent, dependsOn: [args.source.versioning, destination.versioning, policy] },
    );
    return destination;
}
