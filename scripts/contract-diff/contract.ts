/**
 * What of an OpenAPI document the contract diff compares, the `Contract`: the operation's method, path,
 * base path and access token parameter, the names generated/types.ts declares, and the query and the
 * 200 response body as shapes (shape.ts). The operation and the names are found as stage 4 of the
 * pipeline finds them, so the diff and the generated files agree on them.
 */
import { isJsonObject } from "../../lib/json-value.js";
import { parseJson } from "../../lib/json-text.js";
import { extractOperation } from "../generate/operation.js";
import { layOutSchemas } from "../generate/schema-layout.js";
import type { ExtractedOperation, OpenApiDocument, Operation } from "../generate/types.js";
import { emptyShape, shapeOf, type ContractShape } from "./shape.js";

/** What of a document the diff compares. */
export interface Contract {
  operation: Pick<Operation, "method" | "path" | "basePath" | "accessTokenParameter">;
  names: string[];
  /** The query parameters as the properties of one object shape. */
  query: ContractShape;
  response: ContractShape;
}

/** A document the diff cannot read; the message names it and says what is wrong. */
export class ContractDocumentError extends Error {
  override name = "ContractDocumentError";
}

/** Reads the text of a generated/openapi.json; `where` names it in errors. */
export function readContractText(text: string, where: string): Contract {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { line, column } = parsed.position;
    throw new ContractDocumentError(`${where} is not JSON: ${parsed.message} (line ${line}, column ${column})`);
  }
  return readContract(parsed.value, where);
}

/** The parts of an OpenAPI document that the diff compares; `where` names the document in errors. */
export function readContract(document: unknown, where: string): Contract {
  if (!isJsonObject(document)) throw new ContractDocumentError(`${where} is not an OpenAPI document: it is not a JSON object`);
  if (typeof document.openapi !== "string" || !document.openapi.startsWith("3.")) {
    throw new ContractDocumentError(`${where} is not an OpenAPI 3 document: it has no "openapi": "3.x" version field`);
  }
  // Read as the pipeline reads its own output; what does not fit fails below, and is reported as such.
  const openapi = document as OpenApiDocument;
  let operation: ExtractedOperation;
  let names: string[];
  try {
    operation = extractOperation(openapi);
    names = layOutSchemas(openapi, operation).names;
  } catch (error) {
    throw new ContractDocumentError(`${where} does not describe the operation as the pipeline writes it: ${(error as Error).message}`);
  }
  const { method, path, basePath, accessTokenParameter, queryParameters } = operation;
  const components = openapi.components?.schemas ?? {};
  const query: ContractShape = {
    ...emptyShape(),
    types: ["object"],
    properties: Object.fromEntries(queryParameters.map((parameter) => [parameter.name, shapeOf(parameter.schema ?? {}, components)])),
    required: queryParameters
      .filter((parameter) => parameter.required === true)
      .map((parameter) => parameter.name)
      .sort(),
  };
  const response = shapeOf(operation.responseSchema, components);
  return { operation: { method, path, basePath, accessTokenParameter }, names, query, response };
}
