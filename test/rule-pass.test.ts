/**
 * The compiled rule pass (src/rule-pass.ts): one sweep for a value that keeps every rule, then the
 * rules one after the other once something is found, so issues still come rule by rule.
 */
import { describe, expect, it } from "vitest";
import { checkJoinedRoom, checkSyncResponse } from "../src/index.js";

const event = { type: "m.room.message", content: {} };

/** A joined room whose event_map has `keys` events, of which the lists name `listed` (and an ID it lacks). */
function room(prefix: string, keys: number, listed: number) {
  const ids = Array.from({ length: keys }, (_, i) => `$${prefix}${i}:example.com`);
  return {
    event_map: Object.fromEntries(ids.map((id) => [id, event])),
    state: { events: [...ids.slice(0, listed), 7, ids[0]] },
    timeline: { events: [...ids.slice(0, listed), `$${prefix}missing:example.com`], limited: false },
  };
}

describe("the prose rules' pass", () => {
  it("reports rule by rule, each over every room, though a valid value is gone through once", () => {
    const result = checkSyncResponse({ next_batch: "s1", rooms: { joined: { "!a:x": room("a", 2, 1), "!b:x": room("b", 2, 1) } } });
    expect(result.issues.map(({ pointer, rule }) => [rule, pointer])).toEqual([
      ["schema:type", "/rooms/joined/!a:x/state/events/1"],
      ["schema:type", "/rooms/joined/!b:x/state/events/1"],
      ["event-map-reference", "/rooms/joined/!a:x/timeline/events/1"],
      ["event-map-reference", "/rooms/joined/!b:x/timeline/events/1"],
      ["event-map-unreferenced", "/rooms/joined/!a:x/event_map/$a1:example.com"],
      ["event-map-unreferenced", "/rooms/joined/!b:x/event_map/$b1:example.com"],
    ]);
  });

  it("finds the same unreferenced events in a small room (lists scanned) and a large one (a Set of the listed IDs)", () => {
    const unreferenced = (keys: number, listed: number) =>
      checkJoinedRoom(room("e", keys, listed), { rules: { "event-map-reference": "off" } })
        .issues.filter((issue) => issue.rule === "event-map-unreferenced")
        .map((issue) => issue.pointer);
    const expected = (keys: number, listed: number) =>
      Array.from({ length: keys - listed }, (_, i) => `/event_map/$e${listed + i}:example.com`);
    expect(unreferenced(5, 3)).toEqual(expected(5, 3));
    expect(unreferenced(40, 30)).toEqual(expected(40, 30));
  });

  it("gives a check made while the pass is under way (by a getter) a pass of its own", () => {
    let inner: unknown;
    // Schema-valid rooms: only the rule pass, not the validators, is to run while the other check is under way.
    const validRoom = (prefix: string) => ({ ...room(prefix, 2, 1), state: { events: [`$${prefix}0:example.com`] } });
    const outer = validRoom("o");
    const { timeline } = outer;
    // The rules read a room's timeline; so does the schema's validator, before them.
    Object.defineProperty(outer, "timeline", {
      enumerable: true,
      get: () => {
        inner = checkSyncResponse({ next_batch: "s2", rooms: { joined: { "!in:x": validRoom("i") } } }).issues.map(
          (issue) => issue.pointer,
        );
        return timeline;
      },
    });
    const issues = checkSyncResponse({ next_batch: "s1", rooms: { joined: { "!out:x": outer } } }).issues;
    expect(issues.map((issue) => issue.pointer)).toEqual([
      "/rooms/joined/!out:x/timeline/events/1",
      "/rooms/joined/!out:x/event_map/$o1:example.com",
    ]);
    expect(inner).toEqual(["/rooms/joined/!in:x/timeline/events/1", "/rooms/joined/!in:x/event_map/$i1:example.com"]);
  });
});
