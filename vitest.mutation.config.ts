// The tests StrykerJS runs against each mutant (stryker.config.mjs): only the fast in-process files that
// cover the mutated modules. Tests that start the command as a subprocess, regenerate, pack or drive a
// browser would not see the sandbox's mutants, and would make each mutant cost seconds. So would
// test/hostile-library.test.ts, whose payloads of millions of items (up to 13 s a test) hold time and
// memory bounds: the logic they pass through is what the unit tests below assert.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/captures.test.ts",
      "test/check.test.ts",
      "test/check-unreadable.test.ts",
      "test/check-schema-keywords.test.ts",
      "test/check-truncation.test.ts",
      "test/cli-format-escapes.test.ts",
      "test/cli-results-order.test.ts",
      "test/display-text.test.ts",
      "test/display-text-surrogates.test.ts",
      "test/issues-contract-error.test.ts",
      "test/json-locate.test.ts",
      "test/json-scan.test.ts",
      "test/json-text-errors.test.ts",
      "test/request.test.ts",
      "test/request-edges.test.ts",
      "test/request-declared-types.test.ts",
      "test/response.test.ts",
      "test/response-unwritable.test.ts",
      "test/rule-pass.test.ts",
      "test/rule-pass-walks.test.ts",
      "test/rules-options.test.ts",
      "test/rule-settings.test.ts",
      "test/standard-schema.test.ts",
      "test/strict.test.ts",
      "test/strict-schemas.test.ts",
      "test/strict-shapes.test.ts",
      "test/strict-suggest.test.ts",
    ],
    testTimeout: 60_000,
  },
});
