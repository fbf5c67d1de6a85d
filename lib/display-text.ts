/**
 * Strings from input, made safe and short for text a person reads: a terminal, a log line, a CI
 * annotation, an error message. File names, room and event IDs and echoed values may hold newlines
 * (a forged log line or `::error` workflow command), terminal escapes, or megabytes of text; shown
 * through these helpers, each stays on its line, inert and bounded. Machine formats (JSON) keep the
 * exact text and do not use them.
 */

/** The longest piece of input shown whole; longer ones keep their start and end around an ellipsis. */
export const DISPLAY_LIMIT = 200;

// C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators, which some terminals
// and JavaScript treat as line breaks. Matching control characters is the point of this expression.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  // Stryker disable next-line EqualityOperator: no character UNSAFE matches is U+00FF, so < and <= escape the same ones
  return NAMED[character] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
}

/** The text with every control character written as an escape (`\n`, `\x1b`, `\u2028`), so it prints on one line and changes no terminal state. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}

/** At most `limit` characters of the text: its start and end with `…` between, never splitting a surrogate pair. */
export function shorten(text: string, limit = DISPLAY_LIMIT): string {
  if (text.length <= limit) return text;
  const keep = Math.max(1, limit - 1);
  let head = Math.ceil(keep / 2);
  let tail = keep - head;
  if (isHighSurrogate(text.charCodeAt(head - 1))) head--;
  if (tail > 0 && isLowSurrogate(text.charCodeAt(text.length - tail))) tail--;
  return `${text.slice(0, head)}…${tail > 0 ? text.slice(text.length - tail) : ""}`;
}

/** A piece of input as a person should see it: shortened, then escaped. */
export function displayText(text: string, limit = DISPLAY_LIMIT): string {
  return escapeControls(shorten(text, limit));
}

/**
 * A JSON pointer as a person should see it: each token shortened on its own (a 1 MB room ID repeated
 * in a hundred pointers would otherwise be a hundred megabytes), then the whole escaped.
 */
export function displayPointer(pointer: string, tokenLimit = DISPLAY_LIMIT / 2): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; no token of a pointer this short is over the limit
  if (pointer.length <= tokenLimit) return escapeControls(pointer);
  return escapeControls(
    pointer
      .split("/")
      .map((token) => shorten(token, tokenLimit))
      .join("/"),
  );
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
