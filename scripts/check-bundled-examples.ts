/**
 * The last step of `npm start`: load the built package from dist/ and check every bundled example
 * against its schema and the prose rules, one line each, then `N passed, N failed`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** What this script uses of the built package: it reads dist/, so it names no source module. */
interface Contract {
  checks: Record<string, (value: unknown) => { valid: boolean; issues: unknown[] }>;
  formatIssues(issues: unknown[]): string;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const contract: Contract = await import(pathToFileURL(join(root, "dist/index.js")).href);
let passed = 0;
let failed = 0;
for (const file of readdirSync(join(root, "generated/examples")).sort()) {
  const name = basename(file, ".json");
  const result = contract.checks[name]!(JSON.parse(readFileSync(join(root, "generated/examples", file), "utf8")));
  console.log(
    `${result.valid ? "ok  " : "FAIL"} generated/examples/${file} (${name})${result.issues.length ? `\n${contract.formatIssues(result.issues).replace(/^/gm, "       ")}` : ""}`,
  );
  if (result.valid) passed++;
  else failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
