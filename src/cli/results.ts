/**
 * Results arrive from several threads in any order, and reports want them in input order: events of
 * inputs ahead of the one being reported wait here, and are passed on, with counts, in turn.
 */
import type { Reporter, Totals } from "./formats/reporter.js";
import type { FileEvent, InputUnit } from "./protocol.js";

export class OrderedResults {
  readonly totals: Totals = { passed: 0, failed: 0, skipped: 0, warnings: 0 };
  /** Inputs that could not be read, which fail the run with exit code 2. */
  unreadable = 0;
  private next = 0;
  private readonly waiting = new Map<number, FileEvent[]>();
  private file = { passed: 0, failed: 0 };

  constructor(
    private readonly units: readonly InputUnit[],
    private readonly reporter: Reporter,
    private readonly warn: (line: string) => void,
  ) {}

  /** How many inputs have been reported to their end. */
  get finished(): number {
    return this.next;
  }

  accept(event: FileEvent): void {
    if (event.index !== this.next) {
      const queued = this.waiting.get(event.index);
      if (queued === undefined) this.waiting.set(event.index, [event]);
      else queued.push(event);
      return;
    }
    // Only the last event of an input is `done`, so what waited for the next input comes out in order.
    let current: FileEvent | undefined = event;
    while (current !== undefined && this.deliver(current)) {
      const queued = this.waiting.get(this.next);
      this.waiting.delete(this.next);
      current = queued?.pop();
      for (const earlier of queued ?? []) this.deliver(earlier);
    }
  }

  /** Reports the event; true when it ended its input. */
  private deliver(event: FileEvent): boolean {
    const unit = this.units[event.index]!;
    for (const payload of event.payloads) {
      this.reporter.payload(unit, payload);
      if (payload.valid) this.file.passed++;
      else this.file.failed++;
      for (const issue of payload.issues) if (issue.severity === "warning") this.totals.warnings++;
    }
    if (!event.done) return false;
    const { skipped } = event;
    if (skipped !== undefined) this.totals.skipped++;
    if (skipped?.error) {
      this.unreadable++;
      this.warn(`cannot read ${unit.display}: ${skipped.reason}`);
    }
    this.reporter.endFile(unit, { ...this.file, ...(skipped !== undefined && { skipped }) });
    this.totals.passed += this.file.passed;
    this.totals.failed += this.file.failed;
    this.file = { passed: 0, failed: 0 };
    this.next++;
    return true;
  }
}
