/**
 * The exported JSON Schema files: draft-07 in generated/schemas/, 2020-12 in generated/schemas/2020-12/,
 * each with its `$id`. Compiled by Ajv (draft-07) and Ajv2020 in strict mode, both give the package's
 * own validators' verdict on the bundled examples and on every one-place break of them
 * (scripts/generate/schema-exports.ts makes the files).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { schemaNames } from "../generated/contract.js";
import * as allErrors from "../generated/validators-all-errors.js";
import * as firstError from "../generated/validators.js";
import type { PrecompiledValidator } from "../generated/validators.js";
import { DRAFT_07, DRAFT_2020_12, draft2020Schema, schemaId, standardKeywords, type Draft } from "../scripts/generate/schema-exports.js";
import { repoRoot } from "./support/repo-copy.js";

const read = (path: string) => JSON.parse(readFileSync(join(repoRoot, "generated", path), "utf8")) as Record<string, unknown>;
const schemaOf = (draft: Draft, name: string) => read(`${draft.folder}${name}.json`);
const exampleOf = (name: string) => read(`examples/${name}.json`);
const validatorOf = (name: string, validators: object) => (validators as Record<string, PrecompiledValidator<unknown>>)[`validate${name}`]!;
const withExample = schemaNames.filter((name) => existsSync(join(repoRoot, "generated", "examples", `${name}.json`)));

describe("standardKeywords and draft2020Schema", () => {
  it("say OpenAPI's example and nullable in JSON Schema's words, at every depth, keeping the key order", () => {
    const schema = {
      type: "object",
      properties: {
        a: { type: "string", nullable: true, example: "x", description: "A." },
        b: { items: { type: ["integer", "string"], nullable: true, examples: [1], example: 2 } },
        c: { type: "string", nullable: false },
      },
    };
    expect(JSON.stringify(standardKeywords(schema))).toBe(
      JSON.stringify({
        type: "object",
        properties: {
          a: { type: ["string", "null"], examples: ["x"], description: "A." },
          b: { items: { type: ["integer", "string", "null"], examples: [1, 2] } },
          c: { type: "string" },
        },
      }),
    );
  });

  it("moves definitions to $defs and every $ref with them", () => {
    const draft07 = {
      $schema: DRAFT_07.uri,
      $id: schemaId(DRAFT_07, "Room"),
      $comment: "c",
      properties: { state: { $ref: "#/definitions/State" }, list: { items: { allOf: [{ $ref: "#/definitions/State" }] } } },
      definitions: { State: { additionalProperties: { $ref: "#/definitions/State" } } },
    };
    expect(JSON.stringify(draft2020Schema("Room", draft07))).toBe(
      JSON.stringify({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: "https://unpkg.com/matrix-sync-contract/generated/schemas/2020-12/Room.json",
        $comment: "c",
        properties: { state: { $ref: "#/$defs/State" }, list: { items: { allOf: [{ $ref: "#/$defs/State" }] } } },
        $defs: { State: { additionalProperties: { $ref: "#/$defs/State" } } },
      }),
    );
  });
});

describe("the exported schema files", () => {
  it.each(schemaNames)("%s: the draft's $schema, an $id at the file's own place in the package, no OpenAPI keyword", (name) => {
    for (const [draft, folder] of [
      [DRAFT_07, "schemas/"],
      [DRAFT_2020_12, "schemas/2020-12/"],
    ] as const) {
      const schema = schemaOf(draft, name);
      expect([schema.$schema, schema.$id]).toEqual([draft.uri, `https://unpkg.com/matrix-sync-contract/generated/${folder}${name}.json`]);
      const text = JSON.stringify(schema);
      expect(text).not.toMatch(/"(example|nullable)":/);
      if (draft === DRAFT_2020_12) expect(text).not.toMatch(/"definitions"|#\/definitions\//);
    }
  });

  it("state the query parameters' examples as JSON Schema examples", () => {
    const properties = schemaOf(DRAFT_2020_12, "SyncQuery").properties as Record<string, { examples?: unknown[] }>;
    expect(Object.values(properties).map((property) => property.examples)).toEqual([
      ["66696p746572"],
      ["s72594_4483_1934"],
      ["offline"],
      [30000],
    ]);
    expect(schemaOf(DRAFT_07, "SyncQuery").properties).toEqual(properties);
  });
});

/** The example with the value at each place, one at a time, replaced by one of another JSON type. */
function oneBreakEach(value: unknown, at: string[] = []): { pointer: string; broken: unknown }[] {
  const swapped = typeof value === "string" ? 5 : Array.isArray(value) ? {} : typeof value === "object" && value !== null ? [] : "5";
  const here = { pointer: at.map((token) => `/${token.replace(/~/g, "~0").replace(/\//g, "~1")}`).join(""), broken: swapped };
  if (typeof value !== "object" || value === null) return [here];
  const children = Object.entries(value).flatMap(([key, child]) =>
    oneBreakEach(child, [...at, key]).map(({ pointer, broken }) => ({
      pointer,
      broken: Array.isArray(value) ? value.map((item, i) => (String(i) === key ? broken : item)) : { ...value, [key]: broken },
    })),
  );
  return [here, ...children];
}

const paths = (errors: readonly ErrorObject[] | null | undefined) => [...new Set((errors ?? []).map((error) => error.instancePath))].sort();

describe.each([
  ["draft-07, with Ajv", DRAFT_07, () => new Ajv({ strict: true, allErrors: true })],
  ["2020-12, with Ajv2020", DRAFT_2020_12, () => new Ajv2020({ strict: true, allErrors: true })],
] as const)("the %s schemas, compiled in strict mode", (_label, draft, createAjv) => {
  const ajv = createAjv();
  for (const name of schemaNames) ajv.addSchema(schemaOf(draft, name));
  const compiled = (name: string) => ajv.getSchema(schemaId(draft, name))!;

  it("all compile, together in one instance, each found by its $id", () => {
    expect(schemaNames.map((name) => typeof compiled(name))).toEqual(schemaNames.map(() => "function"));
  });

  it.each(withExample)("%s: accept the bundled example and reject each break of it where the package's validator does", (name) => {
    const example = exampleOf(name);
    expect(compiled(name)(example)).toBe(true);
    const breaks = oneBreakEach(example);
    const verdicts = breaks.map(({ broken }) => compiled(name)(broken));
    expect(verdicts).toEqual(breaks.map(({ broken }) => validatorOf(name, firstError)(broken)));
    expect(verdicts).toContain(false);
  });

  it("report the errors of a broken response at the places the package's all-errors validator does", () => {
    const response = structuredClone(exampleOf("SyncResponse")) as { rooms: { joined: Record<string, { timeline: object }> } };
    const room = response.rooms.joined["!726s6s6q:example.com"]!;
    room.timeline = { ...room.timeline, limited: "yes", events: [1] };
    const validate = compiled("SyncResponse");
    expect(validate(response)).toBe(false);
    const packageValidator = validatorOf("SyncResponse", allErrors);
    expect(packageValidator(response)).toBe(false);
    expect(paths(validate.errors)).toEqual(paths(packageValidator.errors));
    expect(paths(validate.errors)).toEqual([
      "/rooms/joined/!726s6s6q:example.com/timeline/events/0",
      "/rooms/joined/!726s6s6q:example.com/timeline/limited",
    ]);
  });

  it("reject a value outside an enum, as the package's validator does", () => {
    const query = { ...exampleOf("SyncQuery"), set_presence: "online" };
    expect([compiled("SyncQuery")(query), validatorOf("SyncQuery", firstError)(query)]).toEqual([false, false]);
    expect(compiled("SyncQuery").errors?.map((error) => [error.instancePath, error.keyword])).toEqual([["/set_presence", "enum"]]);
  });
});
