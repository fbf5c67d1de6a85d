/**
 * Stage 3: convert the bundled Swagger 2.0 document to OpenAPI 3.0 with swagger2openapi, then finish
 * what the converter leaves as text: a response example written as a JSON string becomes the object
 * it spells, and a parameter example is coerced to its parameter's type (the Matrix spec writes
 * `x-example: "false"` for booleans). Each operation gets its whole parameter list, the shared ones
 * (`$ref: "#/parameters/..."`) and the path's own written out, so later stages read one list. The
 * result must validate as OpenAPI 3.0. Run alone, it prints that document as JSON.
 */
import { resolve } from "node:path";
import swagger2openapi from "swagger2openapi";
import { isJsonObject } from "../../lib/json-value.js";
import { parseJson } from "../../lib/json-text.js";
import { runAlone, SpecError } from "../utils/index.js";
import { SPEC_FILE } from "./1-bundle-spec.js";
import { throughStage2 } from "./2-validate-swagger.js";
import type { ConvertedSpec, HttpMethod, OpenApiDocument, SwaggerDocument } from "./types.js";
import { validateOpenApiDocument } from "./validate-document.js";

/** Part of the converter's output: nothing is known of its shape until the document is checked at the end. */
type JsonObject = Record<string, unknown>;

const HTTP_METHODS: readonly string[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] satisfies HttpMethod[];
const PARAMETER_REF = "#/components/parameters/";

/** The members of `value` that are objects, with their keys. */
const objectEntries = (value: unknown): [string, JsonObject][] =>
  isJsonObject(value) ? Object.entries(value).filter((entry): entry is [string, JsonObject] => isJsonObject(entry[1])) : [];
const objectList = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isJsonObject) : []);

export async function convertToOpenApi(swagger: SwaggerDocument, sourceFile: string): Promise<OpenApiDocument> {
  const { openapi } = await swagger2openapi.convertObj(structuredClone(swagger), { patch: true, warnOnly: false, source: sourceFile });
  for (const [path, item] of objectEntries(openapi.paths)) {
    const pathParameters = objectList(item.parameters);
    delete item.parameters;
    for (const [method, operation] of objectEntries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const where = `paths.${path}.${method}`;
      writeOutParameters(openapi, operation, pathParameters);
      for (const parameter of objectList(operation.parameters)) coerceParameterExample(parameter, sourceFile, where);
      for (const [status, response] of objectEntries(operation.responses)) {
        for (const [mediaType, media] of objectEntries(response.content)) {
          parseExampleStrings(media, sourceFile, `${where}.responses.${status}.examples.${mediaType}`);
        }
      }
    }
  }
  await validateOpenApiDocument(openapi, sourceFile, "OpenAPI 3.0 after conversion");
  // Checked just above: from here on the document is read through its type.
  return openapi as OpenApiDocument;
}

/** Stages 1 to 3: the spec under `root` as a checked OpenAPI 3.0 document, with the files it came from. */
export async function throughStage3(root: string): Promise<ConvertedSpec> {
  const { document, sources, warnings } = await throughStage2(root);
  return { sources, warnings, openapi: await convertToOpenApi(document, resolve(root, SPEC_FILE)) };
}

/**
 * Replaces each `#/components/parameters/*` reference by a copy of the parameter, and adds the path's
 * parameters that the operation does not redeclare (same name and location), as OpenAPI says they apply.
 */
function writeOutParameters(openapi: JsonObject, operation: JsonObject, pathParameters: JsonObject[]): void {
  const shared = isJsonObject(openapi.components) && isJsonObject(openapi.components.parameters) ? openapi.components.parameters : {};
  const resolve = (parameter: JsonObject): JsonObject => {
    const ref = parameter.$ref;
    const target = typeof ref === "string" && ref.startsWith(PARAMETER_REF) ? shared[ref.slice(PARAMETER_REF.length)] : undefined;
    return isJsonObject(target) ? structuredClone(target) : parameter;
  };
  const own = objectList(operation.parameters).map(resolve);
  const redeclared = (parameter: JsonObject) => own.some((other) => other.name === parameter.name && other.in === parameter.in);
  const inherited = pathParameters.map(resolve).filter((parameter) => !redeclared(parameter));
  if (own.length + inherited.length > 0) operation.parameters = [...inherited, ...own];
}

/** swagger2openapi keeps a JSON example written as a block string as that string. */
function parseExampleStrings(media: JsonObject, file: string, where: string): void {
  if (isJsonObject(media.schema) && media.schema.type === "string") return;
  for (const [, example] of objectEntries(media.examples)) {
    if (typeof example.value !== "string") continue;
    const parsed = parseJson(example.value);
    if (!parsed.ok) {
      const { line, column } = parsed.position;
      throw new SpecError(
        file,
        `the example at ${where} is not valid JSON: ${parsed.message} (line ${line}, column ${column} of the example)`,
      );
    }
    example.value = parsed.value;
  }
}

function coerceParameterExample(parameter: JsonObject, file: string, where: string): void {
  const text = parameter.example;
  if (typeof text !== "string") return;
  const type = isJsonObject(parameter.schema) ? parameter.schema.type : undefined;
  if (type === "boolean" && (text === "true" || text === "false")) parameter.example = text === "true";
  else if ((type === "integer" || type === "number") && text.trim() !== "" && Number.isFinite(Number(text)))
    parameter.example = Number(text);
  else if (type !== "string" && type !== undefined) {
    throw new SpecError(file, `the example "${text}" of parameter "${String(parameter.name)}" at ${where} is not a ${String(type)}`);
  }
}

runAlone(import.meta.url, async (root) => (await throughStage3(root)).openapi);
