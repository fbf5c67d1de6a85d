/**
 * Hostile input through the library's request and response helpers and its errors: queries built to
 * cost quadratic time, values megabytes long, names that forge log lines, payloads JSON cannot write
 * and values that throw when read. Each gets an answer or a ContractError, never a hang or another
 * exception; time is bounded by each test's timeout, never measured.
 */
import { describe, expect, test } from "vitest";
import {
  assertSyncResponse,
  checkSyncResponse,
  ContractError,
  examples,
  formatIssues,
  parseSyncRequest,
  serializeSyncResponse,
  type SyncResponse,
} from "../src/index.js";
import { MAX_QUERY_LENGTH, MAX_QUERY_PARAMETERS } from "../src/request.js";
import { childPointer } from "../lib/json-pointer.js";
import { exampleResponse } from "./support/example.js";

const BOUNDED = { timeout: 30_000 };
const TOO_MANY = {
  ok: false,
  status: 414,
  body: { errcode: "M_TOO_LARGE", error: `the query has more than ${MAX_QUERY_PARAMETERS} parameters` },
};
const TOO_LONG = {
  ok: false,
  status: 414,
  body: { errcode: "M_TOO_LARGE", error: `the query is longer than ${MAX_QUERY_LENGTH} characters` },
};

/** The ContractError `run` throws; fails on any other outcome. */
function contractError(run: () => unknown): ContractError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error("no ContractError");
}

describe("parseSyncRequest", () => {
  test("a 160 kB query of one unknown parameter repeated 40,000 times: a 414, in every input form", BOUNDED, () => {
    const query = "x=1&".repeat(40_000);
    expect(parseSyncRequest(`/_matrix/client/v2_alpha/sync?${query}`)).toEqual(TOO_LONG);
    expect(parseSyncRequest(query)).toEqual(TOO_LONG);
    expect(parseSyncRequest(new URL(`http://127.0.0.1/sync?${query}`))).toEqual(TOO_LONG);
    expect(parseSyncRequest(new URLSearchParams(query))).toEqual(TOO_MANY);
    expect(parseSyncRequest({ x: Array.from({ length: 1_000_000 }, () => "1") })).toEqual(TOO_MANY);
    expect(parseSyncRequest(Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`x${i}`, "1"])))).toEqual(TOO_MANY);
  });

  test("a declared parameter repeated within the caps: a 400 that counts the repeats", BOUNDED, () => {
    const query = Array.from({ length: MAX_QUERY_PARAMETERS }, () => "since=s").join("&");
    expect(parseSyncRequest(query)).toEqual({
      ok: false,
      status: 400,
      body: { errcode: "M_INVALID_PARAM", error: `since: the parameter is given ${MAX_QUERY_PARAMETERS} times; give it once` },
    });
  });

  test("a 10 MB value: never echoed, and a long bad value only as an escaped excerpt", BOUNDED, () => {
    const huge = "9".repeat(10_000_000);
    expect(parseSyncRequest(`/sync?timeout=${huge}`)).toEqual(TOO_LONG);
    expect(parseSyncRequest({ timeout: huge })).toEqual(TOO_LONG);
    const bad = `\n${"9".repeat(16_000)}\u001b`;
    const answer = parseSyncRequest({ timeout: bad });
    expect(answer).toEqual({
      ok: false,
      status: 400,
      body: { errcode: "M_INVALID_PARAM", error: `timeout: must be an integer, not "\\n${"9".repeat(49)}…${"9".repeat(48)}\\u001b"` },
    });
  });
});

describe("ContractError and formatIssues", () => {
  test("a 1 MB room ID with a newline, referenced 100 times: a bounded message, exact pointers in the issues", BOUNDED, () => {
    const room = `!${"r".repeat(1_000_000)}\n::error::FORGED:x`;
    const payload = {
      rooms: { joined: { [room]: { event_map: {}, timeline: { events: Array.from({ length: 100 }, (_, i) => `$${i}`) } } } },
    };
    const error = contractError(() => assertSyncResponse(payload));
    expect(error.issues).toHaveLength(100);
    expect(error.issues[99]!.pointer).toBe(`/rooms/joined/${room}/timeline/events/99`);
    const lines = error.message.split("\n");
    expect(lines).toHaveLength(22);
    expect(lines.every((line, i) => i === 0 || line.startsWith("  "))).toBe(true);
    expect(lines[1]).toBe(
      `  /rooms/joined/!${"r".repeat(49)}…${"r".repeat(31)}\\n::error::FORGED:x/timeline/events/0: ` +
        `event ID "$0" is not a key of this room's event_map (event-map-reference)`,
    );
    expect(error.message.length).toBeLessThan(5_000);
    const all = formatIssues(error.issues);
    expect(all.split("\n")).toHaveLength(100);
    expect(all.length).toBeLessThan(25_000);
  });
});

describe("values that throw when read", () => {
  /** Every place in the example payload a property sits: its parent, key and pointer. */
  function places(value: unknown, pointer = ""): { path: string[]; pointer: string }[] {
    if (typeof value !== "object" || value === null) return [];
    return Object.entries(value).flatMap(([key, child]) => {
      const at = childPointer(pointer, key);
      return [{ path: [key], pointer: at }, ...places(child, at).map((place) => ({ ...place, path: [key, ...place.path] }))];
    });
  }

  /** The example payload with a getter that throws at `path`. */
  function throwingAt(path: string[]): SyncResponse {
    const payload = exampleResponse();
    const parent = path.slice(0, -1).reduce((node, key) => node[key], payload);
    Object.defineProperty(parent, path.at(-1)!, {
      enumerable: true,
      get() {
        throw new Error("unreadable");
      },
    });
    return payload;
  }

  const unreadable = (pointer: string) => ({ pointer, message: "cannot be read: unreadable", rule: "value:unreadable", severity: "error" });
  const everyPlace = places(examples.SyncResponse);

  test(`a getter that throws at each of the example's ${everyPlace.length} places: check never throws and points at it`, BOUNDED, () => {
    const pointed: string[] = [];
    for (const { path, pointer } of everyPlace) {
      const result = checkSyncResponse(throwingAt(path));
      // Inside an event the schema reads only an event_map entry's type and content, and the rules read
      // nothing: a getter there is never called, and the payload is valid.
      if (result.valid) expect(pointer).toMatch(/\/(events\/\d+|event_map\/[^/]+)\/./);
      else {
        expect(result.issues).toEqual([unreadable(pointer)]);
        pointed.push(pointer);
      }
    }
    expect(pointed).toHaveLength(37);
    expect(pointed).toContain("/next_batch");
    expect(pointed).toContain("/rooms/joined/!726s6s6q:example.com/event_map/$74686972643033:example.com/content");
    expect(pointed).toContain("/rooms/joined/!726s6s6q:example.com/timeline/events/1");
  });

  test("a getter that throws beside an array of a million IDs: found without overflowing the stack", BOUNDED, () => {
    const events = Array.from({ length: 1_000_000 }, (_, i) => `$${i}`);
    const room = {
      event_map: {},
      state: { events },
      get timeline(): unknown {
        throw new Error("unreadable");
      },
    };
    expect(checkSyncResponse({ rooms: { joined: { "!r:x": room } } }, { maxIssues: 1 })).toEqual({
      valid: false,
      truncated: false,
      issues: [unreadable("/rooms/joined/!r:x/timeline")],
    });
  });

  test("the same getters through serializeSyncResponse: always a ContractError at its pointer", BOUNDED, () => {
    for (const { path, pointer } of everyPlace) {
      expect(contractError(() => serializeSyncResponse(throwingAt(path))).issues).toEqual([unreadable(pointer)]);
    }
  });
});
