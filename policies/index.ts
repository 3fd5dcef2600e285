import { PolicyPack } from "@pulumi/policy";
import { PACKAGE_JSON } from "./metadata";
import { POLICY_PACK_NAME, policies } from "./policies";

new PolicyPack(POLICY_PACK_NAME, {
    description: PACKAGE_JSON.description,
    displayName: `Hardened Redis ${PACKAGE_JSON.version}`,
    provider: "aws, kubernetes",
    tags: ["redis", "valkey", "elasticache", "kubernetes", "security"],
    policies,
});
