export * from "./access";
export * from "./users";
export * from "./validation";
