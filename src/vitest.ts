/**
 * Vitest matchers for the contract, registered when this module is imported (for example from a
 * setup file): `expect(value).toBeValidSyncResponse()` and `expect(value).toSatisfyContract("Event")`.
 * They check with the generated `check<Name>` functions and take their options (rule levels, strict
 * mode, maxIssues); a failure lists every issue with its pointer.
 */
import { expect } from "vitest";
import { checks } from "./checks.generated.js";
import { operation, schemaNames } from "../generated/contract.js";
import type { SchemaName } from "../generated/types.js";
import type { Check } from "./check.js";
import { formatIssues, quoted, type CheckOptions } from "./issues.js";

declare module "vitest" {
  // The type parameter mirrors vitest's own declaration, which merging requires.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
  interface Matchers<T = any> {
    /** Passes when the value is a `/sync` response that satisfies the contract: its schema and prose rules. */
    toBeValidSyncResponse(options?: CheckOptions): void;
    /** Passes when the value satisfies the named schema and the prose rules that apply inside it. */
    toSatisfyContract(name: SchemaName, options?: CheckOptions): void;
  }
}

function satisfies(received: unknown, name: SchemaName, options?: CheckOptions) {
  // Plain JavaScript callers get no compile-time check of the name.
  if (!(schemaNames as readonly string[]).includes(name)) {
    throw new TypeError(`toSatisfyContract: unknown schema ${quoted(String(name))}; the schemas are: ${schemaNames.join(", ")}`);
  }
  const check: Check<unknown> = checks[name];
  const { valid, issues, truncated } = check(received, options);
  const listed = `${formatIssues(issues).replace(/^/gm, "  ")}${truncated ? "\n  … more issues not listed (maxIssues)" : ""}`;
  return {
    pass: valid,
    message: () =>
      valid
        ? `expected the value not to satisfy ${name}, but it does${issues.length > 0 ? `, with warnings:\n${listed}` : ""}`
        : `expected the value to satisfy ${name}, but it breaks the contract:\n${listed}`,
  };
}

/** The matchers, for `expect.extend` by hand; importing this module already registers them. */
export const contractMatchers = {
  toBeValidSyncResponse: (received: unknown, options?: CheckOptions) => satisfies(received, operation.responseName, options),
  toSatisfyContract: satisfies,
};

expect.extend(contractMatchers);
