/**
 * fast-check arbitraries for the named schemas, derived from their exported JSON schemas
 * (generated/schemas.ts): whatever the spec declares is what gets generated, and the prose rules
 * are kept by src/testing/prose-rules.ts. Nothing here knows a schema by name.
 */
import fc, { type Arbitrary } from "fast-check";
import { schemas, type JsonSchema } from "../../generated/schemas.js";
import type { SchemaName, SchemaTypes } from "../../generated/types.js";
import { escapePointerToken } from "../../lib/json-pointer.js";
import { typeAllowed } from "../../lib/json-schema.js";
import { entriesOf, jsonArbitraries, type JsonArbitraries, type Settings } from "./json-arbitrary.js";
import { keepingProseRules } from "./prose-rules.js";
import { shapeOf, UnsupportedSchemaError, type FlatSchema } from "./schema-shape.js";

/** Limits that keep generated payloads small, and what strings may hold; every one is optional (`undefined` keeps the default). */
export type ArbitraryOptions = { [Name in keyof Settings]?: Settings[Name] | undefined };

const DEFAULTS: Settings = { maxEntries: 3, maxExtraKeys: 2, maxLength: 8, maxDepth: 2, loneSurrogates: true };

interface Context {
  definitions: Record<string, JsonSchema>;
  settings: Settings;
  json: JsonArbitraries;
}

const ABSENT = Symbol("absent");

/** Arbitrary payloads that satisfy the schema `name` and the prose rules that apply inside it. */
export function arbitraryFor<N extends SchemaName>(name: N, options: ArbitraryOptions = {}): Arbitrary<SchemaTypes[N]> {
  if (!Object.hasOwn(schemas, name)) throw new TypeError(`arbitraryFor: no schema is named ${JSON.stringify(name)}`);
  return arbitraryForSchema(schemas[name], name, options) as Arbitrary<SchemaTypes[N]>;
}

/**
 * Arbitrary values of a self-contained JSON schema (what it refers to in its `definitions`) named
 * `name`, keeping the prose rules about that name and the definitions it refers to.
 */
export function arbitraryForSchema(schema: JsonSchema, name: string, options: ArbitraryOptions = {}): Arbitrary<unknown> {
  const given = Object.entries(options).filter(([, value]) => value !== undefined);
  const settings = { ...DEFAULTS, ...Object.fromEntries(given) } as Settings;
  const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  const context: Context = { definitions, settings, json: jsonArbitraries(settings) };
  return build(schema, "#", [], context, [name]);
}

/**
 * `names`: what the schema is called besides the definitions it refers to (the root's own name).
 * `within`: the named schemas this one sits in, to refuse a schema that contains itself.
 */
function build(
  schema: JsonSchema,
  where: string,
  within: readonly string[],
  context: Context,
  names: readonly string[] = [],
): Arbitrary<unknown> {
  const shape = shapeOf(schema, context.definitions, where);
  const loop = shape.names.find((name) => within.includes(name));
  if (loop !== undefined) throw new UnsupportedSchemaError(where, `contains ${loop} inside itself; recursive schemas are not supported`);
  const named = [...names, ...shape.names];
  return keepingProseRules(named, values(shape, where, [...within, ...named], context));
}

function values(shape: FlatSchema, where: string, within: readonly string[], context: Context): Arbitrary<unknown> {
  if (shape.enum) {
    const allowed = shape.enum.filter((value) => typeAllowed(shape.types, jsonType(value)));
    if (allowed.length === 0) throw new UnsupportedSchemaError(where, "allows no value: none of its enum has its type");
    return fc.constantFrom(...allowed);
  }
  const describesObject = Object.keys(shape.properties).length > 0 || shape.required.length > 0 || shape.additionalProperties !== true;
  const types = shape.types ?? (describesObject ? ["object"] : shape.items ? ["array"] : undefined);
  if (types === undefined) return context.json.value;
  return fc.oneof(...types.map((type) => ofType(type, shape, where, within, context)));
}

function ofType(type: string, shape: FlatSchema, where: string, within: readonly string[], context: Context): Arbitrary<unknown> {
  const { json, settings } = context;
  switch (type) {
    case "object":
      return object(shape, where, within, context);
    case "array":
      return fc.array(shape.items ? build(shape.items, `${where}/items`, within, context) : json.value, { maxLength: settings.maxEntries });
    case "string":
      return json.string;
    case "integer":
      return fc.maxSafeInteger();
    case "number":
      return json.number;
    case "boolean":
      return fc.boolean();
    default:
      return fc.constant(null);
  }
}

/** Declared properties (optional ones present five times in six), then the keys the schema leaves open. */
function object(shape: FlatSchema, where: string, within: readonly string[], context: Context): Arbitrary<Record<string, unknown>> {
  const { json, settings } = context;
  const extra = extraValues(shape, where, within, context);
  const declared = [...new Set([...Object.keys(shape.properties), ...shape.required])].map((key) => {
    const schema = Object.hasOwn(shape.properties, key) ? shape.properties[key] : undefined;
    const value = schema ? build(schema, `${where}/properties/${escapePointerToken(key)}`, within, context) : extra;
    if (value === undefined) throw new UnsupportedSchemaError(where, `requires "${key}" but allows no such key`);
    const entry = value.map((v): [string, unknown] => [key, v]);
    return shape.required.includes(key) ? entry : fc.option(entry, { nil: ABSENT });
  });
  const taken = new Set([...Object.keys(shape.properties), ...shape.required]);
  const most = shape.additionalProperties === true ? settings.maxExtraKeys : settings.maxEntries;
  const others =
    extra && most > 0
      ? entriesOf(
          json.key.filter((key) => !taken.has(key)),
          extra,
          most,
        )
      : fc.constant([]);
  return fc
    .tuple(fc.tuple(...declared), others)
    .map(([entries, rest]) => Object.fromEntries([...entries.filter((entry): entry is [string, unknown] => entry !== ABSENT), ...rest]));
}

/** What an undeclared key may hold: the additionalProperties schema, any JSON value, or nothing. */
function extraValues(shape: FlatSchema, where: string, within: readonly string[], context: Context): Arbitrary<unknown> | undefined {
  const open = shape.additionalProperties;
  if (open === false) return undefined;
  if (open === true) return context.json.value;
  return build(open, `${where}/additionalProperties`, within, context);
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
