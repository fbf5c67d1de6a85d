/**
 * A schema as the contract diff compares it: `#/components/schemas/*` references resolved, `allOf`
 * members merged into one shape, annotations dropped. Two schemas that accept the same values the same
 * way give equal shapes however the spec spells them (a wrapper, a shared file, inline).
 */

type JsonSchema = Record<string, any>;

export interface Shape {
  /** The JSON types allowed, sorted, `null` included when `nullable`; `null` when any type is. */
  types: string[] | null;
  enum: unknown[] | null;
  properties: Record<string, Shape>;
  required: string[];
  /** The schema of the keys `properties` does not name (a map's values), when one is given. */
  additional: Shape | null;
  items: Shape | null;
  /** Other validation keywords, compared as written; `additionalProperties: false` is one of them. */
  constraints: Record<string, unknown>;
}

/** Keywords that restrict values besides type, enum, properties and items. */
const CONSTRAINT_KEYWORDS = [
  "format", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
  "anyOf", "oneOf", "not",
];

const COMPONENT_REF = "#/components/schemas/";

export function shapeOf(schema: JsonSchema, components: Record<string, JsonSchema>, seen: ReadonlySet<string> = new Set()): Shape {
  if (typeof schema.$ref === "string" && schema.$ref.startsWith(COMPONENT_REF)) {
    const name = schema.$ref.slice(COMPONENT_REF.length);
    // A schema that contains itself is compared by name where it recurs.
    if (seen.has(name)) return { ...emptyShape(), constraints: { $ref: name } };
    return shapeOf(components[name] ?? {}, components, new Set(seen).add(name));
  }
  const child = (node: unknown) => (node && typeof node === "object" ? shapeOf(node as JsonSchema, components, seen) : null);
  const own: Shape = {
    types: typesOf(schema),
    enum: Array.isArray(schema.enum) ? schema.enum : null,
    properties: Object.fromEntries(Object.entries<JsonSchema>(schema.properties ?? {}).map(([key, value]) => [key, child(value)!])),
    required: Array.isArray(schema.required) ? [...schema.required].sort() : [],
    additional: child(schema.additionalProperties),
    items: child(schema.items),
    constraints: Object.fromEntries(CONSTRAINT_KEYWORDS.filter((key) => key in schema).map((key) => [key, schema[key]])),
  };
  if (schema.additionalProperties === false) own.constraints.additionalProperties = false;
  const members: JsonSchema[] = Array.isArray(schema.allOf) ? schema.allOf : [];
  return members.reduce<Shape>((merged, member) => mergeShapes(merged, shapeOf(member, components, seen)), own);
}

/** A shape that allows any value. */
export function emptyShape(): Shape {
  return { types: null, enum: null, properties: {}, required: [], additional: null, items: null, constraints: {} };
}

function typesOf(schema: JsonSchema): string[] | null {
  if (schema.type === undefined) return null;
  const types = new Set<string>(Array.isArray(schema.type) ? schema.type : [schema.type]);
  if (schema.nullable === true) types.add("null");
  return [...types].sort();
}

/** Whether a value of `type` is allowed by `types` (an integer is a number). */
export function typeAllowed(types: string[] | null, type: string): boolean {
  return types === null || types.includes(type) || (type === "integer" && types.includes("number"));
}

/** Every value of `inner` is allowed by `outer`. */
export function typesWithin(inner: string[] | null, outer: string[] | null): boolean {
  if (inner === null) return outer === null;
  return inner.every((type) => typeAllowed(outer, type));
}

/** `allOf` semantics: a value must satisfy both shapes. */
function mergeShapes(a: Shape, b: Shape): Shape {
  const both = <T>(x: T | null, y: T | null, merge: (x: T, y: T) => T) => (x && y ? merge(x, y) : (x ?? y));
  const properties = { ...b.properties };
  for (const [key, shape] of Object.entries(a.properties)) properties[key] = properties[key] ? mergeShapes(shape, properties[key]) : shape;
  return {
    types: both(a.types, b.types, (x, y) => [...new Set([...x.filter((t) => typeAllowed(y, t)), ...y.filter((t) => typeAllowed(x, t))])].sort()),
    enum: both(a.enum, b.enum, (x, y) => x.filter((value) => y.some((other) => sameJson(value, other)))),
    properties,
    required: [...new Set([...a.required, ...b.required])].sort(),
    additional: both(a.additional, b.additional, mergeShapes),
    items: both(a.items, b.items, mergeShapes),
    constraints: { ...b.constraints, ...a.constraints },
  };
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `integer`, `string | null`, `any`; `nothing` for an `allOf` of types no value has. */
export function typeText(types: string[] | null): string {
  if (types === null) return "any";
  return types.length === 0 ? "nothing" : types.join(" | ");
}
