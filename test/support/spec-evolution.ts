/**
 * What the spec-evolution tests do in a repository copy after editing its spec: regenerate and read
 * the contract changes the run ends with, run a script that prints one JSON value, type-check a probe
 * module with the project's options, and build the package and check its bundled examples as
 * `npm start` does. Everything runs inside the copy, on the copy's regenerated code.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { repoRoot, type CommandResult, type RepoCopy } from "./repo-copy.js";

export function runIn(copy: RepoCopy, command: string, args: string[]): CommandResult {
  const result = spawnSync(command, args, { cwd: copy.root, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a script in the copy that prints one JSON value, and returns that value. */
export function probeIn(copy: RepoCopy, source: string): any {
  copy.write("probe.ts", source);
  const result = runIn(copy, process.execPath, ["--import", "tsx", "probe.ts"]);
  if (result.status !== 0) throw new Error(`the probe failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Type-checks `source` as src/type-probe.ts with tsc and the project's compiler options; the program
 * holds the probe and everything it imports (the package's root entry, for a probe that imports it).
 */
export function typeCheckIn(copy: RepoCopy, source: string): CommandResult {
  copy.write("src/type-probe.ts", source);
  copy.write("tsconfig.probe.json", JSON.stringify({ extends: "./tsconfig.json", include: ["src/type-probe.ts"] }));
  return runIn(copy, process.execPath, [join(copy.root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.probe.json"]);
}

/** Regenerates and returns the contract summary (what follows the line counting the files); `warnings` is the expected stderr. */
export function generateSummary(copy: RepoCopy, warnings = ""): string {
  const result = copy.generate();
  expect(result.stderr).toBe(warnings);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^generated\/: \d+ files, \d+ changed\.\n/);
  return result.stdout.replace(/^.*\n/, "");
}

/** The summary's text: its first line, then each change indented. */
export const summary = (...lines: string[]) => lines.map((line, i) => (i === 0 ? line : `  ${line}`)).join("\n") + "\n";

/**
 * `npm run build` in the copy, then the check of every bundled example against the built package
 * (scripts/check-bundled-examples.ts, the last step of `npm start`): its last line, and its exit code.
 */
export function buildAndCheckExamples(copy: RepoCopy): { build: number | null; examples: CommandResult } {
  copy.write("tsup.config.ts", readFileSync(join(repoRoot, "tsup.config.ts"), "utf8"));
  const build = runIn(copy, "npm", ["run", "--silent", "build"]);
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const examples = runIn(copy, process.execPath, ["--import", "tsx", "scripts/check-bundled-examples.ts"]);
  return { build: build.status, examples: { ...examples, stdout: examples.stdout.trimEnd().split("\n").at(-1)! } };
}
