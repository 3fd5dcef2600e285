// ESLint's and typescript-eslint's recommended rules for the whole repository, eslint-config-prettier last so
// that no rule argues with the formatter. The rules that need type information (recommendedTypeChecked) are
// left out: on this repository they take about a minute and 3 GB, against ten seconds without; tsc checks types.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
    {
        ignores: ["**/bin/", "**/node_modules/", "coverage/", ".bench/", "test/fixtures/**/.tmp-*/"],
    },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "module",
            globals: { ...globals.node },
        },
        linterOptions: { reportUnusedDisableDirectives: "error" },
        rules: {
            // As tsc's noUnusedLocals/noUnusedParameters: a rest sibling or a leading `_` marks a deliberate omission.
            "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            // `import x = require("...")` is a typed import; plain require() needs a disable comment saying why.
            "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
        },
    },
    {
        files: ["policies/**/*.ts", "gate/src/**/*.ts"],
        rules: {
            // The pack and the gate read resource properties, untyped JSON as CrossGuard (PolicyResource.props: any) and the mock monitor hand them over.
            "@typescript-eslint/no-explicit-any": "off",
        },
    },
    {
        files: ["test/**/*.ts"],
        languageOptions: { globals: { ...globals.jest } },
        rules: {
            // Tests pass deliberately ill-typed arguments to the validation and read parsed JSON documents and mock inputs.
            "@typescript-eslint/no-explicit-any": "off",
        },
    },
    {
        files: ["lab/**/*.ts"],
        rules: {
            // The lab reads the inputs a mock deployment recorded and the parsed YAML of rendered files: untyped JSON, as in tests.
            "@typescript-eslint/no-explicit-any": "off",
        },
    },
    {
        files: ["**/*.js"],
        languageOptions: { sourceType: "commonjs" },
        rules: {
            // CommonJS files that node runs as they are (jest's config, the Lambda bundling script): require is their import.
            "@typescript-eslint/no-require-imports": "off",
        },
    },
    prettier,
);
