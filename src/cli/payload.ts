/**
 * One payload's text in, its result out: parsed, checked by the generated `check<Name>`, and every
 * issue placed at the line and column of the offending value, and shown for people when the format is.
 */
import { checks } from "../checks.generated.js";
import type { Check } from "../check.js";
import { shownPointer, type Issue } from "../issues.js";
import { displayPointer, displayText } from "../../lib/display-text.js";
import { pointerPositions, type PointerPosition } from "../../lib/json-locate.js";
import { skipWhitespace } from "../../lib/json-scan.js";
import { parseJson, positionAt, withoutByteOrderMark } from "../../lib/json-text.js";
import { formatSize } from "./input-size.js";
import type { CheckSettings, Excerpt, LocatedIssue, PayloadResult } from "./protocol.js";
import type { PayloadText } from "./text.js";

export type PayloadChecker = (payload: PayloadText, line?: number) => PayloadResult;

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
  // NUL is UTF-8, but no JSON text holds one outside a string escape: these bytes are binary data.
  if (text.charCodeAt(offset) === 0) return `${message}; this looks like binary data, not UTF-8 JSON text`;
  return message;
}

const byPosition = (a: LocatedIssue, b: LocatedIssue) => a.line - b.line || a.column - b.column;

const failure = (line: number | undefined, issue: LocatedIssue): PayloadResult => ({
  line,
  valid: false,
  truncated: false,
  issues: [issue],
});

/**
 * Checks payloads against the schema in `settings`. `line` is an NDJSON payload's line number. A
 * payload too large to read, or that is not UTF-8, fails with one issue, as one that is not JSON does.
 */
export function payloadChecker(settings: CheckSettings): PayloadChecker {
  const check: Check<unknown> = checks[settings.schema];
  const options = { rules: settings.rules, strict: settings.strict, maxIssues: settings.maxIssues };
  const tooLarge: Issue = {
    pointer: "",
    message: `larger than --max-input-size (${formatSize(settings.maxInputSize)}): not checked`,
    rule: "input-size",
    severity: "error",
  };

  const locate = (issue: Issue, line: number, column: number): LocatedIssue =>
    settings.forPeople
      ? { ...issue, pointer: displayPointer(shownPointer(issue.pointer)), message: displayText(issue.message), line, column }
      : { ...issue, line, column };
  const place = (text: string, at: PointerPosition, line: number | undefined, issue: Issue): LocatedIssue => {
    const located = locate(issue, at.line + (line ?? 1) - 1, at.column);
    if (settings.excerpts) located.excerpt = excerptAt(text, at.offset - at.column + 1, at.offset);
    return located;
  };
  const textIssue = (text: string, offset: number, line: number | undefined, message: string): PayloadResult =>
    failure(line, place(text, { offset, ...positionAt(text, offset) }, line, { pointer: "", message, rule: "json", severity: "error" }));

  return (payload, line) => {
    if ("tooLarge" in payload) return failure(line, locate(tooLarge, line ?? 1, 1));
    const text = withoutByteOrderMark(payload.text);
    const parsed = parseJson(text);
    const invalid = payload.invalid && { ...payload.invalid, offset: payload.invalid.offset - (payload.text.length - text.length) };
    // Whichever comes first in the text: a byte that is not UTF-8, or a syntax error.
    if (invalid !== undefined && (parsed.ok || invalid.offset <= parsed.offset)) {
      const byte = `0x${invalid.byte.toString(16).padStart(2, "0")}`;
      return textIssue(text, invalid.offset, line, `the byte ${byte} is not UTF-8; JSON text must be UTF-8`);
    }
    if (!parsed.ok) return textIssue(text, parsed.offset, line, describeSyntaxError(text, parsed.message, parsed.offset));
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
