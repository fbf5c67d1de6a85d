/**
 * The prose rules' pass (src/rule-pass.ts) over values the schema rejects: nulls where rooms and
 * maps belong, a key named "undefined", a getter that throws only on a later read. The pass reports
 * what the rules find and nothing else, and never throws.
 */
import { describe, expect, it } from "vitest";
import { checkSyncResponse } from "../src/index.js";

const missing = { event_map: {}, timeline: { events: ["$missing:x"], limited: false } };

describe("the rule pass over values the schema rejects", () => {
  it("passes over null rooms, room maps and timelines while reporting the rules' findings", () => {
    // The room the rules find something in comes last, so that the pass that looks for any finding meets the nulls first.
    const payload = { next_batch: "s1", rooms: { archived: null, joined: { "!b:x": null, "!c:x": { timeline: null }, "!a:x": missing } } };
    const issues = checkSyncResponse(payload).issues.map(({ pointer, rule }) => [rule, pointer]);
    expect(issues).toEqual([
      ["schema:type", "/rooms/joined/!b:x"],
      ["schema:type", "/rooms/joined/!c:x/timeline"],
      ["schema:type", "/rooms/archived"],
      ["event-map-reference", "/rooms/joined/!a:x/timeline/events/0"],
    ]);
  });

  it("takes a key named undefined for an unknown key like any other", () => {
    expect(checkSyncResponse({ next_batch: "s1", undefined: 1, rooms: { undefined: 2, joined: {} } })).toEqual({
      valid: true,
      value: { next_batch: "s1", undefined: 1, rooms: { undefined: 2, joined: {} } },
      issues: [],
      truncated: false,
    });
  });

  it("a getter that throws while the rules go rule by rule leaves no trace in the next check's pointers", () => {
    let reads = 0;
    const throwing = {
      event_map: {},
      // Read twice by the validator; the pass that looks for any finding stops at the room before.
      get timeline(): unknown {
        if (++reads === 3) throw new Error("third read");
        return { events: [], limited: false };
      },
    };
    expect(checkSyncResponse({ next_batch: "s1", rooms: { joined: { "!a:x": missing, "!t:x": throwing } } }).issues).toEqual([
      { pointer: "", message: "cannot be read: third read", rule: "value:unreadable", severity: "error" },
    ]);
    expect(checkSyncResponse({ next_batch: "s2", rooms: { joined: { "!n:x": missing } } }).issues.map((issue) => issue.pointer)).toEqual([
      "/rooms/joined/!n:x/timeline/events/0",
    ]);
  });

  it("reports a getter that throws only when the rules read it, at the root, never as an exception", () => {
    let reads = 0;
    const room = {
      event_map: {},
      // The validator reads a room's timeline twice; the third read is the rules'.
      get timeline(): unknown {
        if (++reads === 3) throw new Error("third read");
        return { events: [], limited: false };
      },
    };
    expect(checkSyncResponse({ next_batch: "s1", rooms: { joined: { "!a:x": room } } }).issues).toEqual([
      { pointer: "", message: "cannot be read: third read", rule: "value:unreadable", severity: "error" },
    ]);
  });
});
