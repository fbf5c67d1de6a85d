/**
 * `npm run generate`: spec/ → generated/, through the stages in this folder, in their numbered order.
 * `npm run generate -- --check` builds the same files in memory and fails, listing them, when
 * generated/ differs. Nothing is written unless every stage succeeds, and then generated/ is replaced
 * as a whole, so a failed run leaves it as it was. A run that writes ends with the contract changes
 * against the generated/openapi.json it replaced (see scripts/lib/contract-diff.ts).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSpec, SPEC_ENTRY } from "./1-bundle-spec.js";
import { validateOpenApiDocument } from "./2-validate-swagger.js";
import { convertToOpenApi } from "./3-convert-openapi.js";
import { nameSchemas } from "./4-name-schemas.js";
import { writeNamedTypes, writeOperationTypes } from "./5-write-types.js";
import { compileValidators } from "./6-compile-validators.js";
import { checkExamples } from "./7-check-examples.js";
import { renderFiles, type RenderedFiles } from "./8-render-files.js";
import { SpecError } from "../utils/spec-error.js";
import { summarizeRegeneration } from "../contract-diff/summary.js";

export interface Generation extends RenderedFiles {
  warnings: string[];
}

export async function generate(root: string): Promise<Generation> {
  const specFile = `spec/${SPEC_ENTRY}`;
  const { document, sources, warnings } = bundleSpec(root);
  await validateOpenApiDocument(document, specFile, "Swagger 2.0");
  const openapi = await convertToOpenApi(document, resolve(root, specFile));
  const named = nameSchemas(openapi);
  const rendered = await renderFiles({
    sources,
    openapi,
    named,
    namedTypes: await writeNamedTypes(named),
    operationTypes: await writeOperationTypes(openapi),
    validators: compileValidators(named, false),
    allErrorValidators: compileValidators(named, true),
    examples: checkExamples(openapi, named, specFile),
  });
  return { ...rendered, warnings };
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
  const extra = listFiles(outDir).filter((path) => !files.has(path)).map((path) => `generated/${path}`);
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
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const outDir = join(root, "generated");
  const generation = await generate(root);
  const { files, bindings, warnings } = generation;
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  const stale = staleFiles(root, generation);
  if (argv.includes("--check")) {
    if (stale.length === 0) {
      console.log(`generated/ is up to date (${files.size} files).`);
      return 0;
    }
    console.error(`generated/ is stale; run \`npm run generate\` and commit the result. Differs: ${stale.map((path) => `\n  ${path}`).join("")}`);
    return 1;
  }
  const previousOpenApi = existsSync(join(outDir, "openapi.json")) ? readFileSync(join(outDir, "openapi.json"), "utf8") : undefined;
  if (stale.length > 0) {
    replaceFolder(outDir, files);
    replaceFiles(root, bindings);
  }
  console.log(`generated/: ${files.size} files, ${stale.length} changed.`);
  process.stdout.write(summarizeRegeneration(previousOpenApi, files.get("openapi.json")!));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof SpecError ? `error: ${error.message}` : `error: generation failed: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
