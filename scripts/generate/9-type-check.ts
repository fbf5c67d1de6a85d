/**
 * Stage 9: what stage 8 laid out must compile before any of it is written. One TypeScript program,
 * built in memory with the project's tsconfig.json over the repository with the new generated/ files
 * and bindings laid over it (files generated/ would no longer hold are gone from it), checks
 * generated/*.ts, the bindings and every module of src/ that imports them. The examples are typed
 * literals there, so an example the types reject fails here too. A failure is a SpecError naming the
 * spec file and the example or schema responsible (type-errors.ts), and `npm run generate` writes
 * nothing. `--check` compares files only and does not come here. Run alone, it checks what the spec
 * makes now and prints how many modules passed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve, sep } from "node:path";
import type { CompilerHost, CompilerOptions, Diagnostic } from "typescript";
import { runAlone } from "../utils/index.js";
import { throughStage7 } from "./7-check-examples.js";
import { renderFiles } from "./8-render-files.js";
import { typeCheckFailure } from "./type-errors.js";
import type { Artifacts, RenderedFiles } from "./types.js";

// The copy openapi-typescript (stage 5) has loaded already, taken the same way (CommonJS).
const ts: typeof import("typescript") = createRequire(import.meta.url)("typescript");

/** Type-checks the rendered files; throws a SpecError when they do not compile. Returns the modules checked. */
export function typeCheck(root: string, artifacts: Artifacts, rendered: RenderedFiles): string[] {
  const overlay = new Map<string, string>();
  for (const [path, text] of rendered.files) overlay.set(join(root, "generated", path), text);
  for (const [path, text] of rendered.bindings) overlay.set(join(root, path), text);
  const options = compilerOptions(root);
  // The types first: an example or a module that fails because a type does not compile is said after it.
  const typesFile = join(root, "generated", "types.ts");
  const modules = [...overlay.keys()].filter((file) => /\.ts$/.test(file) && file !== typesFile);
  const checked = [typesFile, ...modules, ...importers(root, overlay)];
  const program = ts.createProgram({ rootNames: checked, options, host: overlayHost(root, options, overlay) });
  const diagnostics: Diagnostic[] = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const file of checked) {
    const source = program.getSourceFile(file);
    diagnostics.push(...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source));
  }
  if (diagnostics.length > 0)
    throw typeCheckFailure(ts, { root, artifacts, program, generatedFiles: new Set(overlay.keys()) }, diagnostics);
  return checked;
}

/** The compiler options of the project's tsconfig.json, emitting nothing. */
function compilerOptions(root: string): CompilerOptions {
  const configFile = join(root, "tsconfig.json");
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = read.error ? undefined : ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configFile);
  // An include that finds no file (TS18003) does not matter: the files are given.
  const error = read.error ?? parsed?.errors.find((problem) => problem.code !== 18003);
  if (error) throw new Error(`tsconfig.json: ${ts.flattenDiagnosticMessageText(error.messageText, " ")}`);
  return { ...parsed!.options, noEmit: true };
}

/**
 * The file system as the compiler sees it: the overlay's files, and nothing else under generated/
 * (a file the new generated/ would not hold must not be found there), and the disk for the rest.
 */
function overlayHost(root: string, options: CompilerOptions, overlay: ReadonlyMap<string, string>): CompilerHost {
  const host = ts.createCompilerHost(options, true);
  // As tsc does: comments are not parsed for JSDoc types outside JavaScript files, where nothing reads them.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const generatedDir = join(root, "generated");
  const replaced = (file: string) => file === generatedDir || file.startsWith(`${generatedDir}${sep}`);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  const inOverlay = (dir: string) => [...overlay.keys()].some((file) => file.startsWith(`${dir}${sep}`));
  return {
    ...host,
    fileExists: (file) => overlay.has(resolve(file)) || (!replaced(resolve(file)) && fileExists.call(host, file)),
    readFile: (file) => overlay.get(resolve(file)) ?? (replaced(resolve(file)) ? undefined : readFile.call(host, file)),
    directoryExists: (dir) => inOverlay(resolve(dir)) || (!replaced(resolve(dir)) && (directoryExists?.call(host, dir) ?? true)),
    getSourceFile: (file, language, onError) => {
      const text = overlay.get(resolve(file));
      if (text !== undefined) return ts.createSourceFile(file, text, language);
      return replaced(resolve(file)) ? undefined : getSourceFile.call(host, file, language, onError);
    },
  };
}

/** The modules of src/ (besides the overlay's) that import a file of generated/ or a binding. */
function importers(root: string, overlay: ReadonlyMap<string, string>): string[] {
  const srcDir = join(root, "src");
  const generatedDir = join(root, "generated");
  const modules = readdirSync(srcDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?ts$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !overlay.has(file))
    .sort();
  const reaches = (file: string, specifier: string) => {
    if (!specifier.startsWith(".")) return false;
    const target = resolve(dirname(file), specifier);
    return target.startsWith(`${generatedDir}${sep}`) || overlay.has(target.replace(/\.js$/, ".ts"));
  };
  return modules.filter((file) =>
    ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.some(({ fileName }) => reaches(file, fileName)),
  );
}

runAlone(import.meta.url, async (root) => {
  const artifacts = await throughStage7(root);
  const checked = typeCheck(root, artifacts, await renderFiles(artifacts));
  return `${checked.length} modules type-check: the generated ones, the bindings, and the modules of src/ that import them.`;
});
