/**
 * The documentation's code blocks compiled as a reader's project would compile them, all in one
 * TypeScript program: each block becomes a file of its own (held in memory, beside its Markdown file,
 * inside the repository so that the package's `"type": "module"` applies), and `matrix-sync-contract` with its subpaths resolves to
 * this repository's sources, as package.json's exports map them once built.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import type { ReadmeBlock } from "./readme-blocks.js";
import { repoRoot } from "./repo-copy.js";

const PACKAGE = "matrix-sync-contract";

/** A block as the compiler and the bundler see it: the prelude, then the code. */
export interface BlockFile {
  block: ReadmeBlock;
  /** Absolute; nothing is written there. */
  path: string;
  text: string;
  /** How many lines the prelude takes before the block's first line. */
  preludeLines: number;
}

/** The languages compiled, by fence info string, with the extension their file gets. */
const EXTENSIONS: Record<string, (code: string) => string> = {
  ts: () => ".ts",
  typescript: () => ".ts",
  // A JavaScript block that requires and never imports is CommonJS, as docs/library.md's CommonJS example.
  js: (code) => (/\brequire\(/.test(code) && !/^\s*(import|export)\b/m.test(code) ? ".cjs" : ".js"),
  javascript: (code) => EXTENSIONS.js!(code),
};

export const isCompiled = (block: ReadmeBlock): boolean => Object.hasOwn(EXTENSIONS, block.lang);

export function blockFile(block: ReadmeBlock): BlockFile {
  const extension = EXTENSIONS[block.lang]!(block.code);
  const text = block.prelude ? `${block.prelude}\n${block.code}` : block.code;
  return {
    block,
    path: join(repoRoot, `${block.file}-line-${block.line}${extension}`),
    text,
    preludeLines: block.prelude ? block.prelude.split("\n").length : 0,
  };
}

/**
 * The package's import paths and the repository file each one stands for: package.json's exports
 * with `./dist/<name>.js` read as its source `src/<name>.ts`. A `*` in both stands for the same text.
 */
export function packagePaths(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    exports: Record<string, string | { import: { default: string } }>;
  };
  return Object.fromEntries(
    Object.entries(manifest.exports).map(([subpath, target]) => {
      const file = typeof target === "string" ? target : target.import.default.replace(/^\.\/dist\//, "./src/").replace(/\.js$/, ".ts");
      return [subpath === "." ? PACKAGE : `${PACKAGE}/${subpath.slice(2)}`, file.slice(2)];
    }),
  );
}

/** The repository file an import of the package resolves to, or undefined when the package has no such path. */
export function resolvePackagePath(specifier: string): string | undefined {
  for (const [pattern, file] of Object.entries(packagePaths())) {
    const [prefix, suffix = ""] = pattern.split("*");
    const wildcard = pattern.includes("*");
    if (wildcard ? specifier.startsWith(prefix!) && specifier.endsWith(suffix) : specifier === pattern) {
      const part = wildcard ? specifier.slice(prefix!.length, specifier.length - suffix.length) : "";
      return join(repoRoot, file.replace("*", part));
    }
  }
  return undefined;
}

/** The repository's compiler options, with JavaScript checked too and the package mapped onto its sources. */
function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error("tsconfig.json cannot be read");
  const paths = Object.fromEntries(Object.entries(packagePaths()).map(([pattern, file]) => [pattern, [file]]));
  return { ...config.options, allowJs: true, checkJs: true, noEmit: true, baseUrl: repoRoot, paths };
}

/** A block's key in `Compiled.errors`: its file and line, `docs/command.md:12`. */
export const blockId = (block: ReadmeBlock): string => `${block.file}:${block.line}`;

export interface Compiled {
  /** Each block's errors, as `<file>:<line>:<column>: TS<code>: <message>`, by `blockId`. */
  errors: Map<string, string[]>;
  /** Errors of the options or of no file in particular. */
  general: string[];
}

/** Compiles the blocks in one program; every error is placed at its line of its Markdown file. */
export function compileBlocks(blocks: readonly ReadmeBlock[]): Compiled {
  const files = new Map(blocks.map((block) => blockFile(block)).map((file) => [file.path, file]));
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (path) => files.has(path) || fileExists.call(host, path);
  host.readFile = (path) => files.get(path)?.text ?? readFile.call(host, path);
  host.getSourceFile = (path, language, ...rest) => {
    const file = files.get(path);
    return file ? ts.createSourceFile(path, file.text, language) : getSourceFile.call(host, path, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const errors = new Map<string, string[]>();
  for (const file of files.values()) {
    const source = program.getSourceFile(file.path)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    errors.set(
      blockId(file.block),
      diagnostics.map((diagnostic) => placed(diagnostic, file)),
    );
  }
  const general = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((diagnostic) => message(diagnostic));
  return { errors, general };
}

const message = (diagnostic: ts.Diagnostic): string =>
  `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;

/** A diagnostic at its line and column of the Markdown file, or in the block's readme-test comment. */
function placed(diagnostic: ts.Diagnostic, file: BlockFile): string {
  const { block } = file;
  const where = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  if (!where) return `${blockId(block)}: ${message(diagnostic)}`;
  if (where.line < file.preludeLines) return `${blockId(block)} (its readme-test comment): ${message(diagnostic)}`;
  return `${block.file}:${block.line + 1 + where.line - file.preludeLines}:${where.character + 1}: ${message(diagnostic)}`;
}
