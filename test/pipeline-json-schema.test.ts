/**
 * lib/json-schema.ts: the annotation keywords, `$ref` following, subschema walking and `allOf`
 * arithmetic that naming, the contract diff and the arbitraries share.
 */
import { describe, expect, test } from "vitest";
import { isJsonObject } from "../lib/json-value.js";
import {
  annotationsOf,
  forEachSubschema,
  followRef,
  intersectEnums,
  isAnnotation,
  JSON_SCHEMA_ANNOTATIONS,
  mapSubschemas,
  OPENAPI_ANNOTATIONS,
  sameJson,
  typeAllowed,
  withoutAnnotations,
  type JsonSchema,
  type SubschemaStep,
} from "../lib/json-schema.js";

describe("annotations", () => {
  test("one list: JSON Schema's own, OpenAPI's, and every x- extension", () => {
    expect([...JSON_SCHEMA_ANNOTATIONS, ...OPENAPI_ANNOTATIONS].sort()).toEqual(
      [
        "title",
        "description",
        "example",
        "examples",
        "$comment",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "externalDocs",
        "xml",
      ].sort(),
    );
    expect(["x-example", "x-generated", "title", "xml"].every(isAnnotation)).toBe(true);
    expect(["type", "$ref", "nullable", "format", "x", "definitions"].some(isAnnotation)).toBe(false);
  });

  test("a schema splits into what constrains and what annotates, each in its order", () => {
    const schema = { title: "T", type: "object", "x-note": 1, properties: {}, description: "D" };
    expect(Object.entries(withoutAnnotations(schema))).toEqual([
      ["type", "object"],
      ["properties", {}],
    ]);
    expect(Object.entries(annotationsOf(schema))).toEqual([
      ["title", "T"],
      ["x-note", 1],
      ["description", "D"],
    ]);
  });
});

describe("followRef", () => {
  const table: Record<string, JsonSchema> = { Event: { type: "object" } };

  test("the name after the prefix and the schema of that name, when the table has it as its own", () => {
    expect(followRef({ $ref: "#/definitions/Event", description: "x" }, "#/definitions/", table)).toEqual({
      name: "Event",
      target: { type: "object" },
    });
    expect(followRef({ $ref: "#/definitions/Missing" }, "#/definitions/", table)).toEqual({ name: "Missing", target: undefined });
    expect(followRef({ $ref: "#/definitions/constructor" }, "#/definitions/", table)).toEqual({ name: "constructor", target: undefined });
  });

  test("nothing for a schema without a $ref under the prefix", () => {
    expect(followRef({ $ref: "#/components/schemas/Event" }, "#/definitions/", table)).toBeUndefined();
    expect(followRef({ type: "object" }, "#/definitions/", table)).toBeUndefined();
    expect(followRef({ $ref: 1 }, "#/definitions/", table)).toBeUndefined();
  });
});

describe("walking subschemas", () => {
  const schema: JsonSchema = {
    not: { type: "null" },
    oneOf: [{ type: "string" }, true],
    anyOf: [{ type: "integer" }],
    allOf: [{ required: ["a"] }],
    items: { type: "boolean" },
    additionalProperties: false,
    properties: { a: { type: "number" }, b: true },
    description: "Order of keys is not the order of visits.",
  };

  test("visits properties, additionalProperties, items, allOf, anyOf, oneOf, not, each with where it applies", () => {
    const visits: [JsonSchema, SubschemaStep][] = [];
    forEachSubschema(schema, (subschema, step) => visits.push([subschema, step]));
    expect(visits).toEqual([
      [{ type: "number" }, "a"],
      [{ type: "boolean" }, null],
      [{ required: ["a"] }, undefined],
      [{ type: "integer" }, undefined],
      [{ type: "string" }, undefined],
      [{ type: "null" }, undefined],
    ]);
    expect(visits.map(([, step]) => step)).toStrictEqual(["a", null, undefined, undefined, undefined, undefined]);
  });

  test("mapSubschemas copies the schema with each subschema replaced, values that are not schemas kept, keys in their order", () => {
    const mapped = mapSubschemas(schema, (subschema) => ({ replaced: subschema.type ?? "any" }));
    expect(Object.keys(mapped)).toEqual(Object.keys(schema));
    expect(mapped).toEqual({
      not: { replaced: "null" },
      oneOf: [{ replaced: "string" }, true],
      anyOf: [{ replaced: "integer" }],
      allOf: [{ replaced: "any" }],
      items: { replaced: "boolean" },
      additionalProperties: false,
      properties: { a: { replaced: "number" }, b: true },
      description: "Order of keys is not the order of visits.",
    });
    expect(schema.properties).toEqual({ a: { type: "number" }, b: true });
  });
});

describe("type and enum arithmetic", () => {
  test("an integer is a number; no list of types allows any", () => {
    expect(typeAllowed(["number"], "integer")).toBe(true);
    expect(typeAllowed(["integer"], "number")).toBe(false);
    expect(typeAllowed(["string", "null"], "null")).toBe(true);
    expect(typeAllowed(null, "object")).toBe(true);
    expect(typeAllowed(undefined, "object")).toBe(true);
    expect(typeAllowed([], "object")).toBe(false);
  });

  test("enums intersect by JSON text, in the first one's order", () => {
    expect(intersectEnums(["b", 1, { k: 1 }, null], [null, { k: 1 }, "b", "c"])).toEqual(["b", { k: 1 }, null]);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, b: 2 })).toBe(true);
    expect(sameJson(1, "1")).toBe(false);
  });

  test("a plain object is neither null nor an array", () => {
    expect([{}, [], null, "x", 1].map(isJsonObject)).toEqual([true, false, false, false, false]);
  });
});
