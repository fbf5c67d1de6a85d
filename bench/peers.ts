/**
 * What users would use instead of the precompiled validators: a JSON Schema validator compiling the
 * package's exported schema at run time, each set up as its documentation shows.
 */
import { validator } from "@exodus/schemasafe";
import { Ajv } from "ajv";
import { schemas } from "../src/index.js";

export type BooleanValidator = (value: unknown) => boolean;

/**
 * ajv with its default options. The exported schemas keep OpenAPI's `example` keyword (the query's
 * schema has one), which ajv's default strict mode asks to be declared before it compiles.
 */
export function ajvAtRunTime(): BooleanValidator {
  const ajv = new Ajv();
  ajv.addKeyword("example");
  return ajv.compile(schemas.SyncResponse);
}

/** @exodus/schemasafe with its default options: boolean result, no error objects (it knows `example`). */
export function schemasafeAtRunTime(): BooleanValidator {
  const validate = validator(schemas.SyncResponse as never);
  // schemasafe types its input as JSON; the payloads it is given here come from JSON.parse.
  return (value) => validate(value as never);
}
