import { cwe } from "../lib/controls";
import { isUnknown, listOf, objectOf, stringOf } from "../lib/known-values";
import { stackRule, unknownDuringPreview } from "../lib/rule";
import { BUCKET_TYPES, REPLICATION_CONFIG, bucketsOf, describeBucket, exportBuckets, isArnOf } from "../lib/s3";

/** The account id field of an ARN (`arn:partition:service:region:account:resource`), when it has one. */
function accountOfArn(arn: unknown): string | undefined {
    const account = stringOf(arn)?.split(":")[4];
    return account ? account : undefined;
}

/**
 * The accounts the resource's AWS provider may deploy to (its `allowedAccountIds`, from the provider or the
 * stack's `aws:allowedAccountIds`); none when it does not restrict them.
 */
function allowedAccounts(providerProps: Record<string, any>): string[] {
    const allowed = providerProps.allowedAccountIds;
    const list = typeof allowed === "string" ? allowed.split(",") : listOf(allowed);
    return list.map((account) => stringOf(account)?.trim()).filter((account): account is string => account !== undefined && account !== "");
}

export const exportBucketReplicatedToAnotherAccount = stackRule(
    {
        name: "export-bucket-replicated-to-another-account",
        description:
            "A bucket that holds ElastiCache exports must not replicate them to a bucket in another AWS account (a destination account, or an ARN naming another account, " +
            "than the program's account: that of the replication role, or the only one the AWS provider's allowedAccountIds allows), where neither this program nor its account controls who reads the backups.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [cwe(200, "Exposure of Sensitive Information to an Unauthorized Actor")],
        remediation:
            "Replicate exports only to buckets of the same account that the program defines (and this pack judges), or remove the replication rule. " +
            "If a backup account is intended, run this pack on that account's program too and disable this rule for the source stack.",
    },
    (stack, report, _, notJudged) => {
        const exports = new Set(exportBuckets(stack));
        for (const replication of stack.ofType(REPLICATION_CONFIG)) {
            const sources = bucketsOf(stack, replication).filter((bucket) => exports.has(bucket));
            if (sources.length === 0) continue;
            const subject = `aws.s3.BucketReplicationConfig "${replication.name}" of ElastiCache export ${describeBucket(sources[0])}`;
            const allowed = allowedAccounts(replication.providerProps);
            const own = accountOfArn(replication.props.role) ?? (allowed.length === 1 ? allowed[0] : undefined);
            const programBuckets = stack.sourcesOf(replication, "rules", BUCKET_TYPES);
            listOf(replication.props.rules).forEach((rule, i) => {
                const destination = objectOf(objectOf(rule).destination);
                const where = `rules[${i}]`;
                const named = [stringOf(destination.account), accountOfArn(destination.bucket)].filter(
                    (account): account is string => account !== undefined,
                );
                // Without the program's own account, an account the provider may not deploy to is still another one.
                const foreign = named.find((account) =>
                    own !== undefined ? account !== own : allowed.length > 0 && !allowed.includes(account),
                );
                if (foreign !== undefined) {
                    const ownAccount =
                        own !== undefined
                            ? `the program's account ${own}`
                            : `one of the accounts its provider allows (${allowed.join(", ")})`;
                    report(
                        `${subject} replicates exports (${where}) to account ${foreign}, not ${ownAccount}. Replicate only within the account.`,
                        replication.urn,
                    );
                } else if ((own === undefined && named.length > 0) || isUnknown(destination.account)) {
                    notJudged(
                        unknownDuringPreview(
                            subject,
                            `the destination account of ${where} or the program's account (of the replication role, or the only one aws:allowedAccountIds allows)`,
                        ),
                        replication.urn,
                    );
                } else if (
                    isUnknown(destination.bucket)
                        ? programBuckets.length === 0
                        : !stack.ofType(...BUCKET_TYPES).some((bucket) => isArnOf(destination.bucket, bucket))
                ) {
                    notJudged(
                        `${subject}: ${where} replicates exports to a bucket the program does not define, so its account and protection were not judged.`,
                        replication.urn,
                    );
                }
            });
        }
    },
);
