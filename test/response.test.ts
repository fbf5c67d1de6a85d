import { describe, expect, it } from "vitest";
import { ContractError, examples, parseSyncResponse, serializeSyncResponse, type SyncResponse } from "../src/index.js";
import { parseJson } from "../lib/json-text.js";
import { exampleResponse, JOINED, MESSAGE } from "./support/example.js";

describe("parseSyncResponse", () => {
  it("parses and checks valid text", () => {
    expect(parseSyncResponse(JSON.stringify(examples.SyncResponse))).toEqual({
      valid: true,
      value: examples.SyncResponse,
      issues: [],
      truncated: false,
    });
  });

  it("turns a syntax error into a json issue with its line and column", () => {
    expect(parseSyncResponse('{\n  "next_batch": "s1",\n  "rooms": {,}\n}')).toEqual({
      valid: false,
      truncated: false,
      issues: [
        {
          pointer: "",
          message: "Unexpected character ',', expected a property name in double quotes",
          rule: "json",
          severity: "error",
          line: 3,
          column: 13,
        },
      ],
    });
  });

  it.each([
    ["", "Unexpected end of JSON input", 1, 1],
    ['{"next_batch": "s1"', "Unexpected end of JSON input", 1, 20],
    ["{} {}", "Unexpected character '{', expected the end of the input", 1, 4],
    ["<html>", "Unexpected character '<', expected a JSON value", 1, 1],
  ])("reports %j as %s at %i:%i", (text, message, line, column) => {
    expect(parseSyncResponse(text).issues).toEqual([{ pointer: "", message, rule: "json", severity: "error", line, column }]);
  });

  it("ignores a leading byte-order mark", () => {
    expect(parseSyncResponse(`\ufeff{"next_batch":"s1"}`)).toMatchObject({ valid: true, value: { next_batch: "s1" } });
  });

  it("checks what it parsed against the schema and the rules", () => {
    expect(parseSyncResponse('{"next_batch": 5}').issues).toEqual([
      { pointer: "/next_batch", message: "must be string", rule: "schema:type", severity: "error" },
    ]);
  });
});

describe("parseJson", () => {
  it("counts columns in UTF-16 code units on the error's own line", () => {
    expect(parseJson('{\n"é😀": tru}')).toMatchObject({ ok: false, offset: 9, position: { line: 2, column: 8 } });
  });
});

describe("serializeSyncResponse", () => {
  it("returns the JSON text of a valid payload", () => {
    expect(JSON.parse(serializeSyncResponse(examples.SyncResponse))).toEqual(examples.SyncResponse);
  });

  it("throws a ContractError for a payload that breaks the contract", () => {
    const payload = exampleResponse();
    payload.rooms.joined["!726s6s6q:example.com"].state.events.push("$missing");
    expect(() => serializeSyncResponse(payload as SyncResponse)).toThrow(ContractError);
    expect(() => serializeSyncResponse(payload as SyncResponse)).toThrow(
      '/rooms/joined/!726s6s6q:example.com/state/events/2: event ID "$missing" is not a key of this room\'s event_map (event-map-reference)',
    );
  });

  it("checks the text it sends: a toJSON, a Date, and what JSON leaves out count", () => {
    const issuesOf = (payload: unknown) => refused(() => serializeSyncResponse(payload as SyncResponse)).issues;
    expect(issuesOf({ next_batch: "s1", toJSON: () => ({ next_batch: 5 }) })).toEqual([
      { pointer: "/next_batch", message: "must be string", rule: "schema:type", severity: "error" },
    ]);
    // A Date is an object to the schema, and a string once written.
    const dated = exampleResponse();
    dated.rooms.joined[JOINED].event_map[MESSAGE].content = new Date(0);
    expect(issuesOf(dated)).toEqual([
      {
        pointer: `/rooms/joined/${JOINED}/event_map/${MESSAGE}/content`,
        message: "must be object",
        rule: "schema:type",
        severity: "error",
      },
    ]);
    // undefined in an array is written as null.
    const payload = exampleResponse();
    payload.rooms.joined[JOINED].state.events.push(undefined);
    expect(issuesOf(payload)).toEqual([
      { pointer: `/rooms/joined/${JOINED}/state/events/2`, message: "must be string", rule: "schema:type", severity: "error" },
    ]);
    // What JSON writes of a Date where a string belongs is a string: sent as it is.
    expect(serializeSyncResponse({ next_batch: new Date(0) } as unknown as SyncResponse)).toBe('{"next_batch":"1970-01-01T00:00:00.000Z"}');
  });

  it("throws a ContractError, never another error, for what JSON cannot write, at its pointer", () => {
    const cycle: Record<string, unknown> = { type: "m.x" };
    cycle.content = { self: cycle };
    const throwing = {
      type: "m.x",
      get content(): unknown {
        throw new Error("no\ncontent");
      },
    };
    const cases: [unknown, string, string, string][] = [
      [
        { presence: { events: [{ type: "m.x", content: { n: 1n } }] } },
        "/presence/events/0/content/n",
        "value:not-json",
        "is a BigInt, which JSON cannot write",
      ],
      [
        { presence: { events: [cycle] } },
        "/presence/events/0/content/self",
        "value:not-json",
        "contains itself, a cycle JSON cannot write",
      ],
      [{ presence: { events: [throwing] } }, "/presence/events/0/content", "value:unreadable", "cannot be read: no\\ncontent"],
      [
        {
          presence: {
            toJSON: () => {
              throw new RangeError("nope");
            },
          },
        },
        "/presence",
        "value:unreadable",
        "cannot be read: nope",
      ],
      [undefined, "", "value:not-json", "is undefined, which JSON cannot write"],
      [() => 1, "", "value:not-json", "is function, which JSON cannot write"],
    ];
    for (const [payload, pointer, rule, message] of cases) {
      expect(refused(() => serializeSyncResponse(payload as SyncResponse))).toEqual({
        message: `SyncResponse breaks the contract (1 error):\n  ${pointer || "(root)"}: ${message} (${rule})`,
        issues: [{ pointer, message, rule, severity: "error" }],
      });
    }
  });

  it("reports nesting too deep for JSON.stringify at the root, as a ContractError", () => {
    let deep: Record<string, unknown> = {};
    const content = deep;
    for (let i = 0; i < 100_000; i++) deep = deep.a = {};
    const { issues } = refused(() => serializeSyncResponse({ presence: { events: [{ type: "m.x", content }] } }));
    expect(issues).toEqual([
      { pointer: "", message: "cannot be written as JSON: Maximum call stack size exceeded", rule: "value:not-json", severity: "error" },
    ]);
  });
});

/** The message and issues of the ContractError that `serialize` throws; fails on any other outcome. */
function refused(serialize: () => unknown): { message: string; issues: readonly unknown[] } {
  try {
    serialize();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    const { message, issues } = error as ContractError;
    return { message, issues };
  }
  throw new Error("serializeSyncResponse did not throw");
}
