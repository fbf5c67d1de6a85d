/**
 * OrderedResults: results arrive from the worker threads in any order, and the reports get them in
 * input order, with the run's counts. Driven in-process with a reporter that records its calls.
 */
import { describe, expect, it } from "vitest";
import type { Reporter } from "../src/cli/formats/reporter.js";
import type { FileEvent, InputUnit, PayloadResult } from "../src/cli/protocol.js";
import { OrderedResults } from "../src/cli/results.js";

const unit = (index: number): InputUnit => ({ index, path: `${index}.ndjson`, display: `${index}.ndjson`, format: "ndjson" });
const units = [unit(0), unit(1), unit(2)];
const pass = (line: number): PayloadResult => ({ line, valid: true, issues: [], truncated: false });
const fail = (line: number): PayloadResult => ({
  line,
  valid: false,
  truncated: false,
  issues: [
    { pointer: "", message: "must be object", rule: "schema:type", severity: "error", line, column: 1 },
    { pointer: "/x", message: "odd", rule: "unknown-key", severity: "warning", line, column: 2 },
    { pointer: "/y", message: "odd", rule: "unknown-key", severity: "warning", line, column: 3 },
  ],
});

function recorder() {
  const calls: string[] = [];
  const warnings: string[] = [];
  const reporter: Reporter = {
    payload: (input, result) => calls.push(`payload ${input.index}:${result.line} ${result.valid ? "pass" : "fail"}`),
    endFile: (input, summary) => calls.push(`end ${input.index} ${JSON.stringify(summary)}`),
    end: () => calls.push("end"),
  };
  return { calls, warnings, results: new OrderedResults(units, reporter, (line) => warnings.push(line)) };
}

describe("OrderedResults", () => {
  it("holds later inputs' events, partial ones included, until the earlier inputs end, then reports them in order", () => {
    const { calls, results } = recorder();
    const events: FileEvent[] = [
      { index: 2, payloads: [pass(1)], done: true },
      { index: 1, payloads: [pass(1)], done: false },
      { index: 1, payloads: [fail(2)], done: false },
      { index: 1, payloads: [pass(3)], done: true },
      { index: 0, payloads: [fail(1)], done: false },
    ];
    for (const event of events) results.accept(event);
    expect(calls).toEqual(["payload 0:1 fail"]);
    expect(results.finished).toBe(0);
    results.accept({ index: 0, payloads: [pass(2)], done: true });
    expect(calls).toEqual([
      "payload 0:1 fail",
      "payload 0:2 pass",
      'end 0 {"passed":1,"failed":1}',
      "payload 1:1 pass",
      "payload 1:2 fail",
      "payload 1:3 pass",
      'end 1 {"passed":2,"failed":1}',
      "payload 2:1 pass",
      'end 2 {"passed":1,"failed":0}',
    ]);
    expect(results.finished).toBe(3);
    expect(results.totals).toEqual({ passed: 4, failed: 2, skipped: 0, warnings: 4 });
    expect(results.unreadable).toBe(0);
  });

  it("counts a skipped input, and one that could not be read as unreadable, with a warning naming it", () => {
    const { calls, warnings, results } = recorder();
    results.accept({ index: 0, payloads: [], done: true, skipped: { reason: "a pipe", error: false } });
    results.accept({ index: 1, payloads: [], done: true, skipped: { reason: "permission denied", error: true } });
    expect(calls).toEqual([
      'end 0 {"passed":0,"failed":0,"skipped":{"reason":"a pipe","error":false}}',
      'end 1 {"passed":0,"failed":0,"skipped":{"reason":"permission denied","error":true}}',
    ]);
    expect(warnings).toEqual(["cannot read 1.ndjson: permission denied"]);
    expect(results.totals).toEqual({ passed: 0, failed: 0, skipped: 2, warnings: 0 });
    expect(results.unreadable).toBe(1);
    expect(results.finished).toBe(2);
  });
});
