/**
 * Run after StrykerJS (`npm run test:mutation`): its `break` threshold holds the total score, this
 * holds each mutated file to the same threshold. Reads Stryker's JSON report (the
 * mutation-testing-report-schema), prints a table per file and exits 1 when any file is below it.
 */
import { readFileSync } from "node:fs";

const REPORT = "reports/mutation/mutation.json";
const THRESHOLD = 90;

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

/** Killed or timed out counts as detected; compile and runtime errors and ignored mutants count for nothing. */
function count(mutants: readonly { status: string }[]) {
  const by = (status: string) => mutants.filter((mutant) => mutant.status === status).length;
  const killed = by("Killed") + by("Timeout");
  const survived = by("Survived");
  const noCoverage = by("NoCoverage");
  const valid = killed + survived + noCoverage;
  return { killed, survived, noCoverage, score: valid === 0 ? 100 : (100 * killed) / valid };
}

const report = JSON.parse(readFileSync(REPORT, "utf8")) as Report;
const rows = Object.entries(report.files)
  .map(([file, { mutants }]) => ({ file, ...count(mutants) }))
  .sort((a, b) => a.file.localeCompare(b.file));
const width = Math.max(...rows.map((row) => row.file.length));
console.log(`${"file".padEnd(width)}  score  killed  survived  no coverage`);
for (const { file, score, killed, survived, noCoverage } of rows) {
  const mark = score < THRESHOLD ? "  below" : "";
  console.log(
    `${file.padEnd(width)} ${score.toFixed(1).padStart(6)} ${String(killed).padStart(7)} ${String(survived).padStart(9)}` +
      ` ${String(noCoverage).padStart(12)}${mark}`,
  );
}
const below = rows.filter((row) => row.score < THRESHOLD);
if (below.length > 0) {
  console.error(`${below.length} of ${rows.length} files score below ${THRESHOLD}%: ${below.map((row) => row.file).join(", ")}`);
  process.exitCode = 1;
} else {
  console.log(`every file scores at least ${THRESHOLD}%`);
}
