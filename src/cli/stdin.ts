/**
 * Standard input holds one JSON document or NDJSON, told apart by its first non-blank line: a line
 * that opens a document going on over the next lines (`{`, `{"rooms": {`) starts a document; any
 * other line, a complete value or a broken payload, starts NDJSON. NDJSON streams through line by line,
 * whatever its first line holds; a document is read whole, up to the size limit.
 */
import { parseJson, withoutByteOrderMark } from "../../lib/json-text.js";
import { BatchSize } from "./batch.js";
import { describeFsError } from "./fs-errors.js";
import { isBlank, LineSplitter, type Line } from "./lines.js";
import type { PayloadChecker } from "./payload.js";
import type { FileEvent, InputUnit, PayloadResult } from "./protocol.js";
import { decodeUtf8, type PayloadText } from "./text.js";

/**
 * Whether a first line starts a document: it is not a value by itself, and read with the line end
 * after it, it ends too early rather than breaking JSON's syntax. Only such a line can begin a
 * document that spans lines; a line with a syntax error of its own is a broken NDJSON payload.
 */
function opensDocument(line: Line): boolean {
  if (!("text" in line)) return false;
  const text = `${withoutByteOrderMark(line.text)}\n`;
  const parsed = parseJson(text);
  return !parsed.ok && parsed.offset >= text.length;
}

/** Standard input, in the order of the text: a document once the first line says so, else NDJSON lines. */
export async function* checkStdin(
  unit: InputUnit,
  check: PayloadChecker,
  input: AsyncIterable<Buffer>,
  limit: number,
): AsyncGenerator<FileEvent> {
  let mode = "undecided" as "undecided" | "ndjson" | "document";
  // Every byte, while the input may be a document.
  let held: Buffer[] = [];
  let heldBytes = 0;
  const splitter = new LineSplitter(limit);
  const size = new BatchSize();
  let payloads: PayloadResult[] = [];

  /** Checks NDJSON lines, the first of them deciding whether the input is NDJSON at all. */
  function* take(lines: Iterable<Line>): Generator<FileEvent> {
    for (const line of lines) {
      if (isBlank(line)) continue;
      if (mode === "undecided") {
        if (opensDocument(line)) return void (mode = "document");
        mode = "ndjson";
        held = [];
      }
      const result = check(line, line.number);
      payloads.push(result);
      if (size.add([result])) {
        yield { index: unit.index, payloads, done: false };
        payloads = [];
      }
    }
  }

  try {
    for await (const chunk of input) {
      if (mode !== "ndjson") {
        held.push(chunk);
        heldBytes += chunk.length;
      }
      if (mode !== "document") yield* take(splitter.push(chunk));
      // Past the limit, a document fails unread, and what has not decided yet is no document.
      if (heldBytes > limit && mode === "document") break;
      if (heldBytes > limit && mode === "undecided") {
        mode = "ndjson";
        held = [];
      }
    }
    if (mode !== "document") yield* take(splitter.end());
  } catch (error) {
    yield { index: unit.index, payloads, done: true, skipped: { reason: describeFsError(error, unit.path), error: true } };
    return;
  }
  if (mode === "ndjson") {
    yield { index: unit.index, payloads, done: true };
    return;
  }
  // A document, or input that is empty or blank, which is a syntax error.
  const payload: PayloadText = heldBytes > limit ? { tooLarge: true } : decodeUtf8(Buffer.concat(held));
  yield { index: unit.index, payloads: [check(payload)], done: true };
}
