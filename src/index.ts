/**
 * matrix-sync-contract, the root entry: the contract itself, the Matrix Client-Server v2_alpha `/sync`
 * API as TypeScript types, JSON schemas, precompiled validators, checks and request/response helpers,
 * all generated from spec/. Only the contract: the command's JSON text tools stay in lib/, and
 * README.md's "API by entry point" lists every name here, held to it by test/api-surface.test.ts.
 */

// Types: one per named schema, the openapi-typescript view of the document, and the results.
export type * from "../generated/types.js";
export type { paths, components, operations } from "../generated/openapi.js";
export type { PrecompiledValidator } from "../generated/validators.js";
export type { JsonSchema } from "../generated/schemas.js";
export type { Issue, Severity, CheckOptions, CheckResult } from "./issues.js";
export type { Check } from "./check.js";
export type { StandardSchema, StandardProps, StandardResult, StandardIssue } from "./standard-schema.js";
export type { ProseRule, RuleDescription } from "./rules.js";
export type { RuleId, RuleLevel, RuleLevels } from "./rule-options.js";
export type { BuildUrlOptions, MatrixError, ParsedRequest, SyncQueryInput } from "./request.js";

// The spec as data: the OpenAPI document, the JSON schemas, the examples, the named schemas and which
// of them each openapi-typescript component is.
export { openapi } from "./openapi-document.js";
export { schemas } from "../generated/schemas.js";
export { examples } from "../generated/examples.js";
export { schemaNames } from "../generated/contract.js";
export { componentNames } from "../generated/component-names.js";

// validate<Name>: precompiled ajv validators. check<Name>, assert<Name>: with pointers and prose rules.
export * from "../generated/validators.js";
export * from "./checks.generated.js";
export { ContractError, formatIssues } from "./issues.js";
export { proseRules } from "./rules.js";

// Request and response helpers for clients and servers.
export { buildSyncUrl, parseSyncRequest } from "./request.js";
export { parseSyncResponse, serializeSyncResponse } from "./response.js";
