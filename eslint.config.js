// ESLint flat config: typescript-eslint strictTypeChecked with the project service, as
// ../shared/STYLE.md describes. Generated and vendored files are ignored.
import js from "@eslint/js";
import vitest from "@vitest/eslint-plugin";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";
import { layerZones } from "./eslint.layers.js";

export default tseslint.config(
  { ignores: ["dist/**", "coverage/**", "node_modules/**", "web/vendor/**", "**/__fixtures__/**", "bench/.work/**", "demo-repo/**"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["*.js", "bin/*.js", "web/*.js"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      curly: "error",
      eqeqeq: "error",
      "no-console": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-unnecessary-condition": ["error", { allowConstantLoopConditions: true }],
    },
  },
  {
    // The walls between src/ folders (eslint.layers.js). Tests may compose layers; fixtures are not linted.
    files: ["src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    plugins: { "import-x": importX },
    settings: {
      // Source imports name the built file (`./x.js`); resolve them to the .ts beside it.
      "import-x/resolver-next": [createNodeResolver({ extensionAlias: { ".js": [".ts", ".js"] } })],
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: layerZones() }],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "vitest",
              message: "Product code does not import the test runner: move the helper beside its tests (a __fixtures__ folder).",
            },
          ],
          patterns: [{ group: ["**/__fixtures__/**", "**/*.test.js"], message: "Product code does not import test fixtures or tests." }],
        },
      ],
    },
  },
  {
    files: ["**/*.test.ts", "test/**/*.ts"],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "vitest/valid-expect": ["error", { maxArgs: 2 }],
    },
  },
  {
    // Interfaces that talk to a person and benchmarks print by design.
    files: ["src/cli/**/*.ts", "bench/**/*.ts", "bin/*.js", "web/*.js"],
    rules: { "no-console": "off" },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", document: "readonly", window: "readonly", fetch: "readonly" },
    },
  },
);
