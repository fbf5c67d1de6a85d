/**
 * What a check reports: issues with JSON pointers, the options and results of every `check<Name>`,
 * how an issue is written for people, and the error thrown when a payload must be valid.
 */

import { DISPLAY_LIMIT, displayPointer, displayText, escapeControls, shorten } from "../lib/display-text.js";
import type { RuleLevels } from "./rule-options.js";

export type Severity = "error" | "warning";

export interface Issue {
  /** RFC 6901 JSON pointer to the offending value in the payload (`""` is the payload itself). */
  pointer: string;
  message: string;
  /**
   * `schema:<keyword>` for a schema violation, `json` for unparseable text, a prose rule's id,
   * `value:unreadable` where reading the value threw (a getter, a Proxy trap, a `toJSON`),
   * `value:not-json` where JSON cannot write it, or `url:<problem>` for what `buildSyncUrl` refuses.
   */
  rule: string;
  /** Warnings never make a payload invalid. */
  severity: Severity;
  /** For `json` issues: where in the text the syntax error is (1-based). */
  line?: number;
  column?: number;
}

export interface CheckOptions {
  /**
   * The rules applied beside the schema: `true` (the default) each at its default severity, `false`
   * none, or a level per rule id (`{ "invite-state-keys": "warning", "event-map-unreferenced": "off" }`),
   * the others at their default. An id that names no rule is a `TypeError`.
   */
  rules?: boolean | RuleLevels | undefined;
  /** Report each key the spec does not name, where a schema lists its keys (rule `unknown-key`, a warning by default). */
  strict?: boolean | undefined;
  /** Report at most this many issues (default 100); `truncated` says when more were found. */
  maxIssues?: number | undefined;
}

export type CheckResult<T> =
  { valid: true; value: T; issues: Issue[]; truncated: boolean } | { valid: false; issues: Issue[]; truncated: boolean };

export const DEFAULT_MAX_ISSUES = 100;

/** A pointer as people read it: the empty pointer, the payload itself, would show as nothing. */
export const shownPointer = (pointer: string): string => pointer || "(root)";

/**
 * A value from input quoted in an issue's message: as JSON writes a string, shortened to what a
 * pointer token may show, and with the control characters JSON leaves raw (DEL, C1, U+2028) escaped.
 * The pointer of the issue keeps the exact value.
 */
export const quoted = (text: string): string => escapeControls(JSON.stringify(shorten(text, DISPLAY_LIMIT / 2)));

/** What was thrown, for an issue's message, without throwing again (a message getter may throw too). */
export function describeThrown(thrown: unknown): string {
  try {
    return displayText(thrown instanceof Error ? thrown.message : String(thrown));
  } catch {
    return "an exception that cannot be shown";
  }
}

/**
 * One line per issue: `<pointer>: <message> (<rule>)`, the pointer shown as `(root)` when empty.
 * Pointers, messages and rules are shown through lib/display-text.ts, so a room ID with a newline
 * cannot forge a line, and a megabyte-long one takes a hundred characters.
 */
export function formatIssues(issues: readonly Issue[]): string {
  return issues
    .map(
      (issue) =>
        `${issue.severity === "warning" ? "warning " : ""}${displayPointer(shownPointer(issue.pointer))}: ` +
        `${displayText(issue.message)} (${displayText(issue.rule)})`,
    )
    .join("\n");
}

/** The most errors a `ContractError` message lists; its `issues` keep them all. */
const LISTED_ERRORS = 20;

/** Thrown where a value had to satisfy the contract and did not; `issues` says where and why, with exact pointers. */
export class ContractError extends Error {
  override name = "ContractError";
  constructor(
    readonly schema: string,
    readonly issues: readonly Issue[],
  ) {
    const errors = issues.filter((issue) => issue.severity === "error");
    const count = `${errors.length} ${errors.length === 1 ? "error" : "errors"}`;
    const more = errors.length > LISTED_ERRORS ? `\n  … ${errors.length - LISTED_ERRORS} more in the error's issues` : "";
    const listed = formatIssues(errors.slice(0, LISTED_ERRORS)).replace(/^/gm, "  ");
    super(`${displayText(schema)} breaks the contract (${count}):\n${listed}${more}`);
  }
}
