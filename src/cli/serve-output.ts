/**
 * What `mock` and `proxy` print while they serve: gathered and written at most every few tens of
 * milliseconds (or once 64 kB are waiting), so that a busy server makes one write per batch of log
 * lines instead of one per request, and a person still sees each line at once. Once the reader has
 * gone away, what is printed is dropped: a log nobody reads is no reason to stop serving.
 */
import type { Sink } from "./output.js";

const FLUSH_AFTER_MS = 50;
const FLUSH_AT = 1 << 16;

export class TimedOutput implements Sink {
  private parts: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: Sink,
    private readonly readerGone: AbortSignal,
  ) {}

  write(text: string): void {
    if (this.readerGone.aborted) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  /** Writes what is waiting now; called on stop, before the last lines. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.parts.length > 0 && !this.readerGone.aborted) this.sink.write(this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
}
