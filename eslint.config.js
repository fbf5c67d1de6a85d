// ESLint flat config. Formatting is Prettier's (.prettierrc.json); eslint-config-prettier, last,
// turns off every rule that would fight it, so max-len and the like are left to Prettier too.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const CODE = "{lib,src,scripts,test,bench}/**/*.{ts,cts,mts,js,mjs,cjs}";

/** Imports `files` may not make: gitignore patterns matched against the specifier, so at any depth. */
const forbid = (files, ignores, message, group) => ({
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { patterns: [{ group, message }] }] },
});

export default defineConfig(
  globalIgnores([
    "dist/",
    "generated/", // written by `npm run generate`
    "**/*.generated.ts", // likewise (src/checks.generated.ts, src/testing/arbitraries.generated.ts)
    "test/support/consumers/projects/", // outside projects, run against the packed package
    "bench/.cache/",
    ".stryker-tmp/", // StrykerJS's sandbox, a copy of the tree while `npm run test:mutation` runs
  ]),

  {
    files: [CODE],
    // Not the type-checked presets: measured on 2 cores they take ~15 s and ~740 MB against ~4 s
    // without them (tsc -p . takes ~5.5 s), and most of what they add follows from the `any`s that
    // no-explicit-any already reports.
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  // Tests break payloads on purpose and reach into them; typing each broken shape would say nothing.
  { files: ["test/**/*"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  // In a CommonJS file require() is the only way in.
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },

  // Files stay small enough to read in one go; tests are long lists of cases and are exempt.
  {
    files: ["{lib,src,scripts,bench}/**/*"],
    rules: { "max-lines": ["error", { max: 250, skipBlankLines: true, skipComments: true }] },
  },

  // The direction of dependencies, a second guard beside test/architecture.test.ts (which also sees
  // `import()`; this rule sees only static imports and re-exports).
  forbid(["lib/**/*"], [], "lib/ is below everything else: it may import only lib/ and npm packages.", [
    "**/src",
    "**/src/**",
    "**/scripts",
    "**/scripts/**",
    "**/generated",
    "**/generated/**",
  ]),
  forbid(["scripts/**/*"], [], "scripts/ builds generated/: it may import only lib/ and npm packages.", [
    "**/src",
    "**/src/**",
    "**/generated",
    "**/generated/**",
  ]),
  // The core of src/ against the command, the matchers and the arbitraries, which sit above it.
  forbid(
    ["src/**/*"],
    ["src/cli.ts", "src/cli/**", "src/vitest.ts", "src/testing/**", "src/mock/**"],
    "The core of src/ may not import the command, the matchers or the arbitraries.",
    ["**/cli", "**/cli.js", "**/cli/**", "**/vitest.js", "**/testing", "**/testing/**"],
  ),

  prettier,
);
