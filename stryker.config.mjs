// @ts-check
/**
 * Mutation testing (`npm run test:mutation`): StrykerJS changes the runtime and the command's report
 * code one small edit at a time and runs the in-process tests of vitest.mutation.config.ts against each
 * change; a change no test notices is a gap in the tests. Incremental: the results are kept in
 * reports/stryker-incremental.json (committed), so a run re-tests only the mutants whose code or tests
 * changed. scripts/mutation-score.ts then holds every file, not just the total, to the threshold.
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  plugins: ["@stryker-mutator/vitest-runner"],
  coverageAnalysis: "perTest",
  mutate: [
    "src/check.ts",
    "src/issues.ts",
    "src/rules.ts",
    "src/rule-pass.ts",
    "src/rule-options.ts",
    "src/strict.ts",
    "src/strict-suggest.ts",
    "src/request.ts",
    "src/response.ts",
    "lib/display-text.ts",
    "lib/json-locate.ts",
    "lib/json-pointer.ts",
    "lib/json-scan.ts",
    "lib/json-text.ts",
    "src/cli/results.ts",
    "src/cli/workflow-commands.ts",
    "src/cli/formats/github.ts",
    "src/cli/formats/junit.ts",
  ],
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["json", "clear-text"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 95, low: 90, break: 90 },
  concurrency: 2,
  // On a shared machine a test can take twice its dry-run time: room before a mutant counts as a timeout.
  timeoutMS: 10_000,
  tempDirName: ".stryker-tmp",
  // What the tests never read stays out of the sandbox: the benchmarks' cache alone is thousands of files.
  ignorePatterns: ["bench", "dist", "docs", "coverage", ".scratch", "reports"],
  cleanTempDir: true,
};
