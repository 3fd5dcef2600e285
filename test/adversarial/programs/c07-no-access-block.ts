// class: 7 export bucket
// expect: deny export-bucket-public
// resource: snapshots
// why: the export bucket has no public access block: one later ACL or policy change publishes every snapshot.
import { exportBucket } from "../lib/s3";

exportBucket("snapshots");
