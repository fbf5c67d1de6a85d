/**
 * Stage 5: TypeScript types. json-schema-to-typescript writes one named type per named schema, from a
 * copy of its schema in which each named schema it refers to is replaced by that name, so a type is
 * declared exactly once and never numbered (`Event1`). openapi-typescript writes `paths`,
 * `components` and `operations` from the OpenAPI document, for openapi-fetch and friends. Run alone,
 * it prints both texts.
 *
 * Deliberate choices:
 * - an object schema that allows other keys explicitly (`additionalProperties: true`) or declares no
 *   keys at all gets `[k: string]: unknown`; one that lists its keys and says nothing else does not,
 *   so a misspelt field is a type error (the validators, following the schema, still accept extra keys);
 * - an `allOf` of plain object schemas is merged into one interface, as the reader thinks of it.
 */
import { compile } from "json-schema-to-typescript";
import openapiTS, { astToString } from "openapi-typescript";
import { DEFINITIONS_REF, followRef, mapSubschemas, type JsonSchema } from "../../lib/json-schema.js";
import { isJsonObject } from "../../lib/json-value.js";
import { runAlone } from "../utils/index.js";
import { throughStage4 } from "./4-name-schemas.js";
import type { OpenApiDocument, SchemaLayout, TypedSpec } from "./types.js";

export async function writeNamedTypes({ names, definitions }: SchemaLayout): Promise<string> {
  const declarations: string[] = [];
  for (const name of names) {
    const schema = typeView(definitions[name]!, definitions, new Set(names));
    declarations.push(
      await compile(schema as never, name, {
        bannerComment: "",
        additionalProperties: false,
        unknownAny: true,
        declareExternallyReferenced: false,
        strictIndexSignatures: false,
        style: { printWidth: 110 },
      }),
    );
  }
  return declarations.join("\n");
}

export async function writeOperationTypes(openapi: OpenApiDocument): Promise<string> {
  const nodes = await openapiTS(structuredClone(openapi) as never, { emptyObjectsUnknown: true, alphabetize: false });
  return astToString(nodes);
}

/** Stages 1 to 5. */
export async function throughStage5(root: string): Promise<TypedSpec> {
  const upstream = await throughStage4(root);
  return { ...upstream, namedTypes: await writeNamedTypes(upstream.named), operationTypes: await writeOperationTypes(upstream.openapi) };
}

/** The schema as json-schema-to-typescript should see it: names as `tsType`, shared parts inlined, no titles. */
function typeView(node: JsonSchema, definitions: Readonly<Record<string, JsonSchema>>, named: ReadonlySet<string>): JsonSchema {
  const ref = followRef(node, DEFINITIONS_REF, definitions);
  if (ref) {
    const annotations = without(node, "$ref");
    if (named.has(ref.name)) return { tsType: ref.name, ...annotations };
    return { ...typeView(ref.target ?? {}, definitions, named), ...annotations };
  }
  const merged = mergeAllOf(mapSubschemas(without(node, "title"), (child) => typeView(child, definitions, named)));
  if (merged.type === "object" && !merged.properties && merged.additionalProperties === undefined && !merged.allOf) {
    merged.additionalProperties = true;
  }
  return merged;
}

const PLAIN_KEYWORDS = ["type", "properties", "required", "description"];
const propertiesOf = (schema: JsonSchema) => (isJsonObject(schema.properties) ? schema.properties : {});
const requiredOf = (schema: JsonSchema) => (Array.isArray(schema.required) ? schema.required : []);

/** Folds `allOf` members that are plain object schemas into their parent; leaves anything else. */
function mergeAllOf(node: JsonSchema): JsonSchema {
  const members: unknown[] = Array.isArray(node.allOf) ? node.allOf : [];
  const plain = (member: unknown): member is JsonSchema =>
    isJsonObject(member) &&
    (member.type === undefined || member.type === "object") &&
    Object.keys(member).every((key) => PLAIN_KEYWORDS.includes(key)) &&
    Object.keys(propertiesOf(member)).every((key) => !(key in propertiesOf(node)));
  if (members.length === 0 || !members.every(plain) || (node.type !== undefined && node.type !== "object")) return node;
  const merged = without(node, "allOf");
  for (const member of members) {
    merged.properties = { ...propertiesOf(merged), ...propertiesOf(member) };
    if (member.required) merged.required = [...requiredOf(merged), ...requiredOf(member)];
  }
  merged.type = "object";
  return merged;
}

/** A copy of the schema without one keyword, the others in their order. */
function without(schema: JsonSchema, keyword: string): JsonSchema {
  const copy = { ...schema };
  delete copy[keyword];
  return copy;
}

runAlone(import.meta.url, async (root) => {
  const { namedTypes, operationTypes } = await throughStage5(root);
  return new Map([
    ["named types (generated/types.ts)", namedTypes],
    ["operation types (generated/openapi.ts)", operationTypes],
  ]);
});
