/**
 * Standard Schema v1 (https://standardschema.dev) on every `check<Name>`, so a check can be handed to
 * whatever takes a Standard Schema (Hono's `sValidator`, tRPC, TanStack Form). The interface is
 * written out here, structurally the same as `@standard-schema/spec`'s, so that the declarations
 * need no package a user does not install; test/standard-schema.test-d.ts holds the two together.
 *
 * Only errors fail, as for the check itself, and only errors are reported: the rules that warn by
 * default are off, so a warning never takes the place of an error among the 100 issues listed. The
 * other options are the defaults (rules at their levels, no strict mode).
 */
import type { CheckOptions, CheckResult, Issue } from "./issues.js";
import { parsePointer } from "../lib/json-pointer.js";
import { contractRules, type RuleLevels } from "./rule-options.js";

export const STANDARD_VENDOR = "matrix-sync-contract";

/** A Standard Schema v1 issue: the message, and the path to the value as keys, an array index as a number. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: readonly PropertyKey[] | undefined;
}

export type StandardResult<Output> =
  { readonly value: Output; readonly issues?: undefined } | { readonly issues: readonly StandardIssue[] };

/** The `~standard` property of a check: Standard Schema v1's properties for a value of type `Output`. */
export interface StandardProps<Output> {
  readonly version: 1;
  readonly vendor: typeof STANDARD_VENDOR;
  readonly validate: (value: unknown) => StandardResult<Output>;
  /** Types only: never set at run time. */
  readonly types?: { readonly input: unknown; readonly output: Output } | undefined;
}

/** What a Standard Schema v1 consumer takes, for a value of type `Output`. */
export interface StandardSchema<Output> {
  readonly "~standard": StandardProps<Output>;
}

/** An array index as a pointer writes it: digits without a leading zero. */
const INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * A pointer's tokens as a path into `value`: a token under an array is its index as a number. The
 * value is read again to know where the arrays are; should a read throw (an unreadable value has an
 * issue of its own), the remaining tokens stay strings.
 */
function pathOf(pointer: string, value: unknown): PropertyKey[] {
  let current: unknown = value;
  return parsePointer(pointer).map((token) => {
    try {
      const isIndex = Array.isArray(current) && INDEX.test(token);
      current = typeof current === "object" && current !== null ? (current as Record<string, unknown>)[token] : undefined;
      return isIndex ? Number(token) : token;
    } catch {
      current = undefined;
      return token;
    }
  });
}

const standardIssue = (issue: Issue, value: unknown): StandardIssue => ({ message: issue.message, path: pathOf(issue.pointer, value) });

const ERRORS_ONLY: CheckOptions = {
  rules: /* @__PURE__ */ Object.fromEntries(
    /* @__PURE__ */ contractRules.filter((rule) => rule.severity === "warning").map((rule) => [rule.id, "off"]),
  ) as RuleLevels,
};

/** The `~standard` property for a check: `validate` runs the check and reports its errors. */
export function standardProps<T>(check: (value: unknown, options: CheckOptions) => CheckResult<T>): StandardProps<T> {
  return {
    version: 1,
    vendor: STANDARD_VENDOR,
    validate: (value) => {
      const result = check(value, ERRORS_ONLY);
      return result.valid ? { value: result.value } : { issues: result.issues.map((issue) => standardIssue(issue, value)) };
    },
  };
}
