/**
 * A ContractError's message, as a person reads it in a stack trace: how many errors, in the singular
 * for one, each error listed up to twenty, warnings left to `issues`; and what a check says when
 * even the exception it caught cannot be shown.
 */
import { describe, expect, it } from "vitest";
import { assertSyncResponse, checkSyncResponse, ContractError, examples, type Issue } from "../src/index.js";

const thrownBy = (run: () => void): ContractError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error("nothing was thrown");
};

const error = (pointer: string): Issue => ({ pointer, message: "must be string", rule: "schema:type", severity: "error" });

describe("ContractError", () => {
  it("one error: counted in the singular, and the error is named ContractError", () => {
    const thrown = thrownBy(() => assertSyncResponse({ ...examples.SyncResponse, next_batch: 1 }));
    expect(thrown.name).toBe("ContractError");
    expect(thrown.schema).toBe("SyncResponse");
    expect(thrown.message).toBe("SyncResponse breaks the contract (1 error):\n  /next_batch: must be string (schema:type)");
  });

  it("an error beside a warning: the message counts and lists the error only; issues keep both", () => {
    const payload = { ...examples.SyncResponse, next_batch: 1, next_btach: "s72595_4483_1934" };
    const thrown = thrownBy(() => assertSyncResponse(payload, { strict: true }));
    expect(thrown.message).toBe("SyncResponse breaks the contract (1 error):\n  /next_batch: must be string (schema:type)");
    expect(thrown.issues.map(({ pointer, rule, severity }) => [pointer, rule, severity])).toEqual([
      ["/next_batch", "schema:type", "error"],
      ["/next_btach", "unknown-key", "warning"],
    ]);
  });

  it("exactly twenty errors are all listed, with no line about more; the twenty-first gets one", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => error(`/${i}`));
    const lines = new ContractError("SyncResponse", twenty).message.split("\n");
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe("SyncResponse breaks the contract (20 errors):");
    expect(lines[20]).toBe("  /19: must be string (schema:type)");
    const more = new ContractError("SyncResponse", [...twenty, error("/20")]).message.split("\n");
    expect(more).toHaveLength(22);
    expect(more[0]).toBe("SyncResponse breaks the contract (21 errors):");
    expect(more[21]).toBe("  … 1 more in the error's issues");
  });
});

describe("an exception that cannot be shown", () => {
  it("a getter throwing something whose own toString throws: an issue at its pointer that says so", () => {
    const payload = { ...examples.SyncResponse };
    const unshowable = {
      toString() {
        throw new Error("not this either");
      },
    };
    Object.defineProperty(payload, "next_batch", {
      enumerable: true,
      get() {
        throw unshowable;
      },
    });
    expect(checkSyncResponse(payload)).toEqual({
      valid: false,
      truncated: false,
      issues: [
        {
          pointer: "/next_batch",
          message: "cannot be read: an exception that cannot be shown",
          rule: "value:unreadable",
          severity: "error",
        },
      ],
    });
  });
});
