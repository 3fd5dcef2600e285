export * from "./access";
export * from "./users";
export * from "./validation";
export * from "./eviction";
