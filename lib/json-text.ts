/**
 * JSON text as people see it: `parseJson`, which reports a syntax error as a value with the line and
 * column to jump to instead of throwing, and `positionAt`, which turns any offset into that line and
 * column; and `withoutByteOrderMark`, for the readers that ignore one. The syntax error is found by a
 * strict scan over the primitives of json-scan.ts that keeps its own stack of open containers, so
 * hostile nesting cannot overflow the call stack.
 */
import { skipScalar, skipString, skipWhitespace } from "./json-scan.js";

export interface TextPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units, as editors count them. */
  column: number;
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string; offset: number; position: TextPosition };

/** The line and column of a character offset in `text`. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const BYTE_ORDER_MARK = 0xfeff;

/**
 * `text` without a leading byte-order mark, which RFC 8259 lets a reader ignore. Where it is dropped
 * is the caller's choice: `parseJson` itself reports one as a syntax error, as `JSON.parse` does.
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
}

/** `JSON.parse` that reports a syntax error as a value with its position instead of throwing. */
export function parseJson(text: string): JsonParseResult {
  // JSON.parse would read String(text): a caller without types could pass anything.
  if (typeof text !== "string") {
    return { ok: false, message: `JSON text must be a string, not ${jsonTypeOf(text)}`, offset: 0, position: { line: 1, column: 1 } };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // V8's messages name a position only for some errors, so the scanner finds it.
    const found = findSyntaxError(text);
    const message = found.message === VALID ? (error as Error).message : found.message;
    return { ok: false, message, offset: found.offset, position: positionAt(text, found.offset) };
  }
}

const VALID = "Valid JSON";

function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function describe(text: string, at: number): string {
  if (at >= text.length) return "Unexpected end of JSON input";
  const char = text.codePointAt(at)!;
  if (char >= 0x20 && char !== BYTE_ORDER_MARK) return `Unexpected character '${String.fromCodePoint(char)}'`;
  return `Unexpected character U+${char.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The offset and description of the first syntax error in `text`, found by a strict JSON scan
 * (RFC 8259). Only called on text that `JSON.parse` rejected.
 */
function findSyntaxError(text: string): { offset: number; message: string } {
  const fail = (at: number, expected?: string) => ({
    offset: at,
    message: expected && at < text.length ? `${describe(text, at)}, expected ${expected}` : describe(text, at),
  });
  /** Past a property name and its colon to where its value starts, or the error found on the way. */
  const skipKey = (from: number) => {
    const key = skipString(text, from);
    if (key === from) return fail(from, "a property name in double quotes");
    const colon = skipWhitespace(text, key);
    if (text[colon] !== ":") return fail(colon, "':'");
    return skipWhitespace(text, colon + 1);
  };
  // Each entry is the closing bracket of a container we are inside of.
  const closers: string[] = [];
  let at = skipWhitespace(text, 0);
  for (;;) {
    // A value starts here.
    const char = text[at];
    if (char === "{" || char === "[") {
      const closer = char === "{" ? "}" : "]";
      at = skipWhitespace(text, at + 1);
      if (text[at] === closer) {
        at++;
      } else {
        closers.push(closer);
        if (closer === "}") {
          const value = skipKey(at);
          if (typeof value !== "number") return value;
          at = value;
        }
        continue;
      }
    } else {
      const end = skipScalar(text, at);
      if (end === at) return fail(at, "a JSON value");
      at = end;
    }
    // A value ended here: what may follow it?
    for (;;) {
      at = skipWhitespace(text, at);
      const closer = closers.at(-1);
      if (closer === undefined) return at < text.length ? fail(at, "the end of the input") : { offset: at, message: VALID };
      if (text[at] === closer) {
        closers.pop();
        at++;
        continue;
      }
      if (text[at] !== ",") return fail(at, `',' or '${closer}'`);
      at = skipWhitespace(text, at + 1);
      if (closer === "}") {
        const value = skipKey(at);
        if (typeof value !== "number") return value;
        at = value;
      }
      break;
    }
  }
}
