/**
 * The matchers as a consumer meets them: registered by a vitest setup file, in a separate vitest run,
 * whose report shows one test passing and the failing one with the issues and their pointers.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repoRoot } from "./support/repo-copy.js";

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "matrix-sync-contract-matchers-"));
  symlinkSync(join(repoRoot, "node_modules"), join(project, "node_modules"), "dir");
  writeFileSync(
    join(project, "vitest.config.mjs"),
    `export default { test: { include: ["*.spec.ts"], setupFiles: [${JSON.stringify(join(repoRoot, "src/vitest.ts"))}] } };\n`,
  );
  writeFileSync(
    join(project, "sync.spec.ts"),
    `import { expect, it } from "vitest";
it("accepts a valid response", () => {
  expect({ next_batch: "s1", presence: { events: [] } }).toBeValidSyncResponse();
  expect({ type: "m.room.message", content: {} }).toSatisfyContract("Event");
});
it("rejects a broken one", () => {
  expect({ next_batch: 1, presence: { events: {} } }).toBeValidSyncResponse();
});
`,
  );
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

it("passes and fails tests in a vitest run, listing the issues with their pointers", () => {
  const vitest = join(repoRoot, "node_modules/vitest/vitest.mjs");
  const run = spawnSync(process.execPath, [vitest, "run", "--reporter=json", "--outputFile=report.json"], {
    cwd: project,
    encoding: "utf8",
  });
  expect(run.status).toBe(1);
  const report = JSON.parse(readFileSync(join(project, "report.json"), "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
  };
  expect([report.numPassedTests, report.numFailedTests]).toEqual([1, 1]);
  const results = report.testResults[0]!.assertionResults;
  expect(results.map(({ title, status }) => [title, status])).toEqual([
    ["accepts a valid response", "passed"],
    ["rejects a broken one", "failed"],
  ]);
  expect(results[1]!.failureMessages[0]!.split("\n").slice(0, 3)).toEqual([
    "Error: expected the value to satisfy SyncResponse, but it breaks the contract:",
    "  /next_batch: must be string (schema:type)",
    "  /presence/events: must be array (schema:type)",
  ]);
});
