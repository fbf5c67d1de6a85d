/**
 * One payload's text in, its result out: parsed, checked by the generated `check<Name>`, and every
 * issue placed at the line and column of the offending value.
 */
import { checks } from "../checks.generated.js";
import type { Check } from "../check.js";
import type { Issue } from "../issues.js";
import { locatePointer } from "../../lib/json-locate.js";
import { skipWhitespace } from "../../lib/json-scan.js";
import { parseJson, positionAt, withoutByteOrderMark } from "../../lib/json-text.js";
import type { CheckSettings, Excerpt, LocatedIssue, PayloadResult } from "./protocol.js";

export type PayloadChecker = (text: string, line?: number) => PayloadResult;

// Wider lines (minified JSON is one line) are shown as a window around the issue.
const EXCERPT_WIDTH = 120;
const EXCERPT_LEAD = 40;

function excerptAt(text: string, offset: number): Excerpt {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const newline = text.indexOf("\n", offset);
  let end = newline === -1 ? text.length : newline;
  if (text[end - 1] === "\r") end--;
  let from = start;
  let to = end;
  if (to - from > EXCERPT_WIDTH) {
    from = Math.max(start, offset - EXCERPT_LEAD);
    to = Math.min(end, from + EXCERPT_WIDTH);
  }
  const shown = `${from > start ? "…" : ""}${text.slice(from, to)}${to < end ? "…" : ""}`;
  // Tabs and control characters become one visible character each, so the caret lines up.
  return {
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    text: shown.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => (char === "\t" ? " " : "·")),
    caret: offset - from + (from > start ? 1 : 0),
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

  const place = (text: string, offset: number, line: number | undefined, issue: Issue): LocatedIssue => {
    const position = positionAt(text, offset);
    const located: LocatedIssue = { ...issue, line: position.line + (line ?? 1) - 1, column: position.column };
    if (settings.excerpts) located.excerpt = excerptAt(text, offset);
    return located;
  };

  return (text, line) => {
    text = withoutByteOrderMark(text);
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const message = describeSyntaxError(text, parsed.message, parsed.offset);
      const issue: Issue = { pointer: "", message, rule: "json", severity: "error" };
      return { line, valid: false, truncated: false, issues: [place(text, parsed.offset, line, issue)] };
    }
    const { valid, truncated, issues } = check(parsed.value, options);
    if (issues.length === 0) return { line, valid, truncated, issues: [] };
    // In the order of the text, as a reader goes through the file.
    const located = issues.map((issue) => place(text, locatePointer(text, issue.pointer), line, issue)).sort(byPosition);
    return { line, valid, truncated, issues: located };
  };
}
