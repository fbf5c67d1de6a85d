/**
 * The naming rules for generated types (docs/naming.md), each its own
 * function: the names of the response and the query, the structure that decides whether two titled
 * schemas are one type, what counts as an object schema and as a wrapper, and the book of names given
 * so far. schema-layout.ts applies them while it walks the schemas.
 */
import { COMPONENTS_REF, followRef, withoutAnnotations, type JsonSchema } from "../../lib/json-schema.js";
import { isJsonObject } from "../../lib/json-value.js";
import { pascalCase } from "../utils/index.js";
import type { OpenApiDocument } from "./types.js";

/** The response body's name: its title, or the path and `Response` (`SyncResponse`). */
export function responseName(path: string, schema: JsonSchema): string {
  return typeof schema.title === "string" ? pascalCase(schema.title) : `${pascalCase(path)}Response`;
}

/** The query parameters' name: the path and `Query` (`SyncQuery`). */
export function queryName(path: string): string {
  return `${pascalCase(path)}Query`;
}

/** Every name a title in the document gives, so that no shared schema is kept under one of them. */
export function titleNames(openapi: OpenApiDocument): Set<string> {
  const found = new Set<string>();
  JSON.stringify(openapi, (key, value: unknown) => {
    if (key === "title" && typeof value === "string") found.add(pascalCase(value));
    return value;
  });
  return found;
}

/** Whether a schema describes objects: it says so, or, saying no type, has what only objects have. */
export function isObjectSchema(schema: JsonSchema): boolean {
  return (
    schema.type === "object" || (schema.type === undefined && Boolean(schema.properties || schema.additionalProperties || schema.allOf))
  );
}

/**
 * The component a schema only wraps (annotations, the component's own `type` at most, and an `allOf`
 * of a single `$ref` to it); undefined when the schema constrains anything itself.
 */
export function wrappedSchema(schema: JsonSchema, components: Readonly<Record<string, JsonSchema>>): JsonSchema | undefined {
  const members = schema.allOf;
  const only = Array.isArray(members) && members.length === 1 && isJsonObject(members[0]) ? members[0] : undefined;
  const target = only && followRef(only, COMPONENTS_REF, components)?.target;
  if (!target) return undefined;
  const own = Object.keys(withoutAnnotations(schema)).filter((key) => key !== "allOf");
  return own.every((key) => key === "type" && schema.type === target.type) ? target : undefined;
}

/**
 * The schema's structure as text, for telling whether two schemas are one: annotations dropped, keys
 * sorted, references and wrappers replaced by what they stand for, and a component reached again
 * inside itself written `{"$recursive":"<name>"}`. Equal texts, same structure.
 */
export function structureKey(schema: JsonSchema, components: Readonly<Record<string, JsonSchema>>): string {
  return JSON.stringify(structure(schema, components, new Set()));
}

function structure(node: unknown, components: Readonly<Record<string, JsonSchema>>, seen: ReadonlySet<JsonSchema>): unknown {
  if (Array.isArray(node)) return node.map((item) => structure(item, components, seen));
  if (!isJsonObject(node)) return node;
  const ref = followRef(node, COMPONENTS_REF, components);
  if (ref) {
    const { name, target } = ref;
    if (target === undefined) return undefined;
    return seen.has(target) ? { $recursive: name } : structure(target, components, new Set(seen).add(target));
  }
  const wrapped = wrappedSchema(node, components);
  if (wrapped) return structure(wrapped, components, seen);
  const own = withoutAnnotations(node);
  return Object.fromEntries(
    Object.keys(own)
      .sort()
      .map((key) => [key, structure(own[key], components, seen)]),
  );
}

/**
 * The names given so far, each with the structure it stands for, and the keys under which shared
 * (untitled) components are kept in the definitions, apart from every name.
 */
export class NameBook {
  readonly #structures = new Map<string, string>();
  readonly #sharedKeys = new Map<string, string>();
  readonly #reserved: ReadonlySet<string>;

  /** `reserved`: the names that titles give, anywhere in the document, which no shared key may take. */
  constructor(reserved: ReadonlySet<string>) {
    this.#reserved = reserved;
  }

  /** Gives `name` to `structure` without asking: the response's name is its own. */
  reserve(name: string, structure: string): void {
    this.#structures.set(name, structure);
  }

  /**
   * The name of a titled schema of `structure`: the title in PascalCase, or, while that name stands for
   * another structure or is a shared key, prefixed by `parent`, the name of its nearest named ancestor.
   * `isNew`: no schema had the name before.
   */
  claim(title: string, structure: string, parent: string): { name: string; isNew: boolean } {
    const sharedKeys = [...this.#sharedKeys.values()];
    const taken = (name: string) => (this.#structures.has(name) && this.#structures.get(name) !== structure) || sharedKeys.includes(name);
    let name = pascalCase(title);
    while (taken(name)) name = parent + name;
    const isNew = !this.#structures.has(name);
    this.#structures.set(name, structure);
    return { name, isNew };
  }

  /** The key of a shared component: its component name, followed by `Schema` while a name is or will be that. */
  sharedKey(componentName: string): string {
    let key = this.#sharedKeys.get(componentName);
    if (key !== undefined) return key;
    key = componentName;
    while (this.#reserved.has(key) || this.#structures.has(key)) key += "Schema";
    this.#sharedKeys.set(componentName, key);
    return key;
  }
}
