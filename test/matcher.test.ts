import { describe, expect, it } from "vitest";
import { examples } from "../generated/examples.js";
import type { SchemaName } from "../generated/types.js";
import { contractMatchers } from "../src/vitest.js";

const BROKEN = { next_batch: 5, rooms: { joined: { "!r:x": { timeline: { events: ["$a"], limited: true } } } } };
const WARNED = { rooms: { joined: { "!r:x": { event_map: { $e: { type: "m.x", content: {} } } } } } };

/** The message of the assertion error `assertion` throws. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the assertion passed");
}

describe("toBeValidSyncResponse", () => {
  it("passes for the spec's example response and for a response with warnings only", () => {
    expect(examples.SyncResponse).toBeValidSyncResponse();
    expect(WARNED).toBeValidSyncResponse();
    expect({}).toBeValidSyncResponse();
  });

  it("fails listing every issue with its pointer and rule", () => {
    expect(failure(() => expect(BROKEN).toBeValidSyncResponse())).toBe(
      [
        "expected the value to satisfy SyncResponse, but it breaks the contract:",
        "  /next_batch: must be string (schema:type)",
        `  /rooms/joined/!r:x/timeline/events/0: event ID "$a" is not a key of this room's event_map (event-map-reference)`,
        "  warning /rooms/joined/!r:x/timeline: a limited timeline has no prev_batch to fetch the earlier events with (limited-prev-batch)",
      ].join("\n"),
    );
  });

  it("fails for text: the matcher checks values, not JSON", () => {
    expect(failure(() => expect(JSON.stringify(examples.SyncResponse)).toBeValidSyncResponse())).toBe(
      "expected the value to satisfy SyncResponse, but it breaks the contract:\n  (root): must be object (schema:type)",
    );
  });

  it("takes check options: no prose rules, fewer issues", () => {
    expect({ rooms: BROKEN.rooms }).not.toBeValidSyncResponse();
    expect({ rooms: BROKEN.rooms }).toBeValidSyncResponse({ rules: false });
    expect(failure(() => expect(BROKEN).toBeValidSyncResponse({ maxIssues: 1 }))).toBe(
      "expected the value to satisfy SyncResponse, but it breaks the contract:\n  /next_batch: must be string (schema:type)\n  … more issues not listed (maxIssues)",
    );
  });

  it("takes rule levels and strict mode, and throws the check's TypeError for a rule id it does not know", () => {
    expect(BROKEN).not.toBeValidSyncResponse({ rules: { "event-map-reference": "warning" } });
    expect({ rooms: BROKEN.rooms }).toBeValidSyncResponse({ rules: { "event-map-reference": "warning" } });
    expect(failure(() => expect({ nxt_batch: "s1" }).toBeValidSyncResponse({ strict: true, rules: { "unknown-key": "error" } }))).toBe(
      "expected the value to satisfy SyncResponse, but it breaks the contract:\n" +
        '  /nxt_batch: the spec names no key "nxt_batch" here; did you mean `next_batch`? (unknown-key)',
    );
    expect(() => expect({}).toBeValidSyncResponse({ rules: { "no-such-rule": "off" } } as any)).toThrow(
      new TypeError(
        'check options: unknown rule "no-such-rule"; the rules are: event-map-reference, event-map-unreferenced, ' +
          "invite-state-keys, archived-no-ephemeral, limited-prev-batch, unknown-key",
      ),
    );
  });

  it("negates: .not fails for a valid response, naming its warnings", () => {
    expect(BROKEN).not.toBeValidSyncResponse();
    expect(failure(() => expect(examples.SyncResponse).not.toBeValidSyncResponse())).toBe(
      "expected the value not to satisfy SyncResponse, but it does",
    );
    expect(failure(() => expect(WARNED).not.toBeValidSyncResponse())).toBe(
      "expected the value not to satisfy SyncResponse, but it does, with warnings:\n  warning /rooms/joined/!r:x/event_map/$e: no state or timeline of this room references this event (event-map-unreferenced)",
    );
  });
});

describe("toSatisfyContract", () => {
  it("passes for every spec example against its own schema", () => {
    for (const [name, example] of Object.entries(examples)) expect(example).toSatisfyContract(name as SchemaName);
  });

  it("fails naming the schema and listing the issues", () => {
    expect(failure(() => expect({ type: 1 }).toSatisfyContract("Event"))).toBe(
      "expected the value to satisfy Event, but it breaks the contract:\n  /type: must be string (schema:type)",
    );
    expect({ type: 1 }).not.toSatisfyContract("Event");
    expect({ events: {} }).not.toSatisfyContract("Timeline");
  });

  it("works as an asymmetric matcher inside other assertions", () => {
    expect({ event: examples.Event, count: 1 }).toEqual({ event: expect.toSatisfyContract("Event"), count: 1 });
    expect({ event: { type: 1 } }).not.toEqual({ event: expect.toSatisfyContract("Event") });
  });

  it("rejects a schema name it does not know, for callers without types", () => {
    expect(failure(() => expect({}).toSatisfyContract("Nope" as SchemaName))).toBe(
      'toSatisfyContract: unknown schema "Nope"; the schemas are: SyncResponse, Rooms, Joined, JoinedRoom, EventMap, Event, State, Timeline, Ephemeral, Invited, InvitedRoom, InviteState, Archived, ArchivedRoom, Presence, SyncQuery',
    );
    const forged = `Nope\n::error::FORGED\u2028${"x".repeat(10_000)}`;
    expect(failure(() => expect({}).toSatisfyContract(forged as SchemaName)).split(";")[0]).toBe(
      `toSatisfyContract: unknown schema "Nope\\n::error::FORGED\\u2028${"x".repeat(29)}…${"x".repeat(49)}"`,
    );
  });

  it("exports the matchers for expect.extend by hand", () => {
    expect(Object.keys(contractMatchers)).toEqual(["toBeValidSyncResponse", "toSatisfyContract"]);
    expect(contractMatchers.toSatisfyContract({ type: "m.x" }, "Event").pass).toBe(true);
  });
});
