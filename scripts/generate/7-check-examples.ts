/**
 * Stage 7: the spec's examples, checked against their schemas, become fixtures: the response example,
 * the query built from the parameters' examples, and for every other named schema the first instance
 * of it inside the response example. An example that breaks its schema stops generation with the
 * failing JSON pointer. Run alone, it prints the examples by name as JSON.
 */
import { runAlone, SpecError } from "../utils/index.js";
import { SPEC_FILE } from "./1-bundle-spec.js";
import { createAjv, throughStage6 } from "./6-compile-validators.js";
import { exampleSource, findOperation } from "./operation.js";
import type { Artifacts, InstancePath, NamedSchemas, OpenApiDocument } from "./types.js";

export function checkExamples(openapi: OpenApiDocument, named: NamedSchemas, specFile: string): Record<string, unknown> {
  const { operation, names, definitions, instancePaths } = named;
  const spec = findOperation(openapi).operation;
  const responseExamples = Object.values(spec.responses?.["200"]?.content?.["application/json"]?.examples ?? {});
  const examples: Record<string, unknown> = {};
  if (responseExamples.length > 0) examples[operation.responseName] = responseExamples[0]!.value;
  const query = (spec.parameters ?? []).filter((parameter) => parameter.in === "query" && "example" in parameter);
  if (query.length > 0) {
    examples[operation.queryName] = Object.fromEntries(query.map((parameter) => [parameter.name, parameter.example]));
  }

  const response = examples[operation.responseName];
  for (const name of names) {
    if (name in examples || response === undefined) continue;
    const found = (instancePaths[name] ?? []).map((path) => firstInstance(response, path)).find((value) => value !== undefined);
    if (found !== undefined) examples[name] = found;
  }

  const ajv = createAjv({ allErrors: true }, definitions);
  for (const [name, example] of Object.entries(examples)) {
    const validate = ajv.getSchema(name)!;
    if (!validate(example)) {
      const [error] = validate.errors!;
      const problem = `breaks its schema at "${error!.instancePath}": ${error!.message} (schema:${error!.keyword})`;
      throw new SpecError(specFile, `${exampleSource(name, operation)} ${problem}`);
    }
  }
  return Object.fromEntries(names.filter((name) => name in examples).map((name) => [name, examples[name]]));
}

/** Stages 1 to 7: everything stage 8 lays out. */
export async function throughStage7(root: string): Promise<Artifacts> {
  const upstream = await throughStage6(root);
  return { ...upstream, examples: checkExamples(upstream.openapi, upstream.named, SPEC_FILE) };
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

runAlone(import.meta.url, async (root) => (await throughStage7(root)).examples);
