/**
 * Stage 1: read spec/sync.yaml and every file it references, and bundle them into one Swagger 2.0
 * document: each referenced file becomes an entry of `definitions` and its `$ref`s point there.
 *
 * A `$ref` resolves relative to the file that contains it. The Matrix spec sources of this era also
 * wrote `definitions/x.json` from inside `definitions/` (they relied on a symlink), so where nothing
 * exists relative to the file, the spec root is tried next, with a warning.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { parseDocument } from "yaml";
import { parseJson } from "../src/json-text.js";
import { pascalCase } from "./lib/naming.js";
import { SpecError } from "./lib/spec-error.js";

export const SPEC_ENTRY = "sync.yaml";

export interface SpecSource {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

export interface BundledSpec {
  /** The Swagger 2.0 document with every external `$ref` replaced by `#/definitions/<Name>`. */
  document: Record<string, any>;
  /** The entry file first, then the referenced files in the order they were reached. */
  sources: SpecSource[];
  warnings: string[];
}

export function bundleSpec(root: string, specDir = "spec"): BundledSpec {
  const specRoot = resolve(root, specDir);
  const display = (file: string) => relative(root, file).split(sep).join("/");
  const sources: SpecSource[] = [];
  const warnings: string[] = [];
  const definitions: Record<string, unknown> = {};
  const nameOf = new Map<string, string>();

  function load(file: string): Record<string, any> {
    const text = readFileSync(file, "utf8");
    sources.push({ path: display(file), text });
    const parsed = extname(file) === ".json" ? parseJsonFile(display(file), text) : parseYamlFile(display(file), text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new SpecError(display(file), "must hold an object");
    }
    return parsed;
  }

  function locate(ref: string, referrer: string): string {
    const besideReferrer = resolve(dirname(referrer), ref);
    const fromRoot = resolve(specRoot, ref);
    for (const candidate of [besideReferrer, fromRoot]) {
      if (!`${candidate}${sep}`.startsWith(`${specRoot}${sep}`)) continue;
      if (!existsSync(candidate)) continue;
      if (candidate === fromRoot && candidate !== besideReferrer) {
        warnings.push(`${display(referrer)}: $ref "${ref}" is not found beside this file; resolved from the spec root as ${display(fromRoot)}`);
      }
      return candidate;
    }
    throw new SpecError(display(referrer), `$ref "${ref}" resolves to no file under ${specDir}/ (looked for ${display(besideReferrer)} and ${display(fromRoot)})`);
  }

  function definitionFor(file: string): string {
    const known = nameOf.get(file);
    if (known) return known;
    const schema = load(file);
    const preferred = pascalCase(typeof schema.title === "string" ? schema.title : basename(file, extname(file)));
    const name = preferred in definitions ? pascalCase(relative(specRoot, file).replace(/\.[^.]+$/, "")) : preferred;
    nameOf.set(file, name);
    definitions[name] = schema;
    rewriteRefs(schema, file);
    return name;
  }

  function rewriteRefs(node: unknown, file: string): void {
    if (node === null || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    const ref = object.$ref;
    if (typeof ref === "string" && !ref.startsWith("#")) {
      const [target, fragment = ""] = ref.split("#", 2) as [string, string?];
      object.$ref = `#/definitions/${definitionFor(locate(target, file))}${fragment}`;
    }
    for (const value of Object.values(object)) rewriteRefs(value, file);
  }

  const entry = join(specRoot, SPEC_ENTRY);
  if (!existsSync(entry)) throw new SpecError(display(entry), "not found");
  const document = load(entry);
  rewriteRefs(document, entry);
  if (Object.keys(definitions).length > 0) document.definitions = { ...document.definitions, ...definitions };
  return { document, sources, warnings };
}

function parseJsonFile(file: string, text: string): unknown {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new SpecError(file, `invalid JSON: ${parsed.message}`, parsed.position);
  return parsed.value;
}

function parseYamlFile(file: string, text: string): unknown {
  const document = parseDocument(text, { prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    const [start] = error.linePos ?? [];
    throw new SpecError(file, `invalid YAML: ${error.message.split("\n")[0]}`, start && { line: start.line, column: start.col });
  }
  return document.toJS();
}
