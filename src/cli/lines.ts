/**
 * NDJSON (JSON Lines) read as it arrives: bytes in, numbered lines out, holding no more than the line
 * being read, so a capture of any size streams through in flat memory. A line longer than the limit
 * is not held at all: its bytes are counted and dropped, and it comes out as too large.
 */
import { decodeUtf8, type PayloadText } from "./text.js";

export type Line = PayloadText & {
  /** 1-based line number in the file. */
  number: number;
};

const NEWLINE = 0x0a;
const CR = 0x0d;
const BLANK = /^[ \t\r]*$/;

/** JSON Lines may separate payloads with blank lines; they hold no payload. */
export const isBlank = (line: PayloadText): boolean => "text" in line && BLANK.test(line.text);

export class LineSplitter {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private count = 0;

  /** @param limit The most bytes a line may have (without its line end). */
  constructor(private readonly limit = Infinity) {}

  /** The lines that `chunk` completes. The chunk may be reused by the caller afterwards. */
  *push(chunk: Buffer): Generator<Line> {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const tail = chunk.subarray(start, end);
      start = end + 1;
      yield this.line(tail);
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
  }

  /** The last line, when the input does not end with a newline. */
  *end(): Generator<Line> {
    if (this.partialBytes > 0) yield this.line(Buffer.alloc(0));
  }

  /** Keeps the start of a line, unless the line is already too long to check. */
  private hold(bytes: Buffer): void {
    this.partialBytes += bytes.length;
    if (this.partialBytes > this.limit + 1) this.partial = [];
    else this.partial.push(Buffer.from(bytes));
  }

  private line(tail: Buffer): Line {
    this.count++;
    const size = this.partialBytes + tail.length;
    const bytes = this.partial.length === 0 ? tail : Buffer.concat([...this.partial, tail]);
    this.partial = [];
    this.partialBytes = 0;
    // A CR before the newline is part of the line end, not of the payload.
    const end = size > 0 && bytes[bytes.length - 1] === CR ? 1 : 0;
    if (size - end > this.limit) return { number: this.count, tooLarge: true };
    return { number: this.count, ...decodeUtf8(bytes.subarray(0, bytes.length - end)) };
  }
}
