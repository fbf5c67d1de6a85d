/**
 * The JSON Schema files users load (generated/schemas/<Name>.json, draft-07, and
 * generated/schemas/2020-12/<Name>.json), made from each named type's self-contained schema.
 *
 * Every file has an `$id`: the URL at which unpkg serves that very file of the latest published
 * package, `https://unpkg.com/matrix-sync-contract/generated/schemas/[2020-12/]<Name>.json`. It
 * carries no version, so it stays the same from release to release (editors and validators key
 * schemas by it), and it resolves, so an editor given it as a fixture's `$schema` can fetch it.
 *
 * OpenAPI 3.0's keywords become standard JSON Schema, so that strict validators (Ajv's default)
 * accept both drafts: `example: v` becomes `examples: [v]`, and `nullable: true` adds `"null"` to
 * `type` (as ajv, which compiles the package's validators, reads it: an `enum` must list null itself).
 * The 2020-12 files keep their definitions under `$defs` and refer to them there. Tuples, the other
 * change of 2020-12 (`items` arrays become `prefixItems`), cannot occur: Swagger 2.0 and OpenAPI 3.0
 * allow one schema for `items`, and `mapSubschemas` rewrites it wherever it is.
 */
import { DEFINITIONS_REF, mapSubschemas, type JsonSchema } from "../../lib/json-schema.js";
import { isJsonObject } from "../../lib/json-value.js";

/** Where the published package's files are served; the `$id` of each schema file is its URL here. */
export const PACKAGE_URL = "https://unpkg.com/matrix-sync-contract/";

export interface Draft {
  /** The draft's meta-schema, the files' `$schema`. */
  uri: string;
  /** The files' folder in generated/, which the package ships as it is. */
  folder: string;
}

export const DRAFT_07: Draft = { uri: "http://json-schema.org/draft-07/schema#", folder: "schemas/" };
export const DRAFT_2020_12: Draft = { uri: "https://json-schema.org/draft/2020-12/schema", folder: "schemas/2020-12/" };

/** The path of a named schema's file in generated/. */
export const schemaFile = (draft: Draft, name: string) => `${draft.folder}${name}.json`;
export const schemaId = (draft: Draft, name: string) => `${PACKAGE_URL}generated/${schemaFile(draft, name)}`;

/** The draft-07 file: the self-contained schema with its `$id`, in standard keywords. */
export function draft07Schema(name: string, selfContained: JsonSchema): JsonSchema {
  const { $schema, definitions, ...rest } = selfContained;
  const defs = isJsonObject(definitions) ? { definitions: mapValues(definitions, standardKeywords) } : {};
  return { $schema, $id: schemaId(DRAFT_07, name), ...standardKeywords(rest), ...defs };
}

/** The 2020-12 file, from the draft-07 one. */
export function draft2020Schema(name: string, draft07: JsonSchema): JsonSchema {
  const { definitions, ...rest } = draft07;
  const defs = isJsonObject(definitions) ? { $defs: mapValues(definitions, refsToDefs) } : {};
  return { ...refsToDefs(rest), $schema: DRAFT_2020_12.uri, $id: schemaId(DRAFT_2020_12, name), ...defs };
}

function refsToDefs(schema: JsonSchema): JsonSchema {
  const copy = mapSubschemas(schema, refsToDefs);
  if (typeof copy.$ref === "string" && copy.$ref.startsWith(DEFINITIONS_REF))
    copy.$ref = `#/$defs/${copy.$ref.slice(DEFINITIONS_REF.length)}`;
  return copy;
}

/** The schema with OpenAPI 3.0's `example` and `nullable` said in JSON Schema's own keywords, at every depth. */
export function standardKeywords(schema: JsonSchema): JsonSchema {
  const copy = mapSubschemas(schema, standardKeywords);
  const standard: JsonSchema = {};
  for (const [keyword, value] of Object.entries(copy)) {
    if (keyword === "example") standard.examples = [...(Array.isArray(copy.examples) ? copy.examples : []), value];
    else if (keyword === "examples") standard.examples ??= value;
    else if (keyword === "type" && copy.nullable === true) standard.type = withNull(value);
    else if (keyword !== "nullable") standard[keyword] = value;
  }
  return standard;
}

function withNull(type: unknown): unknown {
  if (typeof type === "string") return [type, "null"];
  return Array.isArray(type) && !type.includes("null") ? [...type, "null"] : type;
}

function mapValues(table: Record<string, unknown>, map: (schema: JsonSchema) => JsonSchema): Record<string, unknown> {
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, isJsonObject(value) ? map(value) : value]));
}
