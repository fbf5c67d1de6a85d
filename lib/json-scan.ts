/**
 * The one JSON text scanner: offsets past whitespace, a string, a number or literal, a whole value.
 * Both readers of raw text stand on it: json-text.ts, which finds where a syntax error is and so checks
 * every character (`skipString`, `skipScalar`), and json-locate.ts, which reads text that parsed and
 * so only looks for where each value ends (`skipValue`). Every loop here is flat and no pattern can
 * backtrack, so hostile input costs neither stack nor more than linear time.
 */

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
// JSON strings may not hold control characters unescaped.
// eslint-disable-next-line no-control-regex
const UNESCAPED = /[^"\\\u0000-\u001f]*/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const BACKSLASH = 0x5c;
// Inside a container: a run of characters that neither opens nor closes a string or a container.
const PLAIN = /[^"[\]{}]*/y;

/** The offset past what `pattern` (sticky) matches at `at`, or `at` when it does not match there. */
function skip(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : at;
}

/** The offset of the first character at or after `at` that is not JSON whitespace. */
export function skipWhitespace(text: string, at: number): number {
  return skip(WHITESPACE, text, at);
}

/**
 * The offset past the JSON string that starts at `at`, or `at` when none does (a control character,
 * a bad escape or the end of the text comes first). A loop over runs of plain characters: one
 * regular expression for the whole string overflows V8's stack on a string of a few million characters.
 */
export function skipString(text: string, at: number): number {
  if (text[at] !== '"') return at;
  let end = at + 1;
  for (;;) {
    end = skip(UNESCAPED, text, end);
    if (text[end] === '"') return end + 1;
    const escaped = skip(ESCAPE, text, end);
    if (escaped === end) return at;
    end = escaped;
  }
}

/** The offset past the string, number, `true`, `false` or `null` that starts at `at`, or `at` when none does. */
export function skipScalar(text: string, at: number): number {
  const char = text[at];
  if (char === '"') return skipString(text, at);
  return skip(char === "-" || (char !== undefined && char >= "0" && char <= "9") ? NUMBER : LITERAL, text, at);
}

/**
 * The offset past the string that starts at `at`, in text known to be JSON: only its closing quote is
 * looked for, not checked on the way as `skipString` does, which is several times faster on the
 * strings that make up most of a payload. A string that does not end runs to the end of the text.
 */
function skipKnownString(text: string, at: number): number {
  for (let quote = text.indexOf('"', at + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
  }
  return text.length;
}

/**
 * The offset past the value that starts at `at`, in text known to be JSON. A container is skipped by
 * counting brackets, outside strings, rather than read value by value: nothing inside it is needed.
 * On text that is not JSON the answer is never before `at`.
 */
export function skipValue(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return skipKnownString(text, at);
  if (first !== "{" && first !== "[") return skipScalar(text, at);
  let depth = 0;
  while (at < text.length) {
    const char = text[at];
    if (char === '"') {
      at = skipKnownString(text, at);
    } else if (char === "{" || char === "[") {
      depth++;
      at++;
    } else if (char === "}" || char === "]") {
      at++;
      if (--depth === 0) return at;
    } else {
      at = skip(PLAIN, text, at);
    }
  }
  return at;
}
