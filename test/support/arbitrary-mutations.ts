/**
 * Invalid payloads made from valid ones, each with one known defect: what the property and
 * differential tests feed the checks to see that they reject it, and where.
 */
import fc, { type Arbitrary } from "fast-check";
import { nestedInstances, type InstancePath } from "../../generated/contract.js";
import { schemas, type JsonSchema } from "../../generated/schemas.js";
import type { SchemaName } from "../../generated/types.js";
import { childPointer, parsePointer } from "../../lib/json-pointer.js";
import { isJsonObject as isObject } from "../../lib/json-value.js";
import { arbitraryFor, type ArbitraryOptions } from "../../src/testing/schema-arbitrary.js";
import { shapeOf } from "../../src/testing/schema-shape.js";

export interface Located {
  pointer: string;
  value: unknown;
}

/** A place in a payload whose schema constrains the type of the value there. */
export interface SchemaLocation extends Located {
  types: string[];
}

export interface Mutation {
  payload: unknown;
  mutated: unknown;
  /** Where the defect is. */
  pointer: string;
}

const JSON_TYPES = ["null", "boolean", "integer", "number", "string", "array", "object"] as const;

export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const allows = (types: readonly string[], type: string) => types.includes(type) || (type === "integer" && types.includes("number"));

/** A value of each JSON type; `number` ones are never integers, so that an integer schema rejects them. */
const VALUES_OF_TYPE: Record<(typeof JSON_TYPES)[number], Arbitrary<unknown>> = {
  null: fc.constant(null),
  boolean: fc.boolean(),
  integer: fc.integer(),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((number) => !Number.isInteger(number)),
  string: fc.string({ maxLength: 4 }),
  array: fc.array(fc.integer(), { maxLength: 2 }),
  object: fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2, noNullPrototype: true }),
};

/** Every place in `value` where the schema `name` constrains the type, the value itself first. */
export function schemaLocations(name: SchemaName, value: unknown): SchemaLocation[] {
  const schema = schemas[name];
  const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  const found: SchemaLocation[] = [];
  const visit = (node: JsonSchema, instance: unknown, pointer: string) => {
    const shape = shapeOf(node, definitions, "#");
    if (shape.types) found.push({ pointer, value: instance, types: shape.types });
    if (Array.isArray(instance)) {
      if (shape.items) instance.forEach((item, i) => visit(shape.items!, item, childPointer(pointer, i)));
    } else if (isObject(instance)) {
      for (const [key, child] of Object.entries(instance)) {
        const declared = Object.hasOwn(shape.properties, key) ? shape.properties[key] : undefined;
        const open = typeof shape.additionalProperties === "object" ? shape.additionalProperties : undefined;
        const childSchema = declared ?? open;
        if (childSchema) visit(childSchema, child, childPointer(pointer, key));
      }
    }
  };
  visit(schema, value, "");
  return found;
}

/** Every value in `value`, at any depth, the value itself first. */
export function everyLocation(value: unknown, pointer = ""): Located[] {
  const children = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : isObject(value) ? Object.entries(value) : [];
  return [{ pointer, value }, ...children.flatMap(([key, child]) => everyLocation(child, childPointer(pointer, key)))];
}

/** A deep copy of `root` with `edit` applied to the value at `pointer` (the root itself for `""`). */
export function editedAt(root: unknown, pointer: string, edit: (value: unknown) => unknown): unknown {
  const copy = structuredClone(root);
  if (pointer === "") return edit(copy);
  const tokens = parsePointer(pointer);
  const last = tokens.pop()!;
  let parent = copy as Record<string, unknown>;
  for (const token of tokens) parent = parent[token] as Record<string, unknown>;
  // defineProperty, not assignment: `__proto__` must stay an own key, as JSON.parse makes it.
  Object.defineProperty(parent, last, { value: edit(parent[last]), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A copy of `root` with `key: value` added to the object at `pointer`. */
export function withKey(root: unknown, pointer: string, key: string, value: unknown): unknown {
  return editedAt(root, pointer, (object) => {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    return object;
  });
}

/** A valid payload of `name` with a value of a type its schema rejects at one of its schema locations. */
export function wrongTypeMutation(name: SchemaName, options?: ArbitraryOptions): Arbitrary<Mutation & { types: string[] }> {
  return arbitraryFor(name, options).chain((payload) =>
    fc.constantFrom(...schemaLocations(name, payload)).chain(({ pointer, types }) => {
      const wrong = JSON_TYPES.filter((type) => !allows(types, type)).map((type) => VALUES_OF_TYPE[type]);
      return fc.oneof(...wrong).map((value) => ({ payload, mutated: editedAt(payload, pointer, () => value), pointer, types }));
    }),
  );
}

/** A valid payload of `name` with one value anywhere replaced, removed, or given an extra key: valid or not. */
export function anyMutation(name: SchemaName, options?: ArbitraryOptions): Arbitrary<Mutation> {
  return arbitraryFor(name, options).chain((payload) =>
    fc.constantFrom(...everyLocation(payload)).chain(({ pointer, value }) => {
      const replaced = fc.jsonValue({ maxDepth: 2 }).map((other) => editedAt(payload, pointer, () => other));
      const extended = isObject(value)
        ? [fc.tuple(fc.string(), fc.jsonValue({ maxDepth: 1 })).map(([key, other]) => withKey(payload, pointer, key, other))]
        : [];
      const removed = pointer === "" ? [] : [fc.constant(removedFromParent(payload, pointer))];
      return fc.oneof(replaced, ...extended, ...removed).map((mutated) => ({ payload, mutated, pointer }));
    }),
  );
}

function removedFromParent(root: unknown, pointer: string): unknown {
  const cut = pointer.lastIndexOf("/");
  const token = parsePointer(pointer).at(-1)!;
  return editedAt(root, pointer.slice(0, cut), (parent) => {
    if (Array.isArray(parent)) parent.splice(Number(token), 1);
    else delete (parent as Record<string, unknown>)[token];
    return parent;
  });
}

/** The instances of the named schema `target` inside a value of `outer`, with their pointers. */
export function instancesOf(outer: SchemaName, target: SchemaName, value: unknown): Located[] {
  const found: Located[] = [];
  const walk = (node: unknown, path: InstancePath, pointer: string) => {
    if (path.length === 0) return void found.push({ pointer, value: node });
    if (typeof node !== "object" || node === null) return;
    const [step, ...rest] = path;
    const keys = step === null || step === undefined ? Object.keys(node) : Object.hasOwn(node, step) ? [step] : [];
    for (const key of keys) walk((node as Record<string, unknown>)[key], rest, childPointer(pointer, key));
  };
  for (const path of nestedInstances[outer][target] ?? []) walk(value, path, "");
  return found;
}
