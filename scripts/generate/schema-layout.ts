/**
 * The schemas of the operation laid out as JSON Schema definitions that refer to each other by name:
 * a walk from the response body that names each titled object schema by the rules of schema-names.ts
 * and replaces it by a `$ref` to its definition, keeps each untitled component once under its shared
 * key, and adds the query parameters as one object schema.
 */
import { annotationsOf, COMPONENTS_REF, followRef, mapSubschemas, type JsonSchema } from "../../lib/json-schema.js";
import { pascalCase } from "../utils/index.js";
import { isObjectSchema, NameBook, queryName, responseName, structureKey, titleNames, wrappedSchema } from "./schema-names.js";
import type { ExtractedOperation, OpenApiDocument, Parameter, SchemaLayout } from "./types.js";

export function layOutSchemas(openapi: OpenApiDocument, operation: ExtractedOperation): SchemaLayout {
  const components = openapi.components?.schemas ?? {};
  const { path, method, responseSchema } = operation;
  const book = new NameBook(new Set([...titleNames(openapi), `${pascalCase(path)}Response`, queryName(path)]));
  const names: string[] = [];
  const definitions: Record<string, JsonSchema> = {};
  const origins: Record<string, string> = {};
  const reached: Record<string, string> = {};
  const ref = (key: string) => `#/definitions/${key}`;

  /**
   * Copies `node` into the definitions' form, naming what is titled, and returns what replaces it.
   * `origin`: the component `node` is written in; undefined inline in the operation.
   */
  const visit = (node: JsonSchema, parent: string, origin: string | undefined): JsonSchema => {
    const reference = followRef(node, COMPONENTS_REF, components);
    if (reference) {
      const { name: componentName, target } = reference;
      if (target === undefined) throw new Error(`the $ref "${String(node.$ref)}" refers to no schema of the document`);
      if (typeof target.title === "string" && isObjectSchema(target)) {
        const name = named(target, target.title, parent, componentName);
        reached[componentName] ??= name;
        return { $ref: ref(name), ...annotationsOf(node) };
      }
      const key = book.sharedKey(componentName);
      reached[componentName] ??= key;
      define(key, target, parent, componentName);
      return { $ref: ref(key), ...annotationsOf(node) };
    }
    if (typeof node.title === "string" && isObjectSchema(node)) {
      const target = wrappedSchema(node, components);
      const wrapsTarget = target !== undefined && target.title === node.title;
      const targetOrigin = wrapsTarget ? Object.keys(components).find((key) => components[key] === target) : origin;
      const name = named(wrapsTarget ? target : node, node.title, parent, targetOrigin);
      if (wrapsTarget && targetOrigin !== undefined) reached[targetOrigin] ??= name;
      return { $ref: ref(name), ...pick(node, (key) => key === "description") };
    }
    return mapSubschemas(node, (child) => visit(child, parent, origin));
  };

  const named = (node: JsonSchema, title: string, parent: string, origin: string | undefined): string => {
    const { name, isNew } = book.claim(title, structureKey(node, components), parent);
    if (isNew) names.push(name);
    if (isNew && origin !== undefined) origins[name] = origin;
    define(name, node, name, origin);
    return name;
  };

  /** Only the first visit defines a schema; a visit inside itself finds its place already taken. */
  const define = (key: string, node: JsonSchema, parent: string, origin: string | undefined): void => {
    if (Object.hasOwn(definitions, key)) return;
    definitions[key] = {}; // holds the key's place in the order of first visits
    definitions[key] = mapSubschemas(node, (child) => visit(child, parent, origin));
  };

  const response = responseName(path, responseSchema);
  book.reserve(response, structureKey(responseSchema, components));
  names.push(response);
  definitions[response] = {};
  const body = mapSubschemas(responseSchema, (child) => visit(child, response, undefined));
  // The response's own description says what the body is, where the body schema says nothing.
  body.description ??= operation.responseDescription;
  definitions[response] = body;

  const query = queryName(path);
  names.push(query);
  definitions[query] = querySchema(operation.queryParameters, `The query parameters of ${method.toUpperCase()} ${path}.`);
  return { names, definitions, origins, components: reached };
}

/** The query parameters as the properties of one object, each with its schema, description and example. */
export function querySchema(parameters: readonly Parameter[], description: string): JsonSchema {
  const properties = Object.fromEntries(
    parameters.map((parameter) => [
      parameter.name,
      { ...parameter.schema, ...pick(parameter, (key) => key === "description" || key === "example") },
    ]),
  );
  const required = parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  return { description, type: "object", properties, ...(required.length ? { required } : {}) };
}

function pick(node: Record<string, unknown>, keep: (key: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(node).filter(([key]) => keep(key)));
}
