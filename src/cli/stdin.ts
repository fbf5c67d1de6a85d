/**
 * Standard input holds NDJSON when its first non-blank line is a complete JSON value by itself (a
 * one-line document reads the same either way), and otherwise one JSON document. NDJSON streams
 * through line by line; a document is read whole.
 */
import { withoutByteOrderMark } from "../../lib/json-text.js";
import { BATCH_PAYLOADS } from "./check-file.js";
import { describeFsError } from "./fs-errors.js";
import { isBlank, LineSplitter, type Line } from "./lines.js";
import type { PayloadChecker } from "./payload.js";
import type { FileEvent, InputUnit, PayloadResult } from "./protocol.js";

function isJsonValue(text: string): boolean {
  try {
    JSON.parse(withoutByteOrderMark(text));
    return true;
  } catch {
    return false;
  }
}

export async function* checkStdin(unit: InputUnit, check: PayloadChecker, input: AsyncIterable<Buffer>): AsyncGenerator<FileEvent> {
  // Every byte, until the first line tells NDJSON from a document.
  let held: Buffer[] | undefined = [];
  let document = false;
  const splitter = new LineSplitter();
  let payloads: PayloadResult[] = [];

  /** Checks NDJSON lines; on the first line that is not a value alone, switches to a document. */
  const take = (lines: Iterable<Line>): void => {
    for (const line of lines) {
      if (isBlank(line.text)) continue;
      if (held !== undefined && !isJsonValue(line.text)) {
        document = true;
        return;
      }
      held = undefined;
      payloads.push(check(line.text, line.number));
    }
  };

  try {
    for await (const chunk of input) {
      held?.push(chunk);
      if (document) continue;
      take(splitter.push(chunk));
      if (payloads.length >= BATCH_PAYLOADS) {
        yield { index: unit.index, payloads, done: false };
        payloads = [];
      }
    }
  } catch (error) {
    yield { index: unit.index, payloads, done: true, skipped: { reason: describeFsError(error, unit.path), error: true } };
    return;
  }
  if (!document) take(splitter.end());
  // Still undecided: a document, or input that is empty or blank, which is a syntax error.
  if (held !== undefined) {
    yield { index: unit.index, payloads: [check(Buffer.concat(held).toString("utf8"))], done: true };
    return;
  }
  yield { index: unit.index, payloads, done: true };
}
