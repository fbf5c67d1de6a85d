/**
 * Exchanges told in the order their answers were complete, whatever order their checks finish in
 * (a `/sync` body waits for the checking thread, a 404 does not), and a way to wait until every
 * exchange begun has been told.
 */
import type { Exchange } from "./exchange.js";

export class InOrder {
  /** Requests begun and not yet told (or given up on). */
  private open = 0;
  private given = 0;
  private told = 0;
  private readonly finished = new Map<number, Exchange | undefined>();
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly tell: (exchange: Exchange) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  begin(): void {
    this.open++;
  }

  /** The request ended without an exchange to tell (no answer was forwarded). */
  abandon(): void {
    this.open--;
    this.wake();
  }

  /** The answer is complete: its place in the order. */
  place(): number {
    return this.given++;
  }

  /** The exchange at its place, or undefined when it could not be made; tells what is next in order. */
  fill(place: number, exchange: Exchange | undefined): void {
    this.finished.set(place, exchange);
    while (this.finished.has(this.told)) {
      const next = this.finished.get(this.told);
      this.finished.delete(this.told++);
      this.open--;
      try {
        if (next !== undefined) this.tell(next);
      } catch (error) {
        this.onError(error);
      }
    }
    this.wake();
  }

  idle(): Promise<void> {
    return this.open === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  private wake(): void {
    if (this.open === 0) for (const resolve of this.waiting.splice(0)) resolve();
  }
}
