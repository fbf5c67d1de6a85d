/**
 * Strict mode on schemas the spec of today does not have: `additionalProperties` given as a map's
 * entry schema, as `false`, beside `patternProperties`; items, `allOf` over shared definitions, and a
 * schema that refers to itself. Strict mode reads the generated schemas, so this file hands it a small
 * schema of its own (as SyncQuery's) instead of regenerating from an edited spec.
 */
import { describe, expect, it, vi } from "vitest";

vi.mock("../generated/schemas.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../generated/schemas.js")>();
  const SyncQuery = {
    type: "object",
    definitions: {
      Base: { properties: { id: {} } },
      Entry: { type: "object", properties: { name: {}, tags: { type: "array", items: { $ref: "#/definitions/Tag" } } } },
      Tag: { type: "object", properties: { label: {} } },
      Node: { type: "object", properties: { value: {}, next: { $ref: "#/definitions/Node" } } },
      Loop: { allOf: [{ $ref: "#/definitions/Loop" }], properties: { a: {} } },
    },
    allOf: [{ $ref: "#/definitions/Base" }, { $ref: "#/definitions/Base" }],
    properties: {
      map: { type: "object", additionalProperties: { $ref: "#/definitions/Entry" } },
      closed: { type: "object", properties: { a: {} }, additionalProperties: false },
      patterned: { type: "object", properties: { a: {} }, patternProperties: { "^x-": {} } },
      list: { type: "array", items: { $ref: "#/definitions/Tag" } },
      chain: { $ref: "#/definitions/Node" },
      loop: { $ref: "#/definitions/Loop" },
    },
  };
  return { ...original, schemas: { ...original.schemas, SyncQuery } };
});

const { findUnknownKeys } = await import("../src/strict.js");

const unknownKeys = (value: unknown) => {
  const found: [string, string, readonly string[]][] = [];
  findUnknownKeys("SyncQuery", value, (pointer, key, known) => found.push([pointer, key, known]));
  return found;
};

describe("strict mode on a hand-built schema", () => {
  it("reports the keys a schema does not name, with the keys it names, including those of allOf parts", () => {
    expect(unknownKeys({ id: 1, extra: true })).toEqual([
      ["/extra", "extra", ["map", "closed", "patterned", "list", "chain", "loop", "id"]],
    ]);
  });

  it("walks each entry of an additionalProperties map and each array item, through $refs", () => {
    const value = { map: { k: { name: "n", nme: 2, tags: [{ label: "l" }, { lable: 1 }] } }, list: [{ lbl: 1 }] };
    expect(unknownKeys(value)).toEqual([
      ["/map/k/nme", "nme", ["name", "tags"]],
      ["/map/k/tags/1/lable", "lable", ["label"]],
      ["/list/0/lbl", "lbl", ["label"]],
    ]);
  });

  it("says nothing where the schema itself speaks of other keys: additionalProperties: false, patternProperties", () => {
    expect(unknownKeys({ closed: { b: 1 }, patterned: { b: 1, "x-y": 2 } })).toEqual([]);
  });

  it("a schema that refers to itself: checked down to the loop, never unfolded for ever", () => {
    expect(unknownKeys({ chain: { value: 1, nxt: 1, next: { valu: 2, next: { deeper: 3 } } } })).toEqual([
      ["/chain/nxt", "nxt", ["value", "next"]],
    ]);
  });

  it("an allOf that includes itself leaves that place unchecked", () => {
    expect(unknownKeys({ loop: { b: 1 } })).toEqual([]);
  });

  it("values of other types where objects or arrays are expected are passed over", () => {
    expect(unknownKeys({ map: [1], list: { lbl: 1 }, chain: "text" })).toEqual([]);
    expect(unknownKeys(null)).toEqual([]);
  });
});
