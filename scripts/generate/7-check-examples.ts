/**
 * Stage 7: the spec's examples, checked against their schemas, become fixtures: the response example,
 * the query built from the parameters' examples, and for every other named schema the first instance
 * of it inside the response example. An example that breaks its schema stops generation with the
 * failing JSON pointer.
 */
import type { OpenApiDocument } from "./3-convert-openapi.js";
import type { InstancePath, NamedSchemas } from "./4-name-schemas.js";
import { createAjv } from "./6-compile-validators.js";
import { SpecError } from "../utils/spec-error.js";

export function checkExamples(openapi: OpenApiDocument, named: NamedSchemas, specFile: string): Record<string, unknown> {
  const { operation, names, definitions, occurrences } = named;
  const spec = openapi.paths[operation.path][operation.method];
  const responseExamples = Object.values<any>(spec.responses["200"].content["application/json"].examples ?? {});
  const examples: Record<string, unknown> = {};
  if (responseExamples.length > 0) examples[operation.responseName] = responseExamples[0].value;
  const query = (spec.parameters ?? []).filter((parameter: any) => parameter.in === "query" && "example" in parameter);
  if (query.length > 0) {
    examples[operation.queryName] = Object.fromEntries(query.map((parameter: any) => [parameter.name, parameter.example]));
  }

  const response = examples[operation.responseName];
  for (const name of names) {
    if (name in examples || response === undefined) continue;
    const found = (occurrences[name] ?? []).map((path) => firstInstance(response, path)).find((value) => value !== undefined);
    if (found !== undefined) examples[name] = found;
  }

  const ajv = createAjv({ allErrors: true }, definitions);
  for (const [name, example] of Object.entries(examples)) {
    const validate = ajv.getSchema(name)!;
    if (!validate(example)) {
      const [error] = validate.errors!;
      const source = name === operation.queryName ? "the query built from the parameters' x-example values" : `the example of ${operation.method.toUpperCase()} ${operation.path} 200`;
      throw new SpecError(specFile, `${source} (${name}) breaks its schema at "${error!.instancePath}": ${error!.message} (schema:${error!.keyword})`);
    }
  }
  return Object.fromEntries(names.filter((name) => name in examples).map((name) => [name, examples[name]]));
}

/** The value at `path` in `value`, taking the first key or item where the path says any. */
function firstInstance(value: unknown, path: InstancePath): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = step === null ? Object.values(current)[0] : (current as Record<string, unknown>)[step];
  }
  return current;
}
