/**
 * Stage 5: TypeScript types. json-schema-to-typescript writes one named type per named schema, from a
 * copy of its schema in which each named schema it refers to is replaced by that name, so a type is
 * declared exactly once and never numbered (`Event1`). openapi-typescript writes `paths`,
 * `components` and `operations` from the OpenAPI document, for openapi-fetch and friends. Run alone,
 * it prints both texts.
 *
 * The types accept what the validators accept (docs/naming.md):
 * - an object schema that leaves `additionalProperties` unsaid allows other keys, as JSON Schema says,
 *   so its type has `[k: string]: unknown` beside the listed fields; `additionalProperties: false`
 *   gives no index signature; a schema there gives its type, joined with the listed fields' types,
 *   since TypeScript holds every field to the index signature;
 * - `nullable: true` adds `null`;
 * - an `allOf` of plain object schemas is merged into one interface, as the reader thinks of it.
 * Their doc comments are the spec's descriptions in Markdown (doc-markdown.ts).
 * The closed declarations (generated/types.ts's `Closed` namespace) are for literals people build: an
 * object that lists its keys and says nothing about others gets no index signature there, so a
 * misspelt key is a type error.
 */
import { createRequire } from "node:module";
import { compile, type Options } from "json-schema-to-typescript";
import { DEFINITIONS_REF, followRef, mapSubschemas, type JsonSchema } from "../../lib/json-schema.js";
import { isJsonObject } from "../../lib/json-value.js";
import { runAlone } from "../utils/index.js";
import { withMarkdownDocs } from "./doc-markdown.js";
import { throughStage4 } from "./4-name-schemas.js";
import { findOperation } from "./operation.js";
import type { OpenApiDocument, SchemaLayout, TypedSpec } from "./types.js";

// Loaded as CommonJS: through tsx's ES module hooks the 9 MB typescript it imports costs a second more.
const { default: openapiTS, astToString }: typeof import("openapi-typescript") = createRequire(import.meta.url)("openapi-typescript");

const COMPILE_OPTIONS: Partial<Options> = {
  bannerComment: "",
  // typeView says where other keys are allowed; nothing is added behind its back.
  additionalProperties: false,
  unknownAny: true,
  declareExternallyReferenced: false,
  strictIndexSignatures: false,
  style: { printWidth: 110 },
};

/** The named types' declarations: open, as the validators judge payloads, or closed (the `Closed` namespace). */
export async function writeNamedTypes({ names, definitions: spec }: SchemaLayout, open: boolean): Promise<string> {
  const definitions = withMarkdownDocs(spec);
  const view: View = { definitions, named: new Set(names), open };
  const declarations: string[] = [];
  for (const name of names) declarations.push(await compile(typeView(definitions[name]!, view) as never, name, COMPILE_OPTIONS));
  return declarations.join("\n");
}

export async function writeOperationTypes(openapi: OpenApiDocument): Promise<string> {
  const nodes = await openapiTS(withMarkdownDocs(openView(openapi)) as never, { emptyObjectsUnknown: true, alphabetize: false });
  return astToString(nodes);
}

/** Stages 1 to 5. */
export async function throughStage5(root: string): Promise<TypedSpec> {
  const upstream = await throughStage4(root);
  return {
    ...upstream,
    namedTypes: await writeNamedTypes(upstream.named, true),
    closedTypes: await writeNamedTypes(upstream.named, false),
    operationTypes: await writeOperationTypes(upstream.openapi),
  };
}

interface View {
  definitions: Readonly<Record<string, JsonSchema>>;
  named: ReadonlySet<string>;
  /** Whether an object that lists its keys and says nothing about others allows them (the open types) or not (`Closed`). */
  open: boolean;
}

/** The schema as json-schema-to-typescript should see it: names as `tsType`, shared parts inlined, no titles. */
function typeView(node: JsonSchema, view: View): JsonSchema {
  const ref = followRef(node, DEFINITIONS_REF, view.definitions);
  if (ref) {
    const annotations = without(node, "$ref");
    if (view.named.has(ref.name)) return { tsType: ref.name, ...annotations };
    return { ...typeView(ref.target ?? {}, view), ...annotations };
  }
  const merged = mergeAllOf(mapSubschemas(without(node, "title"), (child) => typeView(child, view)));
  return orNull(withOtherKeys(merged, view.open));
}

/** The schema with its `additionalProperties` as the type should read it (see the module comment). */
function withOtherKeys(schema: JsonSchema, open: boolean): JsonSchema {
  const listed = propertiesOf(schema);
  const names = Object.keys(listed);
  if (!(schema.type === "object" || (schema.type === undefined && names.length > 0))) return schema;
  const other = schema.additionalProperties;
  // An object that lists nothing is a free-form map in both variants; with `allOf`, its members decide.
  if (other === undefined && ((names.length === 0 && !schema.allOf) || (open && names.length > 0))) {
    return { ...schema, additionalProperties: true };
  }
  if (!isJsonObject(other) || names.length === 0) return schema;
  const optional = names.some((name) => !requiredOf(schema).includes(name));
  const anyOf = [other, ...Object.values(listed), ...(optional ? [{ tsType: "undefined" }] : [])];
  return { ...schema, additionalProperties: { anyOf } };
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema's `null` type, which json-schema-to-typescript knows. */
function orNull(schema: JsonSchema): JsonSchema {
  if (schema.nullable !== true) return schema;
  const { description, ...rest } = without(schema, "nullable");
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: "null" }] };
}

const PLAIN_KEYWORDS = ["type", "properties", "required", "description", "additionalProperties"];
const propertiesOf = (schema: JsonSchema): Record<string, unknown> => (isJsonObject(schema.properties) ? schema.properties : {});
const requiredOf = (schema: JsonSchema) => (Array.isArray(schema.required) ? schema.required : []);

/**
 * Folds `allOf` members that are plain object schemas into their parent; leaves anything else. The
 * result allows other keys when no part forbids them and a part that lists keys (or the parent) allows them.
 */
function mergeAllOf(node: JsonSchema): JsonSchema {
  const members: unknown[] = Array.isArray(node.allOf) ? node.allOf : [];
  const plain = (member: unknown): member is JsonSchema =>
    isJsonObject(member) &&
    (member.type === undefined || member.type === "object") &&
    Object.keys(member).every((key) => PLAIN_KEYWORDS.includes(key)) &&
    typeof (member.additionalProperties ?? false) === "boolean" &&
    Object.keys(propertiesOf(member)).every((key) => !(key in propertiesOf(node)));
  if (members.length === 0 || !members.every(plain) || (node.type !== undefined && node.type !== "object")) return node;
  const merged = without(node, "allOf");
  const others = [node.additionalProperties];
  for (const member of members) {
    merged.properties = { ...propertiesOf(merged), ...propertiesOf(member) };
    if (member.required) merged.required = [...requiredOf(merged), ...requiredOf(member)];
    if (Object.keys(propertiesOf(member)).length > 0) others.push(member.additionalProperties);
  }
  if (!isJsonObject(node.additionalProperties)) {
    const allowed = others.includes(false) ? false : others.includes(true) || undefined;
    if (allowed === undefined) delete merged.additionalProperties;
    else merged.additionalProperties = allowed;
  }
  merged.type = "object";
  return merged;
}

/**
 * The document as openapi-typescript should see it: each schema that lists its properties and leaves
 * `additionalProperties` unsaid says `true`, so that `paths` is as open as the named types.
 */
function openView(openapi: OpenApiDocument): OpenApiDocument {
  const open = (schema: JsonSchema): JsonSchema => {
    const mapped = mapSubschemas(schema, open);
    return isJsonObject(mapped.properties) && mapped.additionalProperties === undefined
      ? { ...mapped, additionalProperties: true }
      : mapped;
  };
  const copy = structuredClone(openapi);
  const schemas = copy.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) schemas[name] = open(schemas[name]!);
  for (const response of Object.values(findOperation(copy).operation.responses ?? {})) {
    for (const media of Object.values(response.content ?? {})) if (media.schema) media.schema = open(media.schema);
  }
  return copy;
}

/** A copy of the schema without one keyword, the others in their order. */
function without(schema: JsonSchema, keyword: string): JsonSchema {
  const copy = { ...schema };
  delete copy[keyword];
  return copy;
}

runAlone(import.meta.url, async (root) => {
  const { namedTypes, closedTypes, operationTypes } = await throughStage5(root);
  return new Map([
    ["named types (generated/types.ts)", namedTypes],
    ["closed named types (generated/types.ts, namespace Closed)", closedTypes],
    ["operation types (generated/openapi.ts)", operationTypes],
  ]);
});
