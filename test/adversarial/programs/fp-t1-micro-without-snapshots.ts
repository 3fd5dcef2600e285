// class: false positive (secure look-alike)
// config: {"elasticache-automatic-backups-disabled": "mandatory"}
// expect: allow
// why: cache.t1.micro cannot take snapshots (ElastiCache refuses snapshotRetentionLimit on it), so the backup rule
//      must not ask it for days of snapshots.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), nodeType: "cache.t1.micro", snapshotRetentionLimit: 0 });
