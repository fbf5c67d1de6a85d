/**
 * A failed type check (stage 9) said in the spec's terms, not as errors in files nobody edits by hand:
 * an error inside generated/examples.ts names the example and the JSON pointer of the offending value;
 * one in generated/types.ts names the schema whose type does not compile; one in any other module
 * names its place and the generated type it uses there. Each is reported against the spec file the
 * example or schema is written in. Text from the spec (keys, values TypeScript quotes) is escaped.
 */
import { join, relative, sep } from "node:path";
import type { Diagnostic, Node, Program, SourceFile } from "typescript";
import { displayPointer, displayText } from "../../lib/display-text.js";
import { escapePointerToken } from "../../lib/json-pointer.js";
import { SpecError } from "../utils/index.js";
import { exampleSource } from "./operation.js";
import type { Operation } from "./types.js";

type TypeScript = typeof import("typescript");

/** What a failure is said with: where the spec writes the examples and each named schema. Plain data, for a worker thread. */
export interface SpecContext {
  /** The entry file, where the operation and its examples are written. */
  specFile: string;
  operation: Operation;
  origins: Record<string, string>;
  sources: { path: string; definition?: string }[];
}

export interface TypeCheckContext {
  root: string;
  spec: SpecContext;
  program: Program;
  /** The files of the new generated/ and the bindings, as the compiler writes their paths. */
  generatedFiles: ReadonlySet<string>;
}

/** How many type errors the message lists; the rest are counted. */
const LISTED = 5;

export function typeCheckFailure(ts: TypeScript, context: TypeCheckContext, diagnostics: readonly Diagnostic[]): SpecError {
  const [first, ...rest] = diagnostics.map((diagnostic) => describeDiagnostic(ts, context, diagnostic));
  const listed = rest.slice(0, LISTED - 1).map(({ file, position, text }) => `\n  ${located(file, position)}: ${text}`);
  const unlisted = rest.length - listed.length;
  const problem = `${first!.text}${listed.join("")}${unlisted > 0 ? `\n  and ${unlisted} more type errors` : ""}`;
  return new SpecError(first!.file, problem, first!.position);
}

interface Described {
  /** The file responsible, relative to the repository root: the spec file, or a module of src/ that fails by itself. */
  file: string;
  position?: { line: number; column: number };
  text: string;
}

const located = (file: string, position: Described["position"]) => (position ? `${file}:${position.line}:${position.column}` : file);

function describeDiagnostic(ts: TypeScript, context: TypeCheckContext, diagnostic: Diagnostic): Described {
  const chain = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n").split("\n");
  const message = `${displayText(chain.map((line) => line.trim()).join(" "))} (TS${diagnostic.code})`;
  const { file: source, start } = diagnostic;
  if (!source || start === undefined) return { file: "tsconfig.json", text: `TypeScript: ${message}` };
  const { specFile, operation } = context.spec;
  const path = displayText(relative(context.root, source.fileName).split(sep).join("/"));
  const { line, character } = source.getLineAndCharacterOfPosition(start);
  const position = { line: line + 1, column: character + 1 };
  if (path === "generated/examples.ts") {
    const [name, ...keys] = literalPath(ts, source, start);
    if (name !== undefined) {
      const pointer = keys.map((key) => `/${escapePointerToken(key)}`).join("");
      const where = `at "${displayPointer(pointer)}"`;
      return { file: specFile, text: `${exampleSource(name, operation)} does not type-check against its type ${where}: ${message}` };
    }
  }
  if (path === "generated/types.ts") {
    const declared = declarationAt(ts, source, start);
    if (declared) {
      const text = `the type ${declared} generated for its schema does not compile (${located(path, position)}): ${message}`;
      return { file: specFileOf(context.spec, declared), text };
    }
  }
  const used = generatedTypeUsedAt(ts, context, source, start);
  if (used !== undefined) {
    const text = `${located(path, position)} does not compile where it uses the generated type ${used}: ${message}`;
    return { file: specFileOf(context.spec, used), text };
  }
  return context.generatedFiles.has(source.fileName)
    ? { file: specFile, text: `the generated ${located(path, position)} does not compile: ${message}` }
    : { file: path, position, text: `does not compile beside the generated code: ${message}` };
}

/** The spec file a named type's schema is written in (`Closed.Event`'s is `Event`'s): its component's file, else the entry file. */
function specFileOf({ specFile, origins, sources }: SpecContext, typeName: string): string {
  const name = typeName.replace(/^Closed\./, "");
  const origin = Object.hasOwn(origins, name) ? origins[name] : undefined;
  return (origin !== undefined && sources.find((source) => source.definition === origin)?.path) || specFile;
}

/** The innermost node of `node` that holds `position`, and each one on the way there. */
function* nodesAt(ts: TypeScript, node: Node, source: SourceFile, position: number): Generator<Node> {
  for (;;) {
    const inner = ts.forEachChild(node, (child) => (child.getStart(source) <= position && position < child.end ? child : undefined));
    if (!inner) return;
    yield inner;
    node = inner;
  }
}

/** The property names and array indexes from the outermost object literal to the value at `position`. */
function literalPath(ts: TypeScript, source: SourceFile, position: number): string[] {
  const path: string[] = [];
  let parent: Node = source;
  for (const node of nodesAt(ts, source, source, position)) {
    if (ts.isArrayLiteralExpression(parent)) path.push(String(parent.elements.indexOf(node as never)));
    if (ts.isPropertyAssignment(node) && (ts.isStringLiteral(node.name) || ts.isIdentifier(node.name))) path.push(node.name.text);
    parent = node;
  }
  return path;
}

/** The name of the interface or type alias of generated/types.ts at `position`: `Event`, or `Closed.Event`. */
function declarationAt(ts: TypeScript, source: SourceFile, position: number): string | undefined {
  let closed = false;
  for (const node of nodesAt(ts, source, source, position)) {
    if (ts.isModuleDeclaration(node) && node.name.text === "Closed") closed = true;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return `${closed ? "Closed." : ""}${node.name.text}`;
  }
  return undefined;
}

/**
 * The generated type closest to `position` that the code there uses: the first identifier, from the
 * innermost node outwards, whose symbol is declared in generated/types.ts.
 */
function generatedTypeUsedAt(
  ts: TypeScript,
  { root, program }: TypeCheckContext,
  source: SourceFile,
  position: number,
): string | undefined {
  const checker = program.getTypeChecker();
  const typesFile = program.getSourceFile(join(root, "generated", "types.ts"));
  if (!typesFile) return undefined;
  const declaredIn = (identifier: Node): string | undefined => {
    let symbol = checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.declarations?.find((node) => node.getSourceFile() === typesFile);
    return declaration && declarationAt(ts, typesFile, declaration.getStart(typesFile));
  };
  const search = (node: Node): string | undefined =>
    (ts.isIdentifier(node) ? declaredIn(node) : undefined) ?? ts.forEachChild(node, search);
  const path = [...nodesAt(ts, source, source, position)].reverse();
  for (const node of path) {
    const found = search(node);
    if (found !== undefined) return found;
  }
  return undefined;
}
