/**
 * Strict mode's rule, `unknown-key`: a key the spec does not name, wherever a schema lists its
 * properties and leaves other keys unsaid. JSON Schema lets such keys through, and so do the
 * validators; strict mode reports them, opt-in. Which keys are known comes from the generated schemas,
 * so a spec edit that adds a property makes it known. `additionalProperties: true` said out loud (as
 * the spec says of an event's `content`) means other keys are expected; a schema for other keys
 * (a map) or `false` (which the schema already enforces) leaves nothing for this rule to say.
 */
import { schemas } from "../generated/schemas.js";
import type { SchemaName } from "../generated/types.js";
import { escapePointerToken } from "../lib/json-pointer.js";
import { DEFINITIONS_REF, followRef, type JsonSchema } from "../lib/json-schema.js";
import { isJsonObject } from "../lib/json-value.js";
import { quoted } from "./issues.js";
import type { RuleDescription } from "./rules.js";
import { closestKey } from "./strict-suggest.js";

export const unknownKeyRule = {
  id: "unknown-key",
  severity: "warning",
  spec: {
    sentence: "(no sentence: the keys each object's schema lists under properties, unless it says additionalProperties: true)",
    source: "generated/schemas, in strict mode only",
  },
  deviations:
    "Synapse (October–November 2015) sends account_data (room tags) in joined rooms; the earlier draft's rooms.default " +
    "and room_map, and the later draft's rooms.join, invite and leave, are keys this spec does not name.",
} as const satisfies RuleDescription;

/** What strict mode checks at one place of a payload; only places with something to check beneath them are kept. */
interface Shape {
  /** The keys the schema names, in its order, when other keys are to be reported. */
  known: readonly string[] | undefined;
  knownSet: ReadonlySet<string> | undefined;
  properties: ReadonlyMap<string, Shape>;
  /** The same, as two arrays, which the walk goes through faster than a Map. */
  propertyKeys: readonly string[];
  propertyShapes: readonly Shape[];
  /** The shape of every key not under `properties` (a map's entries). */
  others: Shape | undefined;
  items: Shape | undefined;
}

type Definitions = Readonly<Record<string, JsonSchema>>;

/**
 * The schema itself and every `allOf` part, `$ref`s followed and added to `followed`; `undefined`
 * where a reference loops back to a schema in `open`: one being shaped above, or one this `allOf` is inside of.
 */
function parts(schema: JsonSchema, definitions: Definitions, open: Set<JsonSchema>, followed: Set<JsonSchema>): JsonSchema[] | undefined {
  const target = followRef(schema, DEFINITIONS_REF, definitions)?.target;
  if (target !== undefined) {
    // A recursive schema is left unchecked below the loop rather than unfolded for ever.
    if (open.has(target)) return undefined;
    open.add(target);
    followed.add(target);
    const found = parts(target, definitions, open, followed);
    open.delete(target);
    return found;
  }
  const all = [schema];
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    if (!isJsonObject(part)) continue;
    const found = parts(part, definitions, open, followed);
    if (found === undefined) return undefined;
    all.push(...found);
  }
  return all;
}

/** The shape of the schemas that all hold at one place; `above` holds the `$ref` targets followed on the way there. */
function shapeOf(schemaList: readonly JsonSchema[], definitions: Definitions, above: ReadonlySet<JsonSchema>): Shape | undefined {
  const all: JsonSchema[] = [];
  const followed = new Set<JsonSchema>();
  for (const schema of schemaList) {
    const found = parts(schema, definitions, new Set(above), followed);
    if (found === undefined) return undefined;
    all.push(...found);
  }
  const byKey = new Map<string, JsonSchema[]>();
  const otherSchemas: JsonSchema[] = [];
  const itemSchemas: JsonSchema[] = [];
  let othersSaid = false;
  for (const part of all) {
    if (isJsonObject(part.properties)) {
      for (const [key, child] of Object.entries(part.properties))
        if (isJsonObject(child)) byKey.set(key, [...(byKey.get(key) ?? []), child]);
    }
    if (part.additionalProperties !== undefined || part.patternProperties !== undefined) othersSaid = true;
    if (isJsonObject(part.additionalProperties)) otherSchemas.push(part.additionalProperties);
    if (isJsonObject(part.items)) itemSchemas.push(part.items);
  }
  // A property, map entry or item that refers back to a schema followed here or above is a loop.
  const open = new Set([...above, ...followed]);
  const properties = new Map<string, Shape>();
  for (const [key, children] of byKey) {
    const child = shapeOf(children, definitions, open);
    if (child !== undefined) properties.set(key, child);
  }
  const known = byKey.size > 0 && !othersSaid ? [...byKey.keys()] : undefined;
  const others = otherSchemas.length > 0 ? shapeOf(otherSchemas, definitions, open) : undefined;
  const items = itemSchemas.length > 0 ? shapeOf(itemSchemas, definitions, open) : undefined;
  if (known === undefined && properties.size === 0 && others === undefined && items === undefined) return undefined;
  return {
    known,
    knownSet: known && new Set(known),
    properties,
    propertyKeys: [...properties.keys()],
    propertyShapes: [...properties.values()],
    others,
    items,
  };
}

const shapes = new Map<SchemaName, Shape | undefined>();

/** The shape of a named schema, worked out from its generated JSON Schema the first time strict mode checks one. */
function strictShape(name: SchemaName): Shape | undefined {
  if (!shapes.has(name)) {
    const schema = schemas[name];
    const definitions = isJsonObject(schema.definitions) ? (schema.definitions as Definitions) : {};
    shapes.set(name, shapeOf([schema], definitions, new Set()));
  }
  return shapes.get(name);
}

/** Why a key is reported: what the schema names there, and the nearest of those when one is near. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const near = closestKey(key, known);
  const hint = near === undefined ? `it names ${known.join(", ")}` : `did you mean \`${near}\`?`;
  return `the spec names no key ${quoted(key)} here; ${hint}`;
}

export type UnknownKeyReport = (pointer: string, key: string, known: readonly string[]) => void;

/** The keys and indexes from the checked value down to where the walk is: a pointer is written only for a report. */
type Trail = (string | number)[];

const pointerOf = (trail: Trail, key: string) =>
  `${trail.map((token) => `/${escapePointerToken(token)}`).join("")}/${escapePointerToken(key)}`;

function walk(shape: Shape, value: unknown, trail: Trail, report: UnknownKeyReport): void {
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    if (shape.items === undefined) return;
    for (let i = 0; i < value.length; i++) {
      trail.push(i);
      walk(shape.items, value[i], trail, report);
      trail.pop();
    }
    return;
  }
  const object = value as Record<string, unknown>;
  const { known, knownSet, properties, propertyKeys, propertyShapes, others } = shape;
  if (knownSet !== undefined || others !== undefined) {
    for (const key of Object.keys(object)) {
      if (knownSet !== undefined && !knownSet.has(key)) report(pointerOf(trail, key), key, known!);
      else if (others !== undefined && !properties.has(key)) walkInto(others, object, key, trail, report);
    }
  }
  for (let i = 0; i < propertyKeys.length; i++) {
    if (Object.hasOwn(object, propertyKeys[i]!)) walkInto(propertyShapes[i]!, object, propertyKeys[i]!, trail, report);
  }
}

function walkInto(shape: Shape, object: Record<string, unknown>, key: string, trail: Trail, report: UnknownKeyReport): void {
  trail.push(key);
  walk(shape, object[key], trail, report);
  trail.pop();
}

/** Reports every key of `value` that the named schema's spec does not name, at the key's pointer. */
export function findUnknownKeys(name: SchemaName, value: unknown, report: UnknownKeyReport): void {
  const shape = strictShape(name);
  if (shape !== undefined) walk(shape, value, [], report);
}
