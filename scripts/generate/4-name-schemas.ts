/**
 * Stage 4: name the schemas of the operation and lay them out as JSON Schema definitions that refer to
 * each other by those names, and find where each named schema occurs in a response. Its parts:
 * operation.ts reads the operation, schema-names.ts holds the naming rules, schema-layout.ts applies
 * them, instance-paths.ts finds the places. Run alone, it prints the named schemas as JSON.
 */
import { runAlone } from "../utils/index.js";
import { throughStage3 } from "./3-convert-openapi.js";
import { instancePaths } from "./instance-paths.js";
import { extractOperation } from "./operation.js";
import { layOutSchemas } from "./schema-layout.js";
import { queryName, responseName } from "./schema-names.js";
import type { NamedSchemas, NamedSpec, OpenApiDocument, Operation } from "./types.js";

export function nameSchemas(openapi: OpenApiDocument): NamedSchemas {
  const extracted = extractOperation(openapi);
  const { names, definitions, origins, components } = layOutSchemas(openapi, extracted);
  const { method, path, basePath, accessTokenParameter, query, responseSchema } = extracted;
  const operation: Operation = {
    method,
    path,
    basePath,
    accessTokenParameter,
    query,
    queryName: queryName(path),
    responseName: responseName(path, responseSchema),
  };
  return { operation, names, definitions, origins, components, instancePaths: instancePaths(definitions, names, operation.responseName) };
}

/** Stages 1 to 4. */
export async function throughStage4(root: string): Promise<NamedSpec> {
  const converted = await throughStage3(root);
  return { ...converted, named: nameSchemas(converted.openapi) };
}

runAlone(import.meta.url, async (root) => (await throughStage4(root)).named);
