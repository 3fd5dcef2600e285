export * from "./aws";
export * from "./kubernetes";
export { ROLES, DANGEROUS_COMMANDS, InvalidArgumentError, elastiCacheAccessString, roleRules } from "./shared";
export type { Role, RedisUserArgs } from "./shared";
