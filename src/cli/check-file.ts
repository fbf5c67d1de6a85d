/**
 * Checking one input file, synchronously, with the same code on the main thread and in workers: a
 * JSON file is read whole, up to the size limit; an NDJSON file is read in fixed-size chunks and
 * reported in batches of lines. Files are read from where they start, never at an offset, so a pipe,
 * a FIFO or a device named on the command line (`<(…)`, `/dev/stdin`) reads as well as a file does.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { BatchSize } from "./batch.js";
import { describeFsError } from "./fs-errors.js";
import { isBlank, LineSplitter } from "./lines.js";
import type { PayloadChecker } from "./payload.js";
import { fsPath, type FileEvent, type InputUnit, type PayloadResult } from "./protocol.js";
import { decodeUtf8, type PayloadText } from "./text.js";

const CHUNK_BYTES = 1 << 20;

const unreadable = (unit: InputUnit, reason: string): FileEvent => ({
  index: unit.index,
  payloads: [],
  done: true,
  skipped: { reason, error: true },
});

// One buffer per thread for every small JSON file it reads: reading into it is a quarter faster than
// allocating one per file, which matters when a run is ten thousand small files.
const readBuffer = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * The bytes of the open file, or undefined once there are more than `limit`. A regular file's size
 * says up front whether it fits, and how much to read into; anything else is read until it ends. A
 * small file's bytes are a view of the shared buffer, valid until the next read.
 */
function readAll(fd: number, limit: number): Buffer | undefined {
  const stats = fstatSync(fd);
  if (stats.isFile() && stats.size > limit) return undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  let buffer = stats.isFile() && stats.size >= readBuffer.length ? Buffer.allocUnsafe(stats.size + 1) : readBuffer;
  let filled = 0;
  for (let read; (read = readSync(fd, buffer, filled, buffer.length - filled, null)) > 0;) {
    filled += read;
    total += read;
    if (total > limit) return undefined;
    if (filled === buffer.length) {
      chunks.push(buffer === readBuffer ? Buffer.from(buffer) : buffer);
      buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      filled = 0;
    }
  }
  const last = buffer.subarray(0, filled);
  return chunks.length === 0 ? last : Buffer.concat([...chunks, last]);
}

function readPayload(unit: InputUnit, limit: number): PayloadText {
  const fd = openSync(fsPath(unit.path), "r");
  try {
    const bytes = readAll(fd, limit);
    return bytes === undefined ? { tooLarge: true } : decodeUtf8(bytes);
  } finally {
    closeSync(fd);
  }
}

function checkJsonFile(unit: InputUnit, check: PayloadChecker, limit: number): FileEvent {
  let payload: PayloadText;
  try {
    payload = readPayload(unit, limit);
  } catch (error) {
    return unreadable(unit, describeFsError(error, unit.path));
  }
  return { index: unit.index, payloads: [check(payload)], done: true };
}

function* checkNdjsonLines(unit: InputUnit, fd: number, check: PayloadChecker, limit: number): Generator<FileEvent> {
  const splitter = new LineSplitter(limit);
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  const size = new BatchSize();
  let payloads: PayloadResult[] = [];
  let lines = 0;
  for (let read = readSync(fd, chunk); ; read = readSync(fd, chunk)) {
    for (const line of read === 0 ? splitter.end() : splitter.push(chunk.subarray(0, read))) {
      if (isBlank(line)) continue;
      const result = check(line, line.number);
      payloads.push(result);
      lines++;
      if (size.add([result])) {
        yield { index: unit.index, payloads, done: false };
        payloads = [];
      }
    }
    if (read === 0) break;
  }
  // A file without a payload fails as an empty JSON file does: it is no fixture.
  if (lines === 0) payloads.push(check({ text: "" }));
  yield { index: unit.index, payloads, done: true };
}

function* checkNdjsonFile(unit: InputUnit, check: PayloadChecker, limit: number): Generator<FileEvent> {
  let fd: number | undefined;
  try {
    fd = openSync(fsPath(unit.path), "r");
    yield* checkNdjsonLines(unit, fd, check, limit);
  } catch (error) {
    // Lines already reported stay reported; the file still counts as unreadable.
    yield unreadable(unit, describeFsError(error, unit.path));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The results of one file (standard input is read elsewhere), in events; a file that cannot be read
 * ends with a `skipped` error. `limit` is the most bytes a payload may have.
 */
export function checkFile(unit: InputUnit, check: PayloadChecker, limit: number): Iterable<FileEvent> {
  if (unit.skipped !== undefined) return [{ index: unit.index, payloads: [], done: true, skipped: unit.skipped }];
  // A JSON file, by far the most common input, goes without a generator's overhead.
  return unit.format === "json" ? [checkJsonFile(unit, check, limit)] : checkNdjsonFile(unit, check, limit);
}
