// class: 7 export bucket (secure look-alike)
// expect: allow
// why: a hand-written export bucket: ElastiCache may write, every public access flag is on, plaintext is denied,
//      versioned and encrypted with SSE-S3.
import { blockPublicAccess, exportBucket } from "../lib/s3";

const bucket = exportBucket("snapshots");
blockPublicAccess("snapshots-block", bucket.id);
