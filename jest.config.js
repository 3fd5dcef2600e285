/**
 * Type checking is `npm run build`'s job; jest only transpiles, which keeps the suite fast. The
 * workspace packages resolve to their sources, as in the root tsconfig's `paths`.
 */
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    // lab/ holds no tests, but the suites run its servers and drills: jest watches and maps it with them.
    roots: ["<rootDir>/test", "<rootDir>/lab"],
    testMatch: ["**/*.test.ts"],
    transform: {
        "^.+\\.ts$": [
            "ts-jest",
            {
                tsconfig: {
                    module: "commonjs",
                    moduleResolution: "node10",
                    isolatedModules: true,
                    esModuleInterop: true,
                    resolveJsonModule: true,
                    target: "ES2022",
                },
            },
        ],
    },
    moduleNameMapper: {
        "^hardened-redis$": "<rootDir>/components/index.ts",
        "^hardened-redis/renderers$": "<rootDir>/components/renderers.ts",
        "^hardened-redis-policies/policies$": "<rootDir>/policies/policies.ts",
        "^hardened-redis-policies/manifests$": "<rootDir>/policies/lib/manifests.ts",
        "^hardened-redis-policies/(config/.*|package\\.json)$": "<rootDir>/policies/$1",
        "^hardened-redis-gate$": "<rootDir>/gate/src/index.ts",
    },
    testTimeout: 60000,
};
