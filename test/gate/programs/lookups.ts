// A lookup of live state in its Output and its plain form, and one the gate answers from the config.
import * as aws from "@pulumi/aws";

const secret = aws.secretsmanager.getSecretVersionOutput({ secretId: "platform/redis/ops" });
new aws.sns.Topic("from-output-lookup", { displayName: secret.secretString });
new aws.sns.Topic("from-plain-lookup", { displayName: aws.ec2.getVpc({ default: true }).then((vpc) => vpc.cidrBlock ?? "absent") });
new aws.sns.Topic("from-caller-identity", { displayName: aws.getCallerIdentityOutput().accountId });
export const account = aws.getCallerIdentityOutput().accountId;
