/**
 * Where faults go, read from the response schema: the first place each named schema occurs, and each
 * property it declares that is not itself a named schema. A fault puts its value at one such site,
 * under fresh keys where the schema has a map, so nothing else in the payload changes.
 */
import { operation, schemaNames, type InstancePath } from "../../generated/contract.js";
import { schemas, type JsonSchema } from "../../generated/schemas.js";
import { childPointer } from "../../lib/json-pointer.js";
import { isJsonObject, type JsonObject } from "../../lib/json-value.js";
import { shapeOf } from "../testing/schema-shape.js";

/** The key of every map entry a fault makes; an entry already there under it is replaced whole. */
export const FAULT_KEY = "mock-fault";

export interface FaultSite {
  /** `Timeline` for a named schema, `Timeline.limited` for one of its properties. */
  name: string;
  /** From the payload's root: property names, `null` for the fresh entry of a map. */
  path: InstancePath;
  /** The JSON types the schema allows there; undefined when it allows any. */
  types: readonly string[] | undefined;
}

const NAMED: ReadonlySet<string> = new Set(schemaNames);

export function sitePointer(path: InstancePath): string {
  return path.reduce<string>((pointer, step) => childPointer(pointer, step ?? FAULT_KEY), "");
}

/** Every site of the response schema, in the schema's order, each named schema at its first place only. */
export function faultSites(): FaultSite[] {
  const root = schemas[operation.responseName];
  const definitions = (root.definitions ?? {}) as Record<string, JsonSchema>;
  const sites: FaultSite[] = [];
  const seen = new Set<string>();
  const visit = (schema: JsonSchema, path: InstancePath, where: string, name: string | undefined) => {
    const shape = shapeOf(schema, definitions, where);
    const own = name ?? shape.names.find((candidate) => NAMED.has(candidate));
    if (own === undefined || seen.has(own)) return;
    seen.add(own);
    sites.push({ name: own, path, types: shape.types });
    for (const [key, property] of Object.entries(shape.properties)) {
      const at = `${where}/properties/${key}`;
      const inner = shapeOf(property, definitions, at);
      if (inner.names.some((candidate) => NAMED.has(candidate))) visit(property, [...path, key], at, undefined);
      else sites.push({ name: `${own}.${key}`, path: [...path, key], types: inner.types });
    }
    if (isJsonObject(shape.additionalProperties))
      visit(shape.additionalProperties, [...path, null], `${where}/additionalProperties`, undefined);
  };
  visit(root, [], "#", operation.responseName);
  return sites;
}

/**
 * A copy of the payload with `value` at the site's path: existing objects are followed, from the first
 * fresh entry on everything is new. The event-map rules read whole rooms: an event made here is listed
 * in its room's timeline, as they ask, so that the value is all that is wrong.
 */
export function placedAt(payload: unknown, path: InstancePath, value: unknown): unknown {
  if (path.length === 0) return value;
  const root = structuredClone(payload) as JsonObject;
  const fresh = path.indexOf(null);
  const end = fresh === -1 ? path.length - 1 : fresh;
  let node = root;
  for (const step of path.slice(0, end) as string[]) {
    if (!isJsonObject(node[step])) node[step] = {};
    node = node[step] as JsonObject;
  }
  node[path[end] ?? FAULT_KEY] = path.slice(end + 1).reduceRight<unknown>((inner, step) => freshEntry(step, inner), value);
  return root;
}

function freshEntry(step: string | null, inner: unknown): JsonObject {
  const entry: JsonObject = { [step ?? FAULT_KEY]: inner };
  if (step === "event_map" && isJsonObject(inner) && Object.hasOwn(inner, FAULT_KEY)) entry.timeline = { events: [FAULT_KEY] };
  return entry;
}
