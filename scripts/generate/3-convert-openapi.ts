/**
 * Stage 3: convert the bundled Swagger 2.0 document to OpenAPI 3.0 with swagger2openapi, then finish
 * what the converter leaves as text: a response example written as a JSON string becomes the object
 * it spells, and a parameter example is coerced to its parameter's type (the Matrix spec writes
 * `x-example: "false"` for booleans). Each operation gets its whole parameter list, the shared ones
 * (`$ref: "#/parameters/..."`) and the path's own written out, so later stages read one list. The
 * result must validate as OpenAPI 3.0.
 */
import swagger2openapi from "swagger2openapi";
import { parseJson } from "../../lib/json-text.js";
import { SpecError } from "../utils/spec-error.js";
import { validateOpenApiDocument } from "./2-validate-swagger.js";

export type OpenApiDocument = Record<string, any>;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export async function convertToOpenApi(swagger: Record<string, any>, sourceFile: string): Promise<OpenApiDocument> {
  const { openapi } = await swagger2openapi.convertObj(structuredClone(swagger), { patch: true, warnOnly: false, source: sourceFile });
  for (const [path, item] of Object.entries<any>(openapi.paths ?? {})) {
    const pathParameters: Record<string, any>[] = item.parameters ?? [];
    delete item.parameters;
    for (const [method, operation] of Object.entries<any>(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const where = `paths.${path}.${method}`;
      writeOutParameters(openapi, operation, pathParameters);
      for (const parameter of operation.parameters ?? []) coerceParameterExample(parameter, sourceFile, where);
      for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
        for (const [mediaType, media] of Object.entries<any>(response.content ?? {})) {
          parseExampleStrings(media, sourceFile, `${where}.responses.${status}.examples.${mediaType}`);
        }
      }
    }
  }
  await validateOpenApiDocument(openapi, sourceFile, "OpenAPI 3.0 after conversion");
  return openapi;
}

/**
 * Replaces each `#/components/parameters/*` reference by a copy of the parameter, and adds the path's
 * parameters that the operation does not redeclare (same name and location), as OpenAPI says they apply.
 */
function writeOutParameters(openapi: OpenApiDocument, operation: Record<string, any>, pathParameters: Record<string, any>[]): void {
  const shared: Record<string, any> = openapi.components?.parameters ?? {};
  const resolve = (parameter: Record<string, any>) =>
    typeof parameter.$ref === "string" && parameter.$ref.startsWith("#/components/parameters/")
      ? structuredClone(shared[parameter.$ref.slice("#/components/parameters/".length)])
      : parameter;
  const own = (operation.parameters ?? []).map(resolve);
  const redeclared = (parameter: Record<string, any>) => own.some((other: any) => other.name === parameter.name && other.in === parameter.in);
  const inherited = pathParameters.map(resolve).filter((parameter) => !redeclared(parameter));
  if (own.length + inherited.length > 0) operation.parameters = [...inherited, ...own];
}

/** swagger2openapi keeps a JSON example written as a block string as that string. */
function parseExampleStrings(media: Record<string, any>, file: string, where: string): void {
  if (media.schema?.type === "string") return;
  for (const example of Object.values<any>(media.examples ?? {})) {
    if (typeof example.value !== "string") continue;
    const parsed = parseJson(example.value);
    if (!parsed.ok) {
      const { line, column } = parsed.position;
      throw new SpecError(file, `the example at ${where} is not valid JSON: ${parsed.message} (line ${line}, column ${column} of the example)`);
    }
    example.value = parsed.value;
  }
}

function coerceParameterExample(parameter: Record<string, any>, file: string, where: string): void {
  if (!("example" in parameter) || typeof parameter.example !== "string") return;
  const type = parameter.schema?.type;
  const text: string = parameter.example;
  if (type === "boolean" && (text === "true" || text === "false")) parameter.example = text === "true";
  else if ((type === "integer" || type === "number") && text.trim() !== "" && Number.isFinite(Number(text))) parameter.example = Number(text);
  else if (type !== "string" && type !== undefined) {
    throw new SpecError(file, `the example "${text}" of parameter "${parameter.name}" at ${where} is not a ${type}`);
  }
}
