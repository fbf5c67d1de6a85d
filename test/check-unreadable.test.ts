/**
 * A value the checks cannot read everywhere (src/check.ts): a getter that throws inside a structure
 * that refers to itself, or under an object met twice, is reported once at its pointer, and the walk
 * that finds it ends.
 */
import { describe, expect, it } from "vitest";
import { checkSyncResponse } from "../src/index.js";

const unreadable = (pointer: string, message: string) => ({
  pointer,
  message: `cannot be read: ${message}`,
  rule: "value:unreadable",
  severity: "error",
});

describe("unreadable values the walk meets more than once", () => {
  it("a getter that throws in a value that contains itself: one issue, and the check returns", () => {
    const room: Record<string, unknown> = {
      get state(): unknown {
        throw new Error("gone");
      },
    };
    room.self = room;
    expect(checkSyncResponse({ next_batch: "s1", rooms: { joined: { "!r:x": room } } })).toEqual({
      valid: false,
      truncated: false,
      issues: [unreadable("/rooms/joined/!r:x/state", "gone")],
    });
  });

  it("one throwing object under two keys: reported where it is first read", () => {
    const timeline = {
      get events(): unknown {
        throw new Error("no events");
      },
    };
    const payload = { next_batch: "s1", rooms: { joined: { "!a:x": { timeline }, "!b:x": { timeline } } } };
    expect(checkSyncResponse(payload).issues).toEqual([unreadable("/rooms/joined/!a:x/timeline/events", "no events")]);
  });

  it("strings, numbers and null beside the throwing getter are read, not walked into", () => {
    const payload = {
      next_batch: "s1",
      presence: null,
      account_data: 7,
      rooms: {
        get joined(): unknown {
          throw new RangeError("too deep");
        },
      },
    };
    expect(checkSyncResponse(payload, { maxIssues: 5 })).toEqual({
      valid: false,
      truncated: false,
      issues: [unreadable("/rooms/joined", "too deep")],
    });
  });
});
