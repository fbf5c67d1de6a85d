/**
 * JSON Schema as plain data, and the walking and normalising that the build (naming the schemas, the
 * contract diff) and the runtime (the arbitraries) share: the one list of keywords that annotate
 * without constraining, following a `$ref` into a table of named schemas, copying a schema with each
 * subschema replaced, and the arithmetic of types and enums that `allOf` needs.
 */

import { isJsonObject, type JsonObject } from "./json-value.js";

/** A JSON Schema (draft-07, or OpenAPI 3.0's dialect of it) as a plain object. */
export type JsonSchema = JsonObject;

/** The annotations of JSON Schema itself (draft-07, and `deprecated` from 2019-09): a JSON Schema validator knows them. */
export const JSON_SCHEMA_ANNOTATIONS = [
  "title",
  "description",
  "examples",
  "$comment",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
] as const;

/** The annotations OpenAPI 3.0 adds, which a JSON Schema validator does not know. */
export const OPENAPI_ANNOTATIONS = ["example", "externalDocs", "xml"] as const;

const ANNOTATIONS: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(
  /* @__PURE__ */ (JSON_SCHEMA_ANNOTATIONS as readonly string[]).concat(OPENAPI_ANNOTATIONS),
);

/** Whether a keyword only annotates: the lists above, and every `x-*` extension. */
export function isAnnotation(keyword: string): boolean {
  return ANNOTATIONS.has(keyword) || keyword.startsWith("x-");
}

/** The schema's own keywords without its annotations. */
export function withoutAnnotations(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([keyword]) => !isAnnotation(keyword)));
}

/** Only the schema's annotations, which a reference to it may carry. */
export function annotationsOf(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([keyword]) => isAnnotation(keyword)));
}

/** Where a draft-07 schema keeps the schemas it refers to. */
export const DEFINITIONS_REF = "#/definitions/";
/** Where an OpenAPI 3.0 document keeps its named schemas. */
export const COMPONENTS_REF = "#/components/schemas/";

export interface Reference {
  /** The name after the prefix. */
  name: string;
  /** The schema of that name; undefined when the table has none. */
  target: JsonSchema | undefined;
}

/** Follows the schema's `$ref` when it points under `prefix`; undefined for a schema with no such `$ref`. */
export function followRef(schema: JsonSchema, prefix: string, table: Readonly<Record<string, JsonSchema>>): Reference | undefined {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith(prefix)) return undefined;
  const name = ref.slice(prefix.length);
  // Own keys only: a schema named `constructor` is not Object.prototype's.
  return { name, target: Object.hasOwn(table, name) ? table[name] : undefined };
}

/**
 * Where a subschema applies relative to its parent's instance: a property name, `null` for any key
 * of a map or item of an array, `undefined` for the instance itself (`allOf`, `anyOf`, `oneOf`, `not`).
 */
export type SubschemaStep = string | null | undefined;

const SAME_INSTANCE_LISTS = ["allOf", "anyOf", "oneOf"] as const;

/**
 * A shallow copy of `schema` with each direct subschema replaced by `replace(subschema, step)`, visited
 * in a fixed order: properties, additionalProperties, items, allOf, anyOf, oneOf, not. Values that
 * are not schemas (`additionalProperties: true`) stay as they are.
 */
export function mapSubschemas(schema: JsonSchema, replace: (subschema: JsonSchema, step: SubschemaStep) => JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...schema };
  const { properties, additionalProperties, items, not } = schema;
  if (isJsonObject(properties)) {
    copy.properties = Object.fromEntries(
      Object.entries(properties).map(([key, value]) => [key, isJsonObject(value) ? replace(value, key) : value]),
    );
  }
  if (isJsonObject(additionalProperties)) copy.additionalProperties = replace(additionalProperties, null);
  if (isJsonObject(items)) copy.items = replace(items, null);
  for (const keyword of SAME_INSTANCE_LISTS) {
    const members = schema[keyword];
    if (Array.isArray(members))
      copy[keyword] = members.map((member: unknown) => (isJsonObject(member) ? replace(member, undefined) : member));
  }
  if (isJsonObject(not)) copy.not = replace(not, undefined);
  return copy;
}

/** Calls `visit` on each direct subschema, in the order of `mapSubschemas`. */
export function forEachSubschema(schema: JsonSchema, visit: (subschema: JsonSchema, step: SubschemaStep) => void): void {
  mapSubschemas(schema, (subschema, step) => {
    visit(subschema, step);
    return subschema;
  });
}

/** Whether `types` allows a value of `type`: an integer is a number; no list of types allows any. */
export function typeAllowed(types: readonly string[] | null | undefined, type: string): boolean {
  return types === null || types === undefined || types.includes(type) || (type === "integer" && types.includes("number"));
}

/** The same JSON text, key order included: how enum values are compared here. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The values of `a` that `b` also lists: the enum of an `allOf` of both. */
export function intersectEnums(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  return a.filter((value) => b.some((other) => sameJson(value, other)));
}
