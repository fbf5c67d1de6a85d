/** Long-poll waits: each capped, ended early by its request's signal, and all ended at once on close. */

export class LongPolls {
  private closed = false;
  private readonly pending = new Set<() => void>();

  /** Resolves after `ms`, when `signal` aborts, or when the polls are closed, whichever comes first. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", end);
        this.pending.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      signal?.addEventListener("abort", end, { once: true });
      this.pending.add(end);
    });
  }

  /** Ends every wait now, and every later one at once. */
  close(): void {
    this.closed = true;
    for (const end of [...this.pending]) end();
  }
}
