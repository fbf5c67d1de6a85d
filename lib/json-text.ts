/**
 * JSON text with positions: where a syntax error is, as a line and column people can jump to. The
 * scanner keeps its own stack, so hostile nesting cannot overflow the call stack.
 */

export interface TextPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units, as editors count them. */
  column: number;
}

export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; offset: number; position: TextPosition };

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

/** `JSON.parse` that reports a syntax error as a value with its position instead of throwing. */
export function parseJson(text: string): JsonParseResult {
  // JSON.parse would read String(text): a caller without types could pass anything.
  if (typeof text !== "string") return { ok: false, message: `JSON text must be a string, not ${jsonTypeOf(text)}`, offset: 0, position: { line: 1, column: 1 } };
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
const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const UNESCAPED = /[^"\\\u0000-\u001f]*/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const LITERAL = /true|false|null/y;

function skip(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : at;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/**
 * The offset past the JSON string that starts at `at`, or `at` when none does. A loop over runs of
 * plain characters: one regular expression for the whole string overflows V8's stack on a string of
 * a few million characters.
 */
function skipString(text: string, at: number): number {
  if (text[at] !== '"') return at;
  let end = at + 1;
  for (;;) {
    end = skip(UNESCAPED, text, end);
    if (text[end] === '"') return end + 1;
    const escaped = skip(ESCAPE, text, end);
    // A control character, a bad escape or the end of the text: no string starts at `at`.
    if (escaped === end) return at;
    end = escaped;
  }
}

function describe(text: string, at: number): string {
  if (at >= text.length) return "Unexpected end of JSON input";
  const char = text.codePointAt(at)!;
  const shown = char < 0x20 || char === 0xfeff ? `U+${char.toString(16).toUpperCase().padStart(4, "0")}` : `'${String.fromCodePoint(char)}'`;
  return `Unexpected character ${shown}`;
}

/**
 * The offset and description of the first syntax error in `text`, found by a strict JSON scan
 * (RFC 8259). Only called on text that `JSON.parse` rejected.
 */
export function findSyntaxError(text: string): { offset: number; message: string } {
  const fail = (at: number, expected?: string) => ({
    offset: at,
    message: expected && at < text.length ? `${describe(text, at)}, expected ${expected}` : describe(text, at),
  });
  /** Past a property name and its colon to where its value starts, or the error found on the way. */
  const skipKey = (from: number) => {
    const key = skipString(text, from);
    if (key === from) return fail(from, "a property name in double quotes");
    const colon = skip(WHITESPACE, text, key);
    if (text[colon] !== ":") return fail(colon, "':'");
    return skip(WHITESPACE, text, colon + 1);
  };
  // Each entry is the closing bracket of a container we are inside of.
  const closers: string[] = [];
  let at = skip(WHITESPACE, text, 0);
  for (;;) {
    // A value starts here.
    const char = text[at];
    if (char === "{" || char === "[") {
      const closer = char === "{" ? "}" : "]";
      at = skip(WHITESPACE, text, at + 1);
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
      const end = char === '"' ? skipString(text, at) : skip(char === "-" || (char! >= "0" && char! <= "9") ? NUMBER : LITERAL, text, at);
      if (end === at) return fail(at, "a JSON value");
      at = end;
    }
    // A value ended here: what may follow it?
    for (;;) {
      at = skip(WHITESPACE, text, at);
      const closer = closers.at(-1);
      if (closer === undefined) return at < text.length ? fail(at, "the end of the input") : { offset: at, message: VALID };
      if (text[at] === closer) {
        closers.pop();
        at++;
        continue;
      }
      if (text[at] !== ",") return fail(at, `',' or '${closer}'`);
      at = skip(WHITESPACE, text, at + 1);
      if (closer === "}") {
        const value = skipKey(at);
        if (typeof value !== "number") return value;
        at = value;
      }
      break;
    }
  }
}
