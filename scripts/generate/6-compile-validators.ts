/**
 * Stage 6: precompile one ajv validator per named schema into standalone ES module code, so that
 * importing the package compiles nothing and runs no `eval` or `new Function` (a strict CSP holds).
 *
 * Two modules come out: one that stops at the first error, for the boolean `validate*` functions and
 * the fast path of `check*`, and one that collects all errors, which `check*` runs only on invalid
 * input. Each named schema is its own ajv schema (`$id` = its name), so validators share the code of
 * the parts they have in common. Run alone, it prints both modules.
 */
import { Ajv, type Options } from "ajv";
import formats from "ajv-formats";
import standalone from "ajv/dist/standalone/index.js";
import { OPENAPI_ANNOTATIONS, type JsonSchema } from "../../lib/json-schema.js";
import { runAlone } from "../utils/index.js";
import { throughStage5 } from "./5-write-types.js";
import type { CompiledSpec, SchemaLayout } from "./types.js";

export function compileValidators({ names, definitions }: SchemaLayout, allErrors: boolean): string {
  const ajv = createAjv({ allErrors, code: { source: true, esm: true, lines: true } }, definitions);
  const exports = Object.fromEntries(names.map((name) => [`validate${name}`, name]));
  const code = importRuntimeHelpers(standalone.default(ajv, exports));
  return allErrors ? boundErrorCollection(code) : code;
}

/** Where ajv's all-errors code records a new error: the one place every error object passes. */
const RECORD_ERROR = /if\(vErrors === null\)\{\s*vErrors = \[(err\d+)\];\s*\}\s*else \{\s*vErrors\.push\(\1\);\s*\}\s*errors\+\+;/g;

/**
 * Adds `collectErrors(validate, data, max)`, which stops validation once it has `max` errors.
 * ajv has no such limit: on a large payload broken everywhere it builds every error object and
 * concatenates the lists of nested validators over and over, which grows faster than the payload.
 * Each new error also goes to a sink that throws when full. That list is exactly ajv's own only
 * while ajv never takes an error back (`anyOf`, `oneOf`, `not`, `if` do, by truncating its list);
 * for schemas that use them the limit is left out and ajv runs to the end.
 */
function boundErrorCollection(code: string): string {
  const takesErrorsBack = /vErrors\.length = |[;{}]\s*vErrors = null;/.test(code.replace(/let vErrors = null;/g, ""));
  if (takesErrorsBack) {
    const collectAll = [
      "export function collectErrors(validate, data) {",
      "  validate(data);",
      "  return { errors: validate.errors ?? [], complete: true };",
      "}",
    ];
    return `${code}\n${collectAll.join("\n")}\n`;
  }
  const sites = code.match(RECORD_ERROR)?.length ?? 0;
  if (sites !== (code.match(/errors\+\+/g)?.length ?? 0)) {
    // A new ajv writes its code differently: fail loudly rather than lose the bound without a word.
    throw new Error("ajv's all-errors code no longer records errors as RECORD_ERROR in scripts/generate/6-compile-validators.ts expects");
  }
  return `${code.replace(RECORD_ERROR, (recorded, error) => `${recorded}record(${error});`)}
const enough = Symbol("enough errors");
let sink = null;
let room = 0;
function record(error) {
  if (sink === null) return;
  sink.push(error);
  if (sink.length >= room) throw enough;
}
export function collectErrors(validate, data, max) {
  sink = [];
  room = max;
  try {
    validate(data);
    return { errors: sink, complete: true };
  } catch (error) {
    if (error !== enough) throw error;
    return { errors: sink, complete: false };
  } finally {
    sink = null;
  }
}
`;
}

/** Stages 1 to 6. */
export async function throughStage6(root: string): Promise<CompiledSpec> {
  const upstream = await throughStage5(root);
  return { ...upstream, validators: compileValidators(upstream.named, false), allErrorValidators: compileValidators(upstream.named, true) };
}

/**
 * An ajv instance that knows every definition under its name. Also used to check the examples. Strict
 * mode asks for the keywords JSON Schema does not define by name: OpenAPI's annotations (ajv knows
 * `nullable` already) and the `x-*` extensions the definitions use.
 */
export function createAjv(options: Options, definitions: Readonly<Record<string, JsonSchema>>): Ajv {
  const ajv = new Ajv({ strict: true, ...options });
  formats.default(ajv);
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS, ...extensionKeywords(definitions)]);
  for (const [name, schema] of Object.entries(definitions)) ajv.addSchema({ ...linkByName(schema), $id: name });
  return ajv;
}

function linkByName(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\/definitions\/([^"]+)"/g, '"$ref":"$1"'));
}

function extensionKeywords(definitions: Readonly<Record<string, JsonSchema>>): string[] {
  const found = new Set<string>();
  JSON.stringify(definitions, (key, value: unknown) => {
    if (key.startsWith("x-")) found.add(key);
    return value;
  });
  return [...found].sort();
}

/**
 * ajv's standalone output `require`s its runtime helpers (string length, deep equality, formats)
 * even as an ES module. Each becomes an import. Node gives a CommonJS module's namespace its
 * `module.exports` as `default`; bundlers give its properties; the helper reads either.
 */
function importRuntimeHelpers(code: string): string {
  const helpers = new Map<string, string>();
  const body = code.replace(/require\("([^"]+)"\)/g, (_, specifier: string) => {
    if (!helpers.has(specifier)) helpers.set(specifier, `runtime${helpers.size}`);
    return helpers.get(specifier)!;
  });
  const imports = [...helpers].map(([specifier, name]) => {
    const file = /\.[cm]?js$/.test(specifier) ? specifier : `${specifier}.js`;
    const ns = `${name}Module`;
    return `import * as ${ns} from "${file}";\nconst ${name} = ${ns}.default?.__esModule ? ${ns}.default : ${ns};\n`;
  });
  return imports.join("") + body.replace(/^"use strict";/, "");
}

runAlone(import.meta.url, async (root) => {
  const { validators, allErrorValidators } = await throughStage6(root);
  return new Map([
    ["first-error validators (generated/validators.js)", validators],
    ["all-errors validators (generated/validators-all-errors.js)", allErrorValidators],
  ]);
});
