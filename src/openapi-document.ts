import document from "../generated/openapi.json" with { type: "json" };

/**
 * The OpenAPI 3.0 document made from the spec, also importable as `matrix-sync-contract/openapi.json`.
 * Typed here rather than inferred from the JSON: the declaration bundler would otherwise copy the
 * whole document into the published `.d.ts` as code, which TypeScript rejects.
 */
export const openapi: Readonly<Record<string, unknown>> = document;
