/**
 * Where the value at a JSON pointer starts in JSON text, so an issue found in a parsed value can be
 * shown at the line and column a person opens. The scan never recurses and reads the text once: it
 * keeps a frame only for each container on the pointer's path and lets the scanner of json-scan.ts
 * skip every other value, so hostile nesting depth costs neither stack nor more than linear time.
 */
import { skipString, skipValue, skipWhitespace } from "./json-scan.js";
import { positionAt, type TextPosition } from "./json-text.js";
import { parsePointer } from "./json-pointer.js";

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const NOT_AN_INDEX = -1;

function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes("\\") ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/** An object or array on the pointer's path that the scan is inside of. */
interface Frame {
  /** How many of the pointer's tokens lead to this container. */
  depth: number;
  closer: "}" | "]";
  /** For an array: the index of the next item. */
  next: number;
}

/**
 * The offset in `text` (JSON that parses) where the value at `pointer` starts. When the pointer names
 * something the text does not hold, such as the property a `required` error is about, the answer is
 * the offset of the deepest value on the pointer's path that does exist. Of duplicate keys the last
 * one counts, as in `JSON.parse`; that is why one pass reads each object to its end.
 */
export function locatePointer(text: string, pointer: string): number {
  const tokens = parsePointer(pointer);
  const indexes = tokens.map((token) => (ARRAY_INDEX.test(token) ? Number(token) : NOT_AN_INDEX));
  let at = skipWhitespace(text, 0);
  // found[d]: where the latest value reached by the first d tokens starts.
  const found = [at];
  const frames: Frame[] = [];
  // Reaching a value on the path forgets what an earlier duplicate of it held, then enters it.
  const reach = (value: number, depth: number): number => {
    found[depth] = value;
    found.length = depth + 1;
    const open = text[value];
    if (depth === tokens.length || (open !== "{" && open !== "[")) return skipValue(text, value);
    frames.push({ depth, closer: open === "{" ? "}" : "]", next: 0 });
    return value + 1;
  };
  at = reach(at, 0);
  while (frames.length > 0) {
    const frame = frames.at(-1)!;
    const before = at;
    at = skipWhitespace(text, at);
    if (text[at] === frame.closer) {
      frames.pop();
      at++;
      continue;
    }
    if (text[at] === ",") at = skipWhitespace(text, at + 1);
    let value = at;
    let onPath: boolean;
    if (frame.closer === "}") {
      const keyEnd = skipString(text, at);
      if (keyEnd === at) break;
      onPath = decodeKey(text, at, keyEnd) === tokens[frame.depth];
      at = skipWhitespace(text, keyEnd);
      if (text[at] !== ":") break;
      value = skipWhitespace(text, at + 1);
    } else {
      onPath = frame.next++ === indexes[frame.depth];
    }
    at = onPath ? reach(value, frame.depth + 1) : skipValue(text, value);
    // Only text that is not JSON can stall the scan.
    if (at === before) break;
  }
  return found.at(-1)!;
}

/** The line and column where the value at `pointer` (or its deepest existing ancestor) starts. */
export function pointerPosition(text: string, pointer: string): TextPosition {
  return positionAt(text, locatePointer(text, pointer));
}
