/**
 * `npm run generate`: spec/ → generated/, through the stages in this folder, in their numbered order
 * (each stage runs the ones before it: stage 7's `throughStage7` gives everything stage 8 lays out,
 * and stage 9 type-checks what stage 8 laid out, in memory). `npm run generate -- --check` builds the
 * same files in memory and fails, listing them, when generated/ differs; it compares and does not
 * type-check, and neither does a run that finds nothing to change. Nothing is written unless every
 * stage succeeds, and then generated/ is replaced as a whole, so a failed run leaves it as it was. A
 * run that writes ends with the contract changes against the generated/openapi.json it replaced (see
 * scripts/contract-diff/diff.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { summarizeRegeneration } from "../contract-diff/summary.js";
import { describeFailure, isMain, repoRoot } from "../utils/index.js";
import { bundleSpec } from "./1-bundle-spec.js";
import { specContext, typeCheckAhead, type TypeCheckAhead } from "./9-type-check.js";
import { specHash } from "./provenance.js";
import type { Artifacts, RenderedFiles } from "./types.js";

export interface Generation extends RenderedFiles {
  artifacts: Artifacts;
}

export async function generate(root: string): Promise<Generation> {
  // Loaded here, not above, so that `npm run generate` starts the type check's worker before loading them.
  const [{ throughStage7 }, { renderFiles }] = await Promise.all([import("./7-check-examples.js"), import("./8-render-files.js")]);
  const artifacts = await throughStage7(root);
  return { ...(await renderFiles(artifacts)), artifacts };
}

/** Files under `dir`, relative to it, with forward slashes. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

const differs = (file: string, text: string) => !existsSync(file) || readFileSync(file, "utf8") !== text;

/** The files that differ from what generation made, relative to the repository root. */
export function staleFiles(root: string, { files, bindings }: RenderedFiles): string[] {
  const outDir = join(root, "generated");
  const changed = [...files].filter(([path, text]) => differs(join(outDir, path), text)).map(([path]) => `generated/${path}`);
  const extra = listFiles(outDir)
    .filter((path) => !files.has(path))
    .map((path) => `generated/${path}`);
  const bindingsChanged = [...bindings].filter(([path, text]) => differs(join(root, path), text)).map(([path]) => path);
  return [...changed, ...extra, ...bindingsChanged].sort();
}

/** Writes the files to a fresh folder beside `outDir`, then swaps it in. */
function replaceFolder(outDir: string, files: Map<string, string>): void {
  const staging = mkdtempSync(`${outDir}.staging-`);
  try {
    for (const [path, text] of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), text);
    }
    const previous = `${staging}.previous`;
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Writes each file beside its place, then renames it there, so no reader sees half a file. */
function replaceFiles(root: string, files: Map<string, string>): void {
  for (const [path, text] of files) {
    const temporary = join(root, `${path}.staging`);
    writeFileSync(temporary, text);
    renameSync(temporary, join(root, path));
  }
}

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== "--check");
  if (unknown.length > 0) {
    console.error(`generate: unknown argument ${unknown[0]}; usage: npm run generate [-- --check]`);
    return 2;
  }
  const checkOnly = argv.includes("--check");
  // A spec that differs from the one generated/ was made from is most likely written: its type check starts now.
  let ahead = !checkOnly && specChanged(repoRoot) ? typeCheckAhead(repoRoot) : undefined;
  try {
    const generation = await generate(repoRoot);
    for (const warning of generation.artifacts.warnings) console.warn(`warning: ${warning}`);
    return checkOnly ? reportStale(generation) : await write(generation, () => (ahead ??= typeCheckAhead(repoRoot)));
  } finally {
    await ahead?.stop();
  }
}

function reportStale(generation: Generation): number {
  const stale = staleFiles(repoRoot, generation);
  if (stale.length === 0) {
    console.log(`generated/ is up to date (${generation.files.size} files).`);
    return 0;
  }
  const listed = stale.map((path) => `\n  ${path}`).join("");
  console.error(`generated/ is stale; run \`npm run generate\` and commit the result. Differs: ${listed}`);
  return 1;
}

/** Writes what is stale, once `typeChecker()` (started already, or now) has found that it compiles. */
async function write(generation: Generation, typeChecker: () => TypeCheckAhead): Promise<number> {
  const { files, bindings, artifacts } = generation;
  const outDir = join(repoRoot, "generated");
  const stale = staleFiles(repoRoot, generation);
  const previousFile = join(outDir, "openapi.json");
  const previousOpenApi = existsSync(previousFile) ? readFileSync(previousFile, "utf8") : undefined;
  if (stale.length > 0) {
    // What is about to be written must compile; a run that changes nothing leaves generated/ as it was.
    await typeChecker().check(specContext(artifacts), { files, bindings });
    replaceFolder(outDir, files);
    replaceFiles(repoRoot, bindings);
  }
  console.log(`generated/: ${files.size} files, ${stale.length} changed.`);
  process.stdout.write(summarizeRegeneration(previousOpenApi, files.get("openapi.json")!));
  return 0;
}

/** Whether spec/ differs from the spec generated/ was made from, as generated/manifest.json records it. */
function specChanged(root: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(root, "generated", "manifest.json"), "utf8")) as { specSha256?: unknown };
    return manifest.specSha256 !== specHash(bundleSpec(root).sources);
  } catch {
    return true; // no manifest, or a spec the stages will report on: no harm in starting early
  }
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(describeFailure(error));
      process.exitCode = 1;
    },
  );
}
