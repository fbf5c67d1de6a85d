/**
 * Checking one input file, synchronously, with the same code on the main thread and in workers: a
 * JSON file is read whole; an NDJSON file is read in fixed-size chunks and reported in batches of lines.
 */
import { closeSync, constants, openSync, readFileSync, readSync } from "node:fs";
import { describeFsError } from "./fs-errors.js";
import { isBlank, LineSplitter } from "./lines.js";
import type { PayloadChecker } from "./payload.js";
import type { FileEvent, InputUnit, PayloadResult } from "./protocol.js";

const CHUNK_BYTES = 1 << 20;
/** Payloads per event from an NDJSON file: large enough to be cheap to send, small enough to stream. */
export const BATCH_PAYLOADS = 1000;

const NO_PAYLOADS = "no payloads (every line is blank)";

const unreadable = (unit: InputUnit, reason: string): FileEvent => ({
  index: unit.index,
  payloads: [],
  done: true,
  skipped: { reason, error: true },
});

// One buffer per thread for every JSON file it reads: reading into it is a quarter faster than
// readFileSync, which matters when a run is ten thousand small files. A larger file is read whole.
const readBuffer = Buffer.allocUnsafe(CHUNK_BYTES);

function readText(path: string): string {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    const length = readSync(fd, readBuffer, 0, readBuffer.length, 0);
    if (length < readBuffer.length) return readBuffer.toString("utf8", 0, length);
  } finally {
    closeSync(fd);
  }
  return readFileSync(path, "utf8");
}

function checkJsonFile(unit: InputUnit, check: PayloadChecker): FileEvent {
  let text: string;
  try {
    text = readText(unit.path);
  } catch (error) {
    return unreadable(unit, describeFsError(error, unit.path));
  }
  return { index: unit.index, payloads: [check(text)], done: true };
}

function* checkNdjsonLines(unit: InputUnit, fd: number, check: PayloadChecker): Generator<FileEvent> {
  const splitter = new LineSplitter();
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let payloads: PayloadResult[] = [];
  let total = 0;
  for (let read = readSync(fd, chunk); ; read = readSync(fd, chunk)) {
    for (const line of read === 0 ? splitter.end() : splitter.push(chunk.subarray(0, read))) {
      if (isBlank(line.text)) continue;
      payloads.push(check(line.text, line.number));
      total++;
    }
    if (read === 0) break;
    if (payloads.length >= BATCH_PAYLOADS) {
      yield { index: unit.index, payloads, done: false };
      payloads = [];
    }
  }
  yield { index: unit.index, payloads, done: true, ...(total === 0 && { skipped: { reason: NO_PAYLOADS, error: false } }) };
}

function* checkNdjsonFile(unit: InputUnit, check: PayloadChecker): Generator<FileEvent> {
  let fd: number | undefined;
  try {
    fd = openSync(unit.path, "r");
    yield* checkNdjsonLines(unit, fd, check);
  } catch (error) {
    // Lines already reported stay reported; the file still counts as unreadable.
    yield unreadable(unit, describeFsError(error, unit.path));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The results of one file (standard input is read elsewhere), in events; a file that cannot be read
 * ends with a `skipped` error.
 */
export function checkFile(unit: InputUnit, check: PayloadChecker): Iterable<FileEvent> {
  if (unit.problem !== undefined) return [unreadable(unit, unit.problem)];
  // A JSON file, by far the most common input, goes without a generator's overhead.
  return unit.format === "json" ? [checkJsonFile(unit, check)] : checkNdjsonFile(unit, check);
}
