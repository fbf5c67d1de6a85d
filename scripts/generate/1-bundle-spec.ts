/**
 * Stage 1: read spec/sync.yaml and every file it references, and bundle them into one Swagger 2.0
 * document: each referenced file becomes an entry of `definitions` and its `$ref`s point there.
 *
 * A `$ref` resolves relative to the file that contains it. The Matrix spec sources of this era also
 * wrote `definitions/x.json` from inside `definitions/` (they relied on a symlink), so where nothing
 * exists relative to the file, the spec root is tried next, with a warning.
 *
 * Run alone, it prints the bundled spec (the document, the files read, the warnings) as JSON.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { isAlias, isMap, isNode, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { isJsonObject } from "../../lib/json-value.js";
import { parseJson, positionAt, type TextPosition } from "../../lib/json-text.js";
import { pascalCase, runAlone, SpecError } from "../utils/index.js";
import type { BundledSpec, SpecSource } from "./types.js";

export const SPEC_ENTRY = "sync.yaml";
/** The entry file as errors name it: relative to the repository root. */
export const SPEC_FILE = `spec/${SPEC_ENTRY}`;

export function bundleSpec(root: string, specDir = "spec"): BundledSpec {
  const specRoot = resolve(root, specDir);
  const display = (file: string) => relative(root, file).split(sep).join("/");
  const sources: SpecSource[] = [];
  const warnings: string[] = [];
  const definitions: Record<string, unknown> = {};
  const nameOf = new Map<string, string>();
  // YAML files keep their syntax tree, so that a problem found later can name its line.
  const yamlSources = new Map<string, { document: Document; text: string }>();

  function load(file: string): Record<string, unknown> {
    const text = readFileSync(file, "utf8");
    sources.push({ path: display(file), text });
    let parsed: unknown;
    if (extname(file) === ".json") {
      parsed = parseJsonFile(display(file), text);
    } else {
      const document = parseYamlFile(display(file), text);
      yamlSources.set(file, { document, text });
      parsed = document.toJS();
    }
    if (!isJsonObject(parsed)) throw new SpecError(display(file), "must hold an object");
    return parsed;
  }

  /** Where the `$ref` at `path` in a YAML file is written; undefined for JSON files. */
  function refPosition(file: string, path: (string | number)[]): TextPosition | undefined {
    const source = yamlSources.get(file);
    const node = source && nodeAt(source.document, [...path, "$ref"]);
    return source && node?.range ? positionAt(source.text, node.range[0]) : undefined;
  }

  function locate(ref: string, referrer: string, path: (string | number)[]): string {
    const besideReferrer = resolve(dirname(referrer), ref);
    const fromRoot = resolve(specRoot, ref);
    for (const candidate of [besideReferrer, fromRoot]) {
      if (!`${candidate}${sep}`.startsWith(`${specRoot}${sep}`)) continue;
      if (!existsSync(candidate)) continue;
      if (candidate === fromRoot && candidate !== besideReferrer) {
        const fallback = `resolved from the spec root as ${display(fromRoot)}`;
        warnings.push(`${display(referrer)}: $ref "${ref}" is not found beside this file; ${fallback}`);
      }
      return candidate;
    }
    const looked = `looked for ${display(besideReferrer)} and ${display(fromRoot)}`;
    const problem = `$ref "${ref}" resolves to no file under ${specDir}/ (${looked})`;
    throw new SpecError(display(referrer), problem, refPosition(referrer, path));
  }

  function definitionFor(file: string): string {
    const known = nameOf.get(file);
    if (known) return known;
    const schema = load(file);
    const preferred = pascalCase(typeof schema.title === "string" ? schema.title : basename(file, extname(file)));
    const name = preferred in definitions ? pascalCase(relative(specRoot, file).replace(/\.[^.]+$/, "")) : preferred;
    nameOf.set(file, name);
    sources.find((source) => source.path === display(file))!.definition = name;
    definitions[name] = schema;
    rewriteRefs(schema, file);
    return name;
  }

  /** `path`: the keys and indexes from the file's root to `node`. */
  function rewriteRefs(node: unknown, file: string, path: (string | number)[] = []): void {
    if (node === null || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    const ref = object.$ref;
    if (typeof ref === "string" && !ref.startsWith("#")) {
      const [target, fragment = ""] = ref.split("#", 2) as [string, string?];
      object.$ref = `#/definitions/${definitionFor(locate(target, file, path))}${fragment}`;
    }
    for (const [key, value] of Object.entries(object)) {
      rewriteRefs(value, file, [...path, Array.isArray(object) ? Number(key) : key]);
    }
  }

  const entry = join(specRoot, SPEC_ENTRY);
  if (!existsSync(entry)) throw new SpecError(display(entry), "not found");
  const document = load(entry);
  rewriteRefs(document, entry);
  // Always present, empty when no file is referenced, so that its type can promise it; swagger2openapi
  // converts an empty one to nothing.
  const own = isJsonObject(document.definitions) ? document.definitions : {};
  return { document: { ...document, definitions: { ...own, ...definitions } }, sources, warnings };
}

function parseJsonFile(file: string, text: string): unknown {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new SpecError(file, `invalid JSON: ${parsed.message}`, parsed.position);
  return parsed.value;
}

/**
 * The YAML node at `path`, matching keys as the JSON form spells them: `200:` is the key "200",
 * which the document's own `getIn` would not find, since it compares the number.
 */
function nodeAt(document: Document, path: (string | number)[]): Node | undefined {
  let node: unknown = document.contents;
  for (const step of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      node = node.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === String(step))?.value;
    } else if (isSeq(node)) node = node.items[Number(step)];
    else return undefined;
  }
  return isNode(node) ? node : undefined;
}

function parseYamlFile(file: string, text: string): Document {
  const document = parseDocument(text, { prettyErrors: false });
  const [error] = document.errors;
  // Without pretty errors the parser gives no line, only the offset where the error starts.
  if (error) throw new SpecError(file, `invalid YAML: ${error.message.split("\n")[0]}`, positionAt(text, error.pos[0]));
  return document;
}

runAlone(import.meta.url, (root) => bundleSpec(root));
