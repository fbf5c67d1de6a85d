/**
 * `truncated` at the cap: a wrapper schema and the schema it wraps report one failure twice (a room's
 * `state` that is no object fails both State and the RoomEventBatch it wraps), and those duplicates
 * must neither fill the list nor make a complete list look truncated.
 */
import { describe, expect, it } from "vitest";
import { checkSyncResponse } from "../src/index.js";

/** A payload whose rooms each have a `state` that is not an object: one issue per room, two schema errors. */
const roomsWithBadState = (count: number) => ({
  rooms: { joined: Object.fromEntries(Array.from({ length: count }, (_, i) => [`!r${i}:example.org`, { state: 1 }])) },
});
const stateIssue = (i: number) => ({
  pointer: `/rooms/joined/!r${i}:example.org/state`,
  message: "must be object",
  rule: "schema:type",
  severity: "error",
});

describe("maxIssues against failures reported twice", () => {
  it("as many failures as the cap, each reported by wrapper and wrapped: all listed once, not truncated", () => {
    expect(checkSyncResponse(roomsWithBadState(2), { maxIssues: 2 })).toEqual({
      valid: false,
      truncated: false,
      issues: [stateIssue(0), stateIssue(1)],
    });
    expect(checkSyncResponse(roomsWithBadState(1), { maxIssues: 1 })).toEqual({ valid: false, truncated: false, issues: [stateIssue(0)] });
  });

  it("one failure more than the cap: the cap's worth listed, and truncated", () => {
    expect(checkSyncResponse(roomsWithBadState(3), { maxIssues: 2 })).toEqual({
      valid: false,
      truncated: true,
      issues: [stateIssue(0), stateIssue(1)],
    });
  });

  it("the default cap of 100: a hundred such rooms are complete, a hundred and one truncated", () => {
    const hundred = checkSyncResponse(roomsWithBadState(100));
    expect(hundred.truncated).toBe(false);
    expect(hundred.issues).toHaveLength(100);
    expect(hundred.issues[99]).toEqual(stateIssue(99));
    const more = checkSyncResponse(roomsWithBadState(101));
    expect(more.truncated).toBe(true);
    expect(more.issues).toHaveLength(100);
  });
});
