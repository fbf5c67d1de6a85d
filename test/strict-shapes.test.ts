/**
 * What strict mode works out from a schema (src/strict.ts), on small hand-built schemas the spec of
 * today does not have: `patternProperties` beside properties, `allOf` parts that are no schemas, a
 * top-level array, arrays and inherited keys where objects are described, a key named "undefined".
 * Strict mode works out each schema's shape once, at its first check, so each test here has a schema
 * name of its own.
 */
import { describe, expect, it, vi } from "vitest";

vi.mock("../generated/schemas.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../generated/schemas.js")>();
  return {
    ...original,
    schemas: {
      ...original.schemas,
      Rooms: { type: "object", properties: { a: { properties: { z: {} } } }, patternProperties: { "^x-": {} } },
      Joined: { allOf: [null, 5, { properties: { b: {} } }], properties: { a: {} } },
      Timeline: { type: "array", items: { properties: { label: {} } } },
      Presence: { type: "object", properties: { events: { properties: { a: {} } } } },
    },
  };
});

const { findUnknownKeys } = await import("../src/strict.js");

const unknownKeys = (name: "Rooms" | "Joined" | "Timeline" | "Presence", value: unknown) => {
  const found: [string, string, readonly string[]][] = [];
  findUnknownKeys(name, value, (pointer, key, known) => found.push([pointer, key, known]));
  return found;
};

describe("strict mode's reading of a schema", () => {
  it("patternProperties speaks of other keys, and the named properties below are still checked", () => {
    expect(unknownKeys("Rooms", { a: { z: 1, y: 2 }, b: 2, "x-c": 3 })).toEqual([["/a/y", "y", ["z"]]]);
  });

  it("an allOf part that is no schema adds no keys and breaks nothing", () => {
    expect(unknownKeys("Joined", { a: 1, b: 2, c: 3 })).toEqual([["/c", "c", ["a", "b"]]]);
  });

  it("a schema of items alone: each item is checked", () => {
    expect(unknownKeys("Timeline", [{ label: 1 }, { lbl: 2 }])).toEqual([["/1/lbl", "lbl", ["label"]]]);
  });

  it("an array where an object is described, inherited keys and a key named undefined", () => {
    expect(unknownKeys("Presence", { events: [{ b: 1 }] })).toEqual([]);
    expect(unknownKeys("Presence", Object.create({ events: { b: 1 } }))).toEqual([]);
    expect(unknownKeys("Presence", { undefined: { b: 1 }, events: { b: 1 } })).toEqual([
      ["/undefined", "undefined", ["events"]],
      ["/events/b", "b", ["a"]],
    ]);
  });
});
