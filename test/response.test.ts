import { describe, expect, it } from "vitest";
import { ContractError, examples, parseSyncResponse, serializeSyncResponse, type SyncResponse } from "../src/index.js";
import { parseJson } from "../lib/json-text.js";
import { exampleResponse } from "./support/example.js";

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
});
