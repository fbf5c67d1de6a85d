/**
 * A schema as the contract diff compares it, the `ContractShape`: `#/components/schemas/*` references
 * resolved, `allOf` members merged into one shape, annotations dropped (only the keywords that
 * constrain values are read). Two schemas that accept the same values the same way give equal shapes
 * however the spec spells them (a wrapper, a shared file, inline). The walking and the type and enum
 * arithmetic are lib/json-schema.ts's.
 */
import { COMPONENTS_REF, followRef, intersectEnums, typeAllowed, type JsonSchema } from "../../lib/json-schema.js";
import { isJsonObject } from "../../lib/json-value.js";

export interface ContractShape {
  /** The JSON types allowed, sorted, `null` included when `nullable`; `null` when any type is. */
  types: string[] | null;
  enum: unknown[] | null;
  properties: Record<string, ContractShape>;
  required: string[];
  /** The schema of the keys `properties` does not name (a map's values), when one is given. */
  additional: ContractShape | null;
  /** `additionalProperties: false`: no key beyond `properties`. Neither this nor `additional`: any other key. */
  closed: boolean;
  items: ContractShape | null;
  /** Other validation keywords, compared as written. */
  constraints: Record<string, unknown>;
}

/** Keywords that restrict values besides type, enum, properties and items. */
const CONSTRAINT_KEYWORDS = [
  "format",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "anyOf",
  "oneOf",
  "not",
];

export function shapeOf(
  schema: JsonSchema,
  components: Readonly<Record<string, JsonSchema>>,
  seen: ReadonlySet<string> = new Set(),
): ContractShape {
  const ref = followRef(schema, COMPONENTS_REF, components);
  if (ref) {
    // A schema that contains itself is compared by name where it recurs.
    if (seen.has(ref.name)) return { ...emptyShape(), constraints: { $ref: ref.name } };
    return shapeOf(ref.target ?? {}, components, new Set(seen).add(ref.name));
  }
  const child = (node: unknown) => (isJsonObject(node) ? shapeOf(node, components, seen) : null);
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  const own: ContractShape = {
    types: typesOf(schema),
    enum: Array.isArray(schema.enum) ? schema.enum : null,
    properties: Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, child(value) ?? emptyShape()])),
    required: Array.isArray(schema.required) ? schema.required.filter((key) => typeof key === "string").sort() : [],
    additional: child(schema.additionalProperties),
    closed: schema.additionalProperties === false,
    items: child(schema.items),
    constraints: Object.fromEntries(CONSTRAINT_KEYWORDS.filter((key) => key in schema).map((key) => [key, schema[key]])),
  };
  const members = Array.isArray(schema.allOf) ? schema.allOf.filter(isJsonObject) : [];
  return members.reduce<ContractShape>((merged, member) => mergeShapes(merged, shapeOf(member, components, seen)), own);
}

/** A shape that allows any value. */
export function emptyShape(): ContractShape {
  return { types: null, enum: null, properties: {}, required: [], additional: null, closed: false, items: null, constraints: {} };
}

function typesOf(schema: JsonSchema): string[] | null {
  if (schema.type === undefined) return null;
  const written: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const types = new Set(written.filter((type) => typeof type === "string"));
  if (schema.nullable === true) types.add("null");
  return [...types].sort();
}

/** Every value of `inner` is allowed by `outer`. */
export function typesWithin(inner: string[] | null, outer: string[] | null): boolean {
  if (inner === null) return outer === null;
  return inner.every((type) => typeAllowed(outer, type));
}

/** `allOf` semantics: a value must satisfy both shapes. */
function mergeShapes(a: ContractShape, b: ContractShape): ContractShape {
  const both = <T>(x: T | null, y: T | null, merge: (x: T, y: T) => T) => (x && y ? merge(x, y) : (x ?? y));
  const properties = { ...b.properties };
  for (const [key, shape] of Object.entries(a.properties)) properties[key] = properties[key] ? mergeShapes(shape, properties[key]) : shape;
  const commonTypes = (x: string[], y: string[]) =>
    [...new Set([...x.filter((t) => typeAllowed(y, t)), ...y.filter((t) => typeAllowed(x, t))])].sort();
  return {
    types: both(a.types, b.types, commonTypes),
    enum: both(a.enum, b.enum, intersectEnums),
    properties,
    required: [...new Set([...a.required, ...b.required])].sort(),
    additional: both(a.additional, b.additional, mergeShapes),
    closed: a.closed || b.closed,
    items: both(a.items, b.items, mergeShapes),
    constraints: { ...b.constraints, ...a.constraints },
  };
}

/** `integer`, `string | null`, `any`; `nothing` for an `allOf` of types no value has. */
export function typeText(types: string[] | null): string {
  if (types === null) return "any";
  return types.length === 0 ? "nothing" : types.join(" | ");
}
