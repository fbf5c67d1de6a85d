/**
 * Running one stage of the pipeline by itself: `npx tsx scripts/generate/4-name-schemas.ts` runs the
 * stages up to that one on the repository's spec/ and prints what that stage made, writing nothing,
 * so that one stage's output can be read, or compared before and after an edit, on its own.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeFailure } from "./spec-error.js";

/** The repository root: this file sits in scripts/utils/. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Whether the module at `moduleUrl` is the script node was asked to run, rather than an import. */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && resolve(entry) === fileURLToPath(moduleUrl);
}

/** A stage's output as printed: a text as it is, several texts each under a `==> name <==` line, anything else as JSON. */
export function printable(output: unknown): string {
  if (typeof output === "string") return output.endsWith("\n") ? output : `${output}\n`;
  if (output instanceof Map) {
    const texts = [...(output as Map<unknown, unknown>)];
    return texts.map(([name, text]) => `==> ${String(name)} <==\n${printable(text)}`).join("\n");
  }
  return `${JSON.stringify(output, null, 2)}\n`;
}

/**
 * When the module at `moduleUrl` is run directly, runs `stage` on the repository and prints its
 * output; a failure is one line on stderr and exit code 1, as for `npm run generate`. Imported, does nothing.
 */
export function runAlone(moduleUrl: string, stage: (root: string) => unknown): void {
  if (!isMain(moduleUrl)) return;
  Promise.resolve(repoRoot)
    .then(stage)
    .then(
      (output) => process.stdout.write(printable(output)),
      (error: unknown) => {
        console.error(describeFailure(error));
        process.exitCode = 1;
      },
    );
}
