export * from "./aws";
export { ROLES, DANGEROUS_COMMANDS, InvalidArgumentError, elastiCacheAccessString, roleRules } from "./shared";
export type { Role, RedisUserArgs } from "./shared";
