/**
 * Where a response cannot be written as JSON (src/response.ts): the walk that finds the place reads
 * properties as `JSON.stringify` does, so `null`, `undefined` and a BigInt with a `toJSON` of its own
 * are passed over as JSON passes them, and only what JSON truly cannot write is reported.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ContractError, parseSyncResponse, serializeSyncResponse } from "../src/index.js";

function issuesOf(value: unknown) {
  try {
    serializeSyncResponse(value as never);
  } catch (error) {
    if (error instanceof ContractError) return error.issues;
    throw error;
  }
  return "written";
}

const bigint = (pointer: string) => ({
  pointer,
  message: "is a BigInt, which JSON cannot write",
  rule: "value:not-json",
  severity: "error",
});

describe("finding what JSON cannot write", () => {
  afterEach(() => {
    delete (BigInt.prototype as { toJSON?: unknown }).toJSON;
  });

  it("passes over null and undefined properties on the way to the BigInt", () => {
    expect(issuesOf({ next_batch: "s1", presence: null, account_data: undefined, rooms: { joined: 1n } })).toEqual([
      bigint("/rooms/joined"),
    ]);
    expect(issuesOf({ next_batch: "s1", rooms: [null, undefined, 2n] })).toEqual([bigint("/rooms/2")]);
  });

  it("applies a BigInt's toJSON as JSON does, and reports the cycle after it", () => {
    // A common way to send BigInts: JSON.stringify then calls BigInt.prototype.toJSON.
    Object.defineProperty(BigInt.prototype, "toJSON", { value: String, configurable: true, writable: true });
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(issuesOf({ next_batch: "s1", account_data: 5n, rooms: cycle })).toEqual([
      { pointer: "/rooms/self", message: "contains itself, a cycle JSON cannot write", rule: "value:not-json", severity: "error" },
    ]);
  });
});

describe("parsing what is not text", () => {
  it("answers a caller without types who passes a number with one json issue", () => {
    expect(parseSyncResponse(42 as never)).toEqual({
      valid: false,
      truncated: false,
      issues: [{ pointer: "", message: "JSON text must be a string, not a number", rule: "json", severity: "error", line: 1, column: 1 }],
    });
  });
});
