/**
 * The part of JSON Schema the arbitraries understand, with each schema brought to one level, a
 * `FlatSchema`: `$ref`s to `#/definitions/<Name>` followed, `allOf` members merged, annotations
 * (lib/json-schema.ts's list) dropped; the subschemas under it stay as written. A keyword outside that
 * part stops with an error naming it, so a spec edit that the arbitraries cannot honour fails loudly
 * instead of producing payloads that break the schema.
 */
import { DEFINITIONS_REF, followRef, intersectEnums, isAnnotation, typeAllowed, type JsonSchema } from "../../lib/json-schema.js";
import { isJsonObject as isSchema } from "../../lib/json-value.js";

export interface FlatSchema {
  /** The JSON types allowed; undefined when the schema does not constrain the type. */
  types?: string[];
  enum?: unknown[];
  properties: Record<string, JsonSchema>;
  required: string[];
  /** A schema for undeclared keys, `false` when none may appear, `true` when any value may. */
  additionalProperties: JsonSchema | boolean;
  items?: JsonSchema;
  /** The definitions this schema is, through `$ref` or `allOf`: their prose rules apply to its instances. */
  names: string[];
}

export class UnsupportedSchemaError extends Error {
  override name = "UnsupportedSchemaError";
  constructor(where: string, problem: string) {
    super(`the schema at ${where} ${problem}`);
  }
}

/** Keywords that say nothing about the value besides annotations: the dialect, the schema's URI, and the schemas to refer to. */
const NOT_ABOUT_THE_VALUE = new Set(["$schema", "$id", "definitions"]);
const JSON_TYPES = new Set(["object", "array", "string", "integer", "number", "boolean", "null"]);

export function shapeOf(schema: JsonSchema, definitions: Record<string, JsonSchema>, where: string): FlatSchema {
  const own: FlatSchema = { properties: {}, required: [], additionalProperties: true, names: [] };
  const parts: FlatSchema[] = [];
  for (const [keyword, value] of Object.entries(schema)) {
    if (isAnnotation(keyword) || NOT_ABOUT_THE_VALUE.has(keyword)) continue;
    switch (keyword) {
      case "type": {
        const types = Array.isArray(value) ? value : [value];
        if (!types.every((type) => JSON_TYPES.has(type))) {
          throw new UnsupportedSchemaError(where, `has an unknown type ${JSON.stringify(value)}`);
        }
        own.types = types;
        break;
      }
      case "enum":
        if (!Array.isArray(value)) throw new UnsupportedSchemaError(where, "has an enum that is not an array");
        own.enum = value;
        break;
      case "properties":
        if (!isSchema(value) || !Object.values(value).every(isSchema)) {
          throw new UnsupportedSchemaError(where, "has properties that are not all schemas");
        }
        own.properties = value as Record<string, JsonSchema>;
        break;
      case "required":
        if (!Array.isArray(value) || !value.every((key) => typeof key === "string")) {
          throw new UnsupportedSchemaError(where, "has a required that is not a list of names");
        }
        own.required = value;
        break;
      case "additionalProperties":
        if (typeof value !== "boolean" && !isSchema(value)) {
          throw new UnsupportedSchemaError(where, "has an additionalProperties that is not a schema");
        }
        own.additionalProperties = value;
        break;
      case "items":
        if (!isSchema(value)) throw new UnsupportedSchemaError(where, "has items that are not one schema (tuples are not supported)");
        own.items = value;
        break;
      case "$ref":
        parts.push(referenced(schema, definitions, where));
        break;
      case "allOf":
        if (!Array.isArray(value) || !value.every(isSchema)) {
          throw new UnsupportedSchemaError(where, "has an allOf that is not a list of schemas");
        }
        value.forEach((member, i) => parts.push(shapeOf(member, definitions, `${where}/allOf/${i}`)));
        break;
      default:
        throw new UnsupportedSchemaError(where, `uses the keyword "${keyword}", which the arbitraries do not support`);
    }
  }
  return parts.reduce((shape, part) => intersect(shape, part, where), own);
}

function referenced(schema: JsonSchema, definitions: Record<string, JsonSchema>, where: string): FlatSchema {
  const ref = followRef(schema, DEFINITIONS_REF, definitions);
  if (ref?.target === undefined) {
    throw new UnsupportedSchemaError(where, `refers to ${JSON.stringify(schema.$ref)}, which is not one of its definitions`);
  }
  const shape = shapeOf(ref.target, definitions, `${DEFINITIONS_REF}${ref.name}`);
  return { ...shape, names: [ref.name, ...shape.names] };
}

/** A value that satisfies both shapes, as `allOf` and `$ref` mean: where both constrain one thing, both must hold. */
function intersect(a: FlatSchema, b: FlatSchema, where: string): FlatSchema {
  const both: FlatSchema = {
    properties: { ...a.properties },
    required: [...new Set([...a.required, ...b.required])],
    additionalProperties: closedPart(a, b, where),
    names: [...a.names, ...b.names],
  };
  for (const [key, schema] of Object.entries(b.properties)) {
    both.properties[key] = Object.hasOwn(a.properties, key) ? { allOf: [a.properties[key]!, schema] } : schema;
  }
  const types = a.types && b.types ? a.types.filter((type) => typeAllowed(b.types, type)) : (a.types ?? b.types);
  if (types?.length === 0) throw new UnsupportedSchemaError(where, "allows no type: the schemas it combines disagree");
  if (types) both.types = types;
  const values = a.enum && b.enum ? intersectEnums(a.enum, b.enum) : (a.enum ?? b.enum);
  if (values) both.enum = values;
  const items = a.items && b.items ? { allOf: [a.items, b.items] } : (a.items ?? b.items);
  if (items) both.items = items;
  return both;
}

/**
 * Inside `allOf`, one schema's additionalProperties also judges the keys that only the others
 * declare; the arbitraries handle it only where no such key exists.
 */
function closedPart(a: FlatSchema, b: FlatSchema, where: string): JsonSchema | boolean {
  const declares = (shape: FlatSchema) => Object.keys(shape.properties).length > 0 || shape.required.length > 0;
  if (b.additionalProperties === true && (a.additionalProperties === true || !declares(b))) return a.additionalProperties;
  if (a.additionalProperties === true && !declares(a)) return b.additionalProperties;
  throw new UnsupportedSchemaError(
    where,
    "combines additionalProperties with keys declared by another schema, which the arbitraries do not support",
  );
}
