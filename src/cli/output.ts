/** Report text, gathered into large writes: one write per small report line would dominate a big run. */

const FLUSH_AT = 1 << 16;

export interface Sink {
  write(text: string): unknown;
  /** Set on a terminal, which may get colour. */
  isTTY?: boolean;
}

export class Output {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly sink: Sink) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.sink.write(this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
}
