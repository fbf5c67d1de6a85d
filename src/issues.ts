/**
 * What a check reports: issues with JSON pointers, the options and results of every `check<Name>`,
 * how an issue is written for people, and the error thrown when a payload must be valid.
 */

export type Severity = "error" | "warning";

export interface Issue {
  /** RFC 6901 JSON pointer to the offending value in the payload (`""` is the payload itself). */
  pointer: string;
  message: string;
  /** `schema:<keyword>` for a schema violation, `json` for unparseable text, or a prose rule's id. */
  rule: string;
  /** Warnings never make a payload invalid. */
  severity: Severity;
  /** For `json` issues: where in the text the syntax error is (1-based). */
  line?: number;
  column?: number;
}

export interface CheckOptions {
  /** Apply the spec's prose rules as well as its schema (default true). */
  rules?: boolean;
  /** Report at most this many issues (default 100); `truncated` says when more were found. */
  maxIssues?: number;
}

export type CheckResult<T> =
  { valid: true; value: T; issues: Issue[]; truncated: boolean } | { valid: false; issues: Issue[]; truncated: boolean };

export const DEFAULT_MAX_ISSUES = 100;

/** A pointer as people read it: the empty pointer, the payload itself, would show as nothing. */
export const shownPointer = (pointer: string): string => pointer || "(root)";

/** One line per issue: `<pointer>: <message> (<rule>)`, the pointer shown as `(root)` when empty. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => `${issue.severity === "warning" ? "warning " : ""}${shownPointer(issue.pointer)}: ${issue.message} (${issue.rule})`)
    .join("\n");
}

/** Thrown where a value had to satisfy the contract and did not; `issues` says where and why. */
export class ContractError extends Error {
  override name = "ContractError";
  constructor(
    readonly schema: string,
    readonly issues: readonly Issue[],
  ) {
    const errors = issues.filter((issue) => issue.severity === "error");
    const count = `${errors.length} ${errors.length === 1 ? "error" : "errors"}`;
    super(`${schema} breaks the contract (${count}):\n${formatIssues(errors).replace(/^/gm, "  ")}`);
  }
}
