/**
 * Stage 4: give every titled object schema of the operation one name, and lay the schemas out as a
 * set of JSON Schema definitions that refer to each other by those names.
 *
 * Naming rules (the README repeats them):
 * - a titled object schema is named by its title in PascalCase (`Joined Room` → `JoinedRoom`);
 * - the response body is named by its title, or, untitled, by the path and `Response` (`SyncResponse`);
 *   the query parameters by the path and `Query` (`SyncQuery`);
 * - the same title on the same structure (annotations aside) is one name, wherever it occurs; a
 *   schema that only wraps another one (`type` and a single `allOf` `$ref`) has its target's structure;
 * - the same title on a different structure is prefixed by the name of its nearest named ancestor
 *   (`ArchivedRoomState`), again until the name is free;
 * - a referenced file without a title keeps the component name the bundling stage gave it and is
 *   shared, not named; where a title would give that name too, the shared schema takes `Schema` after
 *   it (`to_device.json` wrapped by a property titled `ToDevice` is `ToDeviceSchema`);
 * - a titled schema that is not an object (a string, say) stays inline.
 */
import { pascalCase } from "../utils/naming.js";
import type { OpenApiDocument } from "./3-convert-openapi.js";

export type JsonSchema = Record<string, any>;

/** Where instances of a named schema sit in a response: property names, `null` for any key or item. */
export type InstancePath = (string | null)[];

export interface Operation {
  method: string;
  path: string;
  /** The path prefix from the spec's server URL (Swagger 2.0's `basePath`). */
  basePath: string;
  /** The query parameter that carries the access token, from the operation's security scheme. */
  accessTokenParameter: string | null;
  /** Declared query parameters: their schemas decide how a query string value is read. */
  query: Record<string, { type: string | null; required: boolean }>;
  queryName: string;
  responseName: string;
}

export interface NamedSchemas {
  operation: Operation;
  /** Named schemas in the order they are first reached: the response, its parts, then the query. */
  names: string[];
  /** Named and shared schemas; every `$ref` between them is `#/definitions/<Name>`. */
  definitions: Record<string, JsonSchema>;
  /** For each named schema reached from the response, where its instances sit. */
  occurrences: Record<string, InstancePath[]>;
}

const ANNOTATIONS = new Set(["title", "description", "example", "examples", "$comment", "default", "deprecated", "readOnly", "writeOnly", "externalDocs", "xml"]);
const isAnnotation = (key: string) => ANNOTATIONS.has(key) || key.startsWith("x-");
const COMPONENT_REF = "#/components/schemas/";

export function nameSchemas(openapi: OpenApiDocument): NamedSchemas {
  const components: Record<string, JsonSchema> = openapi.components?.schemas ?? {};
  const { path, method, operation } = singleOperation(openapi);
  const stem = pascalCase(path);
  const definitions: Record<string, JsonSchema> = {};
  const structureOf = new Map<string, string>();
  const occurrences: Record<string, InstancePath[]> = {};
  const names: string[] = [];
  const namedLater = new Set([...namesFromTitles(openapi), `${stem}Response`, `${stem}Query`]);
  /** Where each shared (untitled) component is kept in `definitions`: apart from every named schema. */
  const sharedKeys = new Map<string, string>();
  const sharedKey = (componentName: string): string => {
    let key = sharedKeys.get(componentName);
    if (key !== undefined) return key;
    key = componentName;
    while (namedLater.has(key) || structureOf.has(key)) key += "Schema";
    sharedKeys.set(componentName, key);
    return key;
  };

  const component = (ref: string): [string, JsonSchema] => {
    const name = ref.slice(COMPONENT_REF.length);
    return [name, components[name]!];
  };

  /** The schema a pure wrapper stands for, or undefined when the node constrains anything itself. */
  const wrapped = (node: JsonSchema): JsonSchema | undefined => {
    const ref = node.allOf?.length === 1 ? node.allOf[0].$ref : undefined;
    if (typeof ref !== "string" || !ref.startsWith(COMPONENT_REF)) return undefined;
    const [, target] = component(ref);
    const own = Object.keys(node).filter((key) => !isAnnotation(key) && key !== "allOf");
    const sameType = own.every((key) => key === "type" && node.type === target.type);
    return sameType ? target : undefined;
  };

  /** The node's structure without annotations, wrappers and references: equal strings, same schema. */
  const structure = (node: unknown, seen: Set<JsonSchema> = new Set()): unknown => {
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map((item) => structure(item, seen));
    const schema = node as JsonSchema;
    if (typeof schema.$ref === "string" && schema.$ref.startsWith(COMPONENT_REF)) {
      const [name, target] = component(schema.$ref);
      return seen.has(target) ? { $recursive: name } : structure(target, new Set(seen).add(target));
    }
    const target = wrapped(schema);
    if (target) return structure(target, seen);
    const entries = Object.keys(schema)
      .filter((key) => !isAnnotation(key))
      .sort()
      .map((key) => [key, structure(schema[key], seen)]);
    return Object.fromEntries(entries);
  };

  /** Claims a name for a titled schema: its title, or prefixed by its named ancestor when taken. */
  const claim = (title: string, node: JsonSchema, parent: string): { name: string; isNew: boolean } => {
    const shape = JSON.stringify(structure(node));
    let name = pascalCase(title);
    const sharedKeyTaken = () => [...sharedKeys.values()].includes(name);
    while ((structureOf.has(name) && structureOf.get(name) !== shape) || sharedKeyTaken()) name = parent + name;
    const isNew = !structureOf.has(name);
    structureOf.set(name, shape);
    return { name, isNew };
  };

  const isObjectSchema = (node: JsonSchema) =>
    node.type === "object" || (node.type === undefined && (node.properties || node.additionalProperties || node.allOf));

  /** Copies `node` into the definitions' form, naming what is titled, and returns what replaces it. */
  const visit = (node: JsonSchema, at: InstancePath, parent: string): JsonSchema => {
    if (typeof node.$ref === "string" && node.$ref.startsWith(COMPONENT_REF)) {
      const [componentName, target] = component(node.$ref);
      const annotations = pick(node, isAnnotation);
      if (typeof target.title === "string" && isObjectSchema(target)) return { $ref: `#/definitions/${named(target, at, parent)}`, ...annotations };
      const key = sharedKey(componentName);
      define(key, target, at, parent);
      return { $ref: `#/definitions/${key}`, ...annotations };
    }
    if (typeof node.title === "string" && isObjectSchema(node)) {
      const target = wrapped(node);
      const definitionNode = target && target.title === node.title ? target : node;
      return { $ref: `#/definitions/${named(definitionNode, at, parent)}`, ...pick(node, (key) => key === "description") };
    }
    return visitChildren(node, at, parent);
  };

  const named = (node: JsonSchema, at: InstancePath, parent: string): string => {
    const { name, isNew } = claim(node.title, node, parent);
    (occurrences[name] ??= []).push(at);
    if (isNew) names.push(name);
    define(name, node, at, name);
    return name;
  };

  const inProgress = new Set<string>();
  /**
   * The first visit of a schema defines it; each later one records where the named schemas inside it
   * occur at this new place. A schema reached again inside itself is not walked again: the places
   * inside a recursive schema are endless.
   */
  const define = (key: string, node: JsonSchema, at: InstancePath, parent: string): void => {
    if (inProgress.has(key)) return;
    const isFirst = !(key in definitions);
    if (isFirst) definitions[key] = {}; // holds the key's place in the order of first visits
    inProgress.add(key);
    const copy = visitChildren(node, at, parent);
    inProgress.delete(key);
    if (isFirst) definitions[key] = copy;
  };

  const visitChildren = (node: JsonSchema, at: InstancePath, parent: string): JsonSchema => {
    const copy: JsonSchema = { ...node };
    if (node.properties) {
      copy.properties = Object.fromEntries(
        Object.entries<JsonSchema>(node.properties).map(([key, value]) => [key, visit(value, [...at, key], parent)]),
      );
    }
    if (node.additionalProperties && typeof node.additionalProperties === "object") {
      copy.additionalProperties = visit(node.additionalProperties, [...at, null], parent);
    }
    if (node.items && typeof node.items === "object") copy.items = visit(node.items, [...at, null], parent);
    for (const key of ["allOf", "anyOf", "oneOf"] as const) {
      if (Array.isArray(node[key])) copy[key] = node[key].map((member: JsonSchema) => visit(member, at, parent));
    }
    if (node.not) copy.not = visit(node.not, at, parent);
    return copy;
  };

  const responseSchema = operation.responses?.["200"]?.content?.["application/json"]?.schema;
  if (!responseSchema) throw new Error(`${method.toUpperCase()} ${path} has no 200 application/json response schema`);
  const responseName = typeof responseSchema.title === "string" ? pascalCase(responseSchema.title) : `${stem}Response`;
  structureOf.set(responseName, JSON.stringify(structure(responseSchema)));
  names.push(responseName);
  occurrences[responseName] = [[]];
  definitions[responseName] = {};
  definitions[responseName] = visitChildren(responseSchema, [], responseName);
  // The response's own description says what the body is, where the body schema says nothing.
  definitions[responseName].description ??= operation.responses["200"].description;

  const queryName = `${stem}Query`;
  const parameters: JsonSchema[] = (operation.parameters ?? []).filter((parameter: JsonSchema) => parameter.in === "query");
  names.push(queryName);
  definitions[queryName] = querySchema(parameters, `The query parameters of ${method.toUpperCase()} ${path}.`);

  return {
    operation: {
      method,
      path,
      basePath: new URL(openapi.servers?.[0]?.url ?? "/", "http://localhost").pathname.replace(/\/$/, ""),
      accessTokenParameter: accessTokenParameter(openapi, operation),
      query: Object.fromEntries(
        parameters.map((parameter) => [parameter.name, { type: parameter.schema?.type ?? null, required: parameter.required === true }]),
      ),
      queryName,
      responseName,
    },
    names,
    definitions,
    occurrences,
  };
}

function singleOperation(openapi: OpenApiDocument) {
  const operations = Object.entries<JsonSchema>(openapi.paths ?? {}).flatMap(([path, item]) =>
    Object.entries<JsonSchema>(item)
      .filter(([method]) => ["get", "put", "post", "delete", "patch", "head", "options"].includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
  if (operations.length !== 1) throw new Error(`the spec must describe exactly one operation; it describes ${operations.length}`);
  return operations[0]!;
}

function querySchema(parameters: JsonSchema[], description: string): JsonSchema {
  const properties = Object.fromEntries(
    parameters.map((parameter) => [
      parameter.name,
      { ...parameter.schema, ...pick(parameter, (key) => key === "description" || key === "example") },
    ]),
  );
  const required = parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  return { description, type: "object", properties, ...(required.length ? { required } : {}) };
}

function accessTokenParameter(openapi: OpenApiDocument, operation: JsonSchema): string | null {
  const schemes: Record<string, JsonSchema> = openapi.components?.securitySchemes ?? {};
  for (const requirement of operation.security ?? openapi.security ?? []) {
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name];
      if (scheme?.type === "apiKey" && scheme.in === "query") return scheme.name;
    }
  }
  return null;
}

/** Every name a title in the document gives, so that no shared schema is kept under one of them. */
function namesFromTitles(openapi: OpenApiDocument): Set<string> {
  const found = new Set<string>();
  JSON.stringify(openapi, (key, value) => {
    if (key === "title" && typeof value === "string") found.add(pascalCase(value));
    return value;
  });
  return found;
}

function pick(node: JsonSchema, keep: (key: string) => boolean): JsonSchema {
  return Object.fromEntries(Object.entries(node).filter(([key]) => keep(key)));
}
