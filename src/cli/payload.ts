/**
 * One payload's text in, its result out: parsed, checked by the generated `check<Name>`, and every
 * issue placed at the line and column of the offending value.
 */
import { checks } from "../checks.generated.js";
import type { Check } from "../check.js";
import type { Issue } from "../issues.js";
import { pointerPositions, type PointerPosition } from "../../lib/json-locate.js";
import { skipWhitespace } from "../../lib/json-scan.js";
import { parseJson, withoutByteOrderMark } from "../../lib/json-text.js";
import type { CheckSettings, Excerpt, LocatedIssue, PayloadResult } from "./protocol.js";

export type PayloadChecker = (text: string, line?: number) => PayloadResult;

// Wider lines (minified JSON is one line) are shown as a window around the issue.
const EXCERPT_WIDTH = 120;
const EXCERPT_LEAD = 40;

// Shown as `·` in an excerpt: control characters, and the separators some terminals break lines at.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Where the line that goes on at `from` ends (before a CR), if it ends within EXCERPT_WIDTH
 * characters. Only that window is read, so a payload of one long line costs as little per issue as a
 * pretty-printed one.
 */
function lineEndNear(text: string, from: number): number | undefined {
  const window = text.slice(from, from + EXCERPT_WIDTH + 1);
  const newline = window.indexOf("\n");
  const end = newline !== -1 ? from + newline : window.length <= EXCERPT_WIDTH ? text.length : undefined;
  return end !== undefined && end > from && text[end - 1] === "\r" ? end - 1 : end;
}

/** The line that starts at `lineStart`, or a window of it around `offset` when it is long. */
function excerptAt(text: string, lineStart: number, offset: number): Excerpt {
  const lineEnd = offset - lineStart > EXCERPT_WIDTH ? undefined : lineEndNear(text, lineStart);
  const from = lineEnd === undefined ? Math.max(lineStart, offset - EXCERPT_LEAD) : lineStart;
  const end = lineEnd ?? lineEndNear(text, from);
  const shown = `${from > lineStart ? "…" : ""}${text.slice(from, end ?? from + EXCERPT_WIDTH)}${end === undefined ? "…" : ""}`;
  // Tabs and control characters become one visible character each, so the caret lines up.
  return {
    text: shown.replace(CONTROL, (char) => (char === "\t" ? " " : "·")),
    caret: offset - from + (from > lineStart ? 1 : 0),
  };
}

function describeSyntaxError(text: string, message: string, offset: number): string {
  if (skipWhitespace(text, 0) === text.length) return "empty input, expected a JSON value";
  const char = text.charCodeAt(offset);
  // NUL and the replacement character (what undecodable bytes become) mean the bytes are not UTF-8 text.
  if (char === 0 || char === 0xfffd) return `${message}; this looks like binary data, not UTF-8 JSON text`;
  return message;
}

const byPosition = (a: LocatedIssue, b: LocatedIssue) => a.line - b.line || a.column - b.column;

/** Checks payload texts against the schema in `settings`. `line` is an NDJSON payload's line number. */
export function payloadChecker(settings: CheckSettings): PayloadChecker {
  const check: Check<unknown> = checks[settings.schema];
  const options = { rules: settings.rules, maxIssues: settings.maxIssues };

  const place = (text: string, at: PointerPosition, line: number | undefined, issue: Issue): LocatedIssue => {
    const located: LocatedIssue = { ...issue, line: at.line + (line ?? 1) - 1, column: at.column };
    if (settings.excerpts) located.excerpt = excerptAt(text, at.offset - at.column + 1, at.offset);
    return located;
  };

  return (text, line) => {
    text = withoutByteOrderMark(text);
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const message = describeSyntaxError(text, parsed.message, parsed.offset);
      const issue: Issue = { pointer: "", message, rule: "json", severity: "error" };
      return { line, valid: false, truncated: false, issues: [place(text, { offset: parsed.offset, ...parsed.position }, line, issue)] };
    }
    const { valid, truncated, issues } = check(parsed.value, options);
    if (issues.length === 0) return { line, valid, truncated, issues: [] };
    const positions = pointerPositions(
      text,
      issues.map((issue) => issue.pointer),
    );
    // In the order of the text, as a reader goes through the file.
    const located = issues.map((issue, i) => place(text, positions[i]!, line, issue)).sort(byPosition);
    return { line, valid, truncated, issues: located };
  };
}
