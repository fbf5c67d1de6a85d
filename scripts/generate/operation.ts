/**
 * The one operation the spec describes, read from the OpenAPI document: what the request helpers need
 * (method, path, base path, the access token parameter, the query parameters' types) and what naming
 * starts from (the query parameters and the 200 response body).
 */
import type { ExtractedOperation, HttpMethod, OpenApiDocument, Operation, OperationObject, Parameter } from "./types.js";

/** The methods counted as operations. */
const METHODS: readonly string[] = ["get", "put", "post", "delete", "patch", "head", "options"] satisfies HttpMethod[];
const isMethod = (key: string): key is HttpMethod => METHODS.includes(key);

export interface FoundOperation {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
}

/** The document's one operation; throws when it describes none or several. */
export function findOperation(openapi: OpenApiDocument): FoundOperation {
  const operations = Object.entries(openapi.paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item)
      .filter(isMethod)
      .map((method) => ({ path, method, operation: item[method] ?? {} })),
  );
  if (operations.length !== 1) throw new Error(`the spec must describe exactly one operation; it describes ${operations.length}`);
  return operations[0]!;
}

/** What the document says of its one operation; throws when it has no 200 application/json response body. */
export function extractOperation(openapi: OpenApiDocument): ExtractedOperation {
  const { path, method, operation } = findOperation(openapi);
  const response = operation.responses?.["200"];
  const responseSchema = response?.content?.["application/json"]?.schema;
  if (!responseSchema) throw new Error(`${method.toUpperCase()} ${path} has no 200 application/json response schema`);
  const queryParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === "query");
  return {
    method,
    path,
    basePath: basePath(openapi),
    accessTokenParameter: accessTokenParameter(openapi, operation),
    query: Object.fromEntries(
      queryParameters.map((parameter) => [parameter.name, { type: typeOf(parameter), required: parameter.required === true }]),
    ),
    queryParameters,
    responseSchema,
    responseDescription: response?.description,
  };
}

/** The path of the first server URL, without its trailing slash: Swagger 2.0's `basePath` after conversion. */
export function basePath(openapi: OpenApiDocument): string {
  return new URL(openapi.servers?.[0]?.url ?? "/", "http://localhost").pathname.replace(/\/$/, "");
}

/** The query parameter of the first API key scheme the operation (or, failing that, the document) requires. */
export function accessTokenParameter(openapi: OpenApiDocument, operation: OperationObject): string | null {
  const schemes = openapi.components?.securitySchemes ?? {};
  for (const requirement of operation.security ?? openapi.security ?? []) {
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name];
      if (scheme?.type === "apiKey" && scheme.in === "query") return scheme.name ?? null;
    }
  }
  return null;
}

function typeOf(parameter: Parameter): string | null {
  const type = parameter.schema?.type;
  return typeof type === "string" ? type : null;
}

/** Where the operation's example of the named schema `name` comes from, as errors name it. */
export function exampleSource(name: string, operation: Operation): string {
  if (name === operation.queryName) return `the query built from the parameters' x-example values (${name})`;
  const response = `the example of ${operation.method.toUpperCase()} ${operation.path} 200`;
  return name === operation.responseName ? `${response} (${name})` : `the first ${name} in ${response}`;
}
