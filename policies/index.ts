import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "./policies";
import { description, version } from "./package.json";

new PolicyPack(POLICY_PACK_NAME, {
    description,
    displayName: `Hardened Redis ${version}`,
    provider: "aws, kubernetes",
    tags: ["redis", "valkey", "elasticache", "kubernetes", "security"],
    policies,
});
