/**
 * matrix-sync-contract/testing: fast-check arbitraries for every named schema of the contract, for
 * property tests of clients and servers. Each payload satisfies its schema and the spec's prose
 * rules; fast-check is an optional peer dependency that only this entry point needs.
 */
import type { Arbitrary } from "fast-check";
import { schemaNames } from "../../generated/contract.js";
import type { SchemaName, SchemaTypes } from "../../generated/types.js";
import { arbitraryFor, type ArbitraryOptions } from "./schema-arbitrary.js";

export { arbitraryFor, type ArbitraryOptions } from "./schema-arbitrary.js";
export { UnsupportedSchemaError } from "./schema-shape.js";
export * from "./arbitraries.generated.js";

export type Arbitraries = { readonly [N in SchemaName]: (options?: ArbitraryOptions) => Arbitrary<SchemaTypes[N]> };

/** `arbitraries.JoinedRoom()` is `arbitraryFor("JoinedRoom")`: one entry per named schema. */
export const arbitraries = Object.fromEntries(
  schemaNames.map((name) => [name, (options?: ArbitraryOptions) => arbitraryFor(name, options)]),
) as unknown as Arbitraries;
