/**
 * Stage 5: TypeScript types. json-schema-to-typescript writes one named type per named schema, from a
 * copy of its schema in which each named schema it refers to is replaced by that name, so a type is
 * declared exactly once and never numbered (`Event1`). openapi-typescript writes `paths`,
 * `components` and `operations` from the OpenAPI document, for openapi-fetch and friends.
 *
 * Deliberate choices:
 * - an object schema that allows other keys explicitly (`additionalProperties: true`) or declares no
 *   keys at all gets `[k: string]: unknown`; one that lists its keys and says nothing else does not,
 *   so a misspelt field is a type error (the validators, following the schema, still accept extra keys);
 * - an `allOf` of plain object schemas is merged into one interface, as the reader thinks of it.
 */
import { compile } from "json-schema-to-typescript";
import openapiTS, { astToString } from "openapi-typescript";
import type { JsonSchema, NamedSchemas } from "./4-name-schemas.js";
import type { OpenApiDocument } from "./3-convert-openapi.js";

export async function writeNamedTypes({ names, definitions }: NamedSchemas): Promise<string> {
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

/** The schema as json-schema-to-typescript should see it: names as `tsType`, shared parts inlined. */
function typeView(node: JsonSchema, definitions: Record<string, JsonSchema>, named: Set<string>): JsonSchema {
  if (typeof node.$ref === "string") {
    const target = node.$ref.replace("#/definitions/", "");
    const { $ref, ...annotations } = node;
    if (named.has(target)) return { tsType: target, ...annotations };
    return { ...typeView(definitions[target]!, definitions, named), ...annotations };
  }
  const { title, ...view } = node;
  if (view.properties) {
    view.properties = Object.fromEntries(
      Object.entries<JsonSchema>(view.properties).map(([key, value]) => [key, typeView(value, definitions, named)]),
    );
  }
  if (view.additionalProperties && typeof view.additionalProperties === "object") {
    view.additionalProperties = typeView(view.additionalProperties, definitions, named);
  }
  if (view.items && typeof view.items === "object") view.items = typeView(view.items, definitions, named);
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    if (Array.isArray(view[key])) view[key] = view[key].map((member: JsonSchema) => typeView(member, definitions, named));
  }
  const merged = mergeAllOf(view);
  if (merged.type === "object" && !merged.properties && merged.additionalProperties === undefined && !merged.allOf) {
    merged.additionalProperties = true;
  }
  return merged;
}

/** Folds `allOf` members that are plain object schemas into their parent; leaves anything else. */
function mergeAllOf(node: JsonSchema): JsonSchema {
  const members: JsonSchema[] = node.allOf ?? [];
  const plain = (member: JsonSchema) =>
    (member.type === undefined || member.type === "object") &&
    Object.keys(member).every((key) => ["type", "properties", "required", "description"].includes(key)) &&
    Object.keys(member.properties ?? {}).every((key) => !(key in (node.properties ?? {})));
  if (members.length === 0 || !members.every(plain) || (node.type !== undefined && node.type !== "object")) return node;
  const { allOf, ...merged } = node;
  for (const member of members) {
    merged.properties = { ...merged.properties, ...member.properties };
    if (member.required) merged.required = [...(merged.required ?? []), ...member.required];
  }
  merged.type = "object";
  return merged;
}
