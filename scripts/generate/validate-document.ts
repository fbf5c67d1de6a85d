/**
 * The check that a document is valid Swagger 2.0 or OpenAPI 3.0, which stage 2 runs on the bundled
 * spec and stage 3 on its own output, reported as a SpecError that a person can read.
 */
import SwaggerParser from "@apidevtools/swagger-parser";
import { SpecError } from "../utils/index.js";

/** Throws a SpecError naming `file` when `document` is not a valid Swagger 2.0 or OpenAPI 3.0 document (`kind` says which). */
export async function validateOpenApiDocument(document: object, file: string, kind: string): Promise<void> {
  try {
    // swagger-parser dereferences in place; the caller's document stays as it is.
    await SwaggerParser.validate(structuredClone(document) as never);
  } catch (error) {
    // The validator reports every branch of a oneOf; the first distinct lines are what a person reads.
    const lines = (error as Error).message.replace(/^[^\n]*validation failed\.?\s*/i, "").split("\n");
    const distinct = [...new Set(lines.map((line) => line.trim()).filter(Boolean))];
    const shown = distinct.slice(0, 8).join("\n  ") + (distinct.length > 8 ? `\n  … and ${distinct.length - 8} more` : "");
    throw new SpecError(file, `is not valid ${kind}:\n  ${shown}`);
  }
}
