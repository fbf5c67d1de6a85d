/**
 * How results are grouped on their way to the report: a batch ends at BATCH_PAYLOADS payloads, large
 * enough to be cheap to send between threads, or at BATCH_TEXT characters of issue text, so that a
 * batch never holds more than a bounded amount of report however long the pointers of the json
 * format (which keeps them exact) are.
 */
import type { PayloadResult } from "./protocol.js";

const BATCH_PAYLOADS = 1000;
const BATCH_TEXT = 1 << 22;

export class BatchSize {
  private payloads = 0;
  private text = 0;

  /** Counts the payloads in; true when the batch is full, which starts the next one. */
  add(results: readonly PayloadResult[]): boolean {
    for (const result of results) {
      this.payloads++;
      for (const issue of result.issues) this.text += issue.pointer.length + issue.message.length;
    }
    if (this.payloads < BATCH_PAYLOADS && this.text < BATCH_TEXT) return false;
    this.payloads = 0;
    this.text = 0;
    return true;
  }
}
