/** Type checking is `npm run build`'s job; jest only transpiles, which keeps the suite fast. */
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    transform: { "^.+\\.ts$": ["ts-jest", {}] },
    testTimeout: 60000,
};
