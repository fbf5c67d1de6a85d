/**
 * The types the generation stages pass each other, and that the contract diff reads, in one place so
 * that no stage is imported for its types. The OpenAPI types are a view of a document that stage 3
 * has checked to be valid OpenAPI 3.0: they name only the fields the pipeline reads.
 */
import type { JsonSchema } from "../../lib/json-schema.js";

export type { JsonSchema };

// Stage 1 and 2: the spec as written, bundled into one Swagger 2.0 document.

export interface SpecSource {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  text: string;
  /** The key of `definitions` (then of `components.schemas`) the file became; absent for the entry file. */
  definition?: string;
}

/** A Swagger 2.0 document as parsed and bundled, before stage 2 has checked it. */
export interface SwaggerDocument {
  /** The spec's own definitions and every referenced file under its name; empty when there are none. */
  definitions: Record<string, unknown>;
  [field: string]: unknown;
}

export interface BundledSpec {
  /** The Swagger 2.0 document with every external `$ref` replaced by `#/definitions/<Name>`. */
  document: SwaggerDocument;
  /** The entry file first, then the referenced files in the order they were reached. */
  sources: SpecSource[];
  warnings: string[];
}

// Stage 3: the OpenAPI 3.0 document.

export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string }[];
  paths?: Record<string, PathItem>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    parameters?: Record<string, Parameter>;
    securitySchemes?: Record<string, SecurityScheme>;
  };
  security?: SecurityRequirement[];
  [field: string]: unknown;
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** A path's operations by method; stage 3 has written the path's own parameters into each. */
export type PathItem = { [method in HttpMethod]?: OperationObject } & { [field: string]: unknown };

export interface OperationObject {
  /** After stage 3, every parameter written out: no `$ref`, the path's shared ones included. */
  parameters?: Parameter[];
  responses?: Record<string, ResponseObject>;
  security?: SecurityRequirement[];
  [field: string]: unknown;
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
  example?: unknown;
  [field: string]: unknown;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}

export interface MediaType {
  schema?: JsonSchema;
  examples?: Record<string, { value?: unknown }>;
}

export interface SecurityScheme {
  type?: string;
  in?: string;
  name?: string;
}

export type SecurityRequirement = Record<string, string[]>;

// Stage 4: the operation, and the schemas named and laid out as definitions.

/**
 * The operation as generated/contract.ts declares it: what request helpers need to build and read a
 * request. The key order is the file's.
 */
export interface Operation {
  method: string;
  path: string;
  /** The path prefix from the spec's server URL (Swagger 2.0's `basePath`). */
  basePath: string;
  /** The query parameter that carries the access token, from the operation's security scheme. */
  accessTokenParameter: string | null;
  /** Declared query parameters: their schemas decide how a query string value is read. */
  query: Record<string, { type: string | null; required: boolean }>;
  queryName: string;
  responseName: string;
}

/** What the document says of its one operation, before any schema is named. */
export interface ExtractedOperation extends Omit<Operation, "queryName" | "responseName"> {
  /** The parameters that `query` describes, as the document writes them. */
  queryParameters: Parameter[];
  /** The 200 application/json response body. */
  responseSchema: JsonSchema;
  /** The 200 response's own description. */
  responseDescription: string | undefined;
}

/**
 * Where instances of a named schema sit: property names, `null` for any key or item. In
 * `instancePaths` the path starts at the response's root; in generated/contract.ts's
 * `nestedInstances`, at an instance of another named schema.
 */
export type InstancePath = readonly (string | null)[];

/** The named schemas laid out as JSON Schema definitions that refer to each other by name. */
export interface SchemaLayout {
  /** Named schemas in the order they are first reached: the response, its parts, then the query. */
  names: string[];
  /** Named and shared schemas; every `$ref` between them is `#/definitions/<Name>`. */
  definitions: Record<string, JsonSchema>;
  /**
   * For each named schema written in a component of the document (a referenced file, or a definition
   * of the entry file), that component's name; absent for those written inline in the operation.
   */
  origins: Record<string, string>;
  /** For each component of the document the operation reaches, the definition it became: a named schema or a shared key. */
  components: Record<string, string>;
}

export interface NamedSchemas extends SchemaLayout {
  operation: Operation;
  /** For each named schema reached from the response, every path from the response's root to an instance of it. */
  instancePaths: Record<string, InstancePath[]>;
}

// Stages 3 to 8: what each stage adds to what the stages before it made.

/** Through stage 3. */
export interface ConvertedSpec {
  sources: SpecSource[];
  warnings: string[];
  openapi: OpenApiDocument;
}

/** Through stage 4. */
export interface NamedSpec extends ConvertedSpec {
  named: NamedSchemas;
}

/** Through stage 5: the declarations of the named types, open and closed, and openapi-typescript's `paths`. */
export interface TypedSpec extends NamedSpec {
  namedTypes: string;
  /** The same names declared closed, for generated/types.ts's `Closed` namespace. */
  closedTypes: string;
  operationTypes: string;
}

/** Through stage 6: the validator modules, first error and all errors. */
export interface CompiledSpec extends TypedSpec {
  validators: string;
  allErrorValidators: string;
}

/** Through stage 7: everything stage 8 lays out as files. */
export interface Artifacts extends CompiledSpec {
  /** The spec's examples by schema name, checked against their schemas. */
  examples: Record<string, unknown>;
}

/** What every generated file's header names: the command and the spec that made it. */
export interface Provenance {
  generatedBy: string;
  sources: string[];
  specSha256: string;
}

/**
 * What the pipeline writes: `files`, the contents of generated/ (paths relative to it), and
 * `bindings`, the modules of src/ that give each named schema its `check<Name>`, `assert<Name>` and
 * `arbitrary<Name>` export (paths relative to the repository root). ES modules cannot export names
 * computed at run time, so the runtime's per-name exports are generated beside the code they bind;
 * generated/ itself never imports src/.
 */
export interface RenderedFiles {
  files: Map<string, string>;
  bindings: Map<string, string>;
}
