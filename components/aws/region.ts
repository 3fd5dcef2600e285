/** The shape of an AWS region name, such as `us-east-1` or `us-gov-west-1`. */
export const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
