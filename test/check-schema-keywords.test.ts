/**
 * Schema keywords the spec of today does not use, as check<Name> reports them: an enum of several
 * values and `additionalProperties: false`. The checker is handed validators compiled here from a
 * small schema of this file's own; collectErrors is given ajv's semantics for them (stop at `max`
 * errors, and say whether the list is complete), as the generated one has for the spec's validators.
 */
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, it, vi } from "vitest";

vi.mock("../generated/validators-all-errors.js", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  collectErrors(validate: ValidateFunction, data: unknown, max: number) {
    validate(data);
    const errors = validate.errors ?? [];
    return { errors: errors.slice(0, max), complete: errors.length < max };
  },
}));

const { checker } = await import("../src/check.js");

const schema = {
  type: "object",
  properties: { presence: { enum: ["online", "offline", "unavailable"] }, nested: { type: "object", additionalProperties: false } },
  additionalProperties: false,
};
const check = checker(
  "SyncQuery",
  new Ajv({ allErrors: false }).compile(schema) as never,
  new Ajv({ allErrors: true }).compile(schema) as never,
);

describe("a hand-built contract's keywords", () => {
  it("an enum of several values lists each allowed value as JSON, comma-separated", () => {
    expect(check({ presence: "away" })).toEqual({
      valid: false,
      truncated: false,
      issues: [
        {
          pointer: "/presence",
          message: 'must be equal to one of the allowed values: "online", "offline", "unavailable"',
          rule: "schema:enum",
          severity: "error",
        },
      ],
    });
  });

  it("additionalProperties: false points at the key that is not allowed, at any depth, escaped", () => {
    expect(check({ "a/b": 1, nested: { extra: true } }).issues).toEqual([
      { pointer: "/a~1b", message: "must NOT have additional properties", rule: "schema:additionalProperties", severity: "error" },
      { pointer: "/nested/extra", message: "must NOT have additional properties", rule: "schema:additionalProperties", severity: "error" },
    ]);
  });

  it("a value that passes is returned as it is", () => {
    const value = { presence: "online", nested: {} };
    expect(check(value)).toEqual({ valid: true, value, issues: [], truncated: false });
  });
});
