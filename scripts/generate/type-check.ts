/**
 * The type check of stage 9: one TypeScript program, with the project's tsconfig.json, over the
 * repository with the new generated/ files and bindings laid over it (a file the new generated/ would
 * not hold is gone from it), checking generated/*.ts, the bindings and every module of src/ that
 * imports them. A program made earlier (`programOnDisk`) lends it every file whose text is the same,
 * parsed and bound, so only what changed is parsed again. Nothing here loads the generation stages,
 * so a worker thread can run it beside them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import type { CompilerHost, CompilerOptions, Diagnostic, Program } from "typescript";
import { typeCheckFailure, type SpecContext } from "./type-errors.js";
import type { RenderedFiles } from "./types.js";

// Taken as CommonJS, the copy openapi-typescript (stage 5) loads: through tsx's ES module hooks it costs a second more.
const ts: typeof import("typescript") = createRequire(import.meta.url)("typescript");

/** Type-checks the rendered files; throws a SpecError when they do not compile. Returns the modules checked. */
export function typeCheck(root: string, spec: SpecContext, rendered: RenderedFiles, previous?: Program): string[] {
  const overlay = new Map<string, string>();
  for (const [path, text] of rendered.files) overlay.set(compilerPath(root, "generated", path), text);
  for (const [path, text] of rendered.bindings) overlay.set(compilerPath(root, path), text);
  const options = compilerOptions(root);
  // The types first: an example or a module that fails because a type does not compile is said after it.
  const typesFile = compilerPath(root, "generated", "types.ts");
  const modules = [...overlay.keys()].filter((file) => /\.ts$/.test(file) && file !== typesFile);
  const bindings = new Set([...rendered.bindings.keys()].map((path) => compilerPath(root, path)));
  const checked = [typesFile, ...modules, ...importers(root, bindings)];
  const host = overlayHost(root, options, overlay, previous);
  const program = ts.createProgram({ rootNames: checked, options, host, oldProgram: previous });
  const diagnostics: Diagnostic[] = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const file of checked) {
    const source = program.getSourceFile(file);
    diagnostics.push(...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source));
  }
  if (diagnostics.length > 0) throw typeCheckFailure(ts, { root, spec, program, generatedFiles: new Set(overlay.keys()) }, diagnostics);
  return checked;
}

/**
 * The program of the modules of src/ that import generated/ (the bindings among them), as they are on
 * disk, parsed and bound: what `typeCheck` reuses of it is most of its work.
 */
export function programOnDisk(root: string): Program {
  const options = compilerOptions(root);
  const program = ts.createProgram({ rootNames: importers(root, new Set()), options, host: compilerHost(options) });
  program.getTypeChecker(); // binds every file; a file keeps its binding into the next program
  return program;
}

/** A path as the compiler writes the ones it asks for: absolute, with forward slashes. */
const compilerPath = (...parts: string[]) =>
  join(...parts)
    .split(sep)
    .join("/");

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

function compilerHost(options: CompilerOptions): CompilerHost {
  const host = ts.createCompilerHost(options);
  // As tsc does: comments are not parsed for JSDoc types outside JavaScript files, where nothing reads them.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  return host;
}

/**
 * The file system as the compiler sees it: the overlay's files, and nothing else under generated/,
 * and the disk for the rest; a file `previous` holds with the same text is taken from it as it is.
 */
function overlayHost(root: string, options: CompilerOptions, overlay: ReadonlyMap<string, string>, previous?: Program): CompilerHost {
  const host = compilerHost(options);
  const generatedDir = compilerPath(root, "generated");
  const replaced = (path: string) => path === generatedDir || path.startsWith(`${generatedDir}/`);
  const overlayDirs = new Set([...overlay.keys()].flatMap((file) => ancestors(file)));
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  return {
    ...host,
    fileExists: (file) => overlay.has(file) || (!replaced(file) && fileExists.call(host, file)),
    readFile: (file) => overlay.get(file) ?? (replaced(file) ? undefined : readFile.call(host, file)),
    directoryExists: (dir) => overlayDirs.has(dir) || (!replaced(dir) && (directoryExists?.call(host, dir) ?? true)),
    getSourceFile: (file, language, onError) => {
      const text = overlay.get(file);
      const earlier = previous?.getSourceFile(file);
      if (text !== undefined) return earlier?.text === text ? earlier : ts.createSourceFile(file, text, language);
      if (replaced(file)) return undefined;
      return earlier ?? getSourceFile.call(host, file, language, onError);
    },
  };
}

/** The folders that hold `file`, innermost first, as the compiler writes them. */
function ancestors(file: string): string[] {
  const parent = file.slice(0, file.lastIndexOf("/"));
  return parent === "" ? [] : [parent, ...ancestors(parent)];
}

/** The modules of src/, besides the bindings, that import a file of generated/ or a binding. */
function importers(root: string, bindings: ReadonlySet<string>): string[] {
  const generatedDir = compilerPath(root, "generated");
  const modules = readdirSync(join(root, "src"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?ts$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
    .map((entry) => compilerPath(entry.parentPath, entry.name))
    .filter((file) => !bindings.has(file))
    .sort();
  const reaches = (file: string, specifier: string) => {
    if (!specifier.startsWith(".")) return false;
    const target = compilerPath(dirname(file), specifier);
    return target.startsWith(`${generatedDir}/`) || bindings.has(target.replace(/\.js$/, ".ts"));
  };
  return modules.filter((file) =>
    ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.some(({ fileName }) => reaches(file, fileName)),
  );
}
