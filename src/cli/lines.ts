/**
 * NDJSON (JSON Lines) read as it arrives: bytes in, numbered lines out, holding no more than the line
 * being read, so a capture of any size streams through in flat memory.
 */

export interface Line {
  /** 1-based line number in the file. */
  number: number;
  text: string;
}

const NEWLINE = 0x0a;
const BLANK = /^[ \t\r]*$/;

/** JSON Lines may separate payloads with blank lines; they hold no payload. */
export const isBlank = (text: string): boolean => BLANK.test(text);

export class LineSplitter {
  private partial: Buffer[] = [];
  private count = 0;

  /** The lines that `chunk` completes. The chunk may be reused by the caller afterwards. */
  *push(chunk: Buffer): Generator<Line> {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const tail = chunk.subarray(start, end);
      const bytes = this.partial.length === 0 ? tail : Buffer.concat([...this.partial, tail]);
      this.partial = [];
      start = end + 1;
      yield this.line(bytes);
    }
    if (start < chunk.length) this.partial.push(Buffer.from(chunk.subarray(start)));
  }

  /** The last line, when the input does not end with a newline. */
  *end(): Generator<Line> {
    if (this.partial.length === 0) return;
    const bytes = Buffer.concat(this.partial);
    this.partial = [];
    yield this.line(bytes);
  }

  private line(bytes: Buffer): Line {
    this.count++;
    let text = bytes.toString("utf8");
    if (text.endsWith("\r")) text = text.slice(0, -1);
    return { number: this.count, text };
  }
}
