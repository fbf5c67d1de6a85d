import { describe, expect, it } from "vitest";
import { checkSyncResponse } from "../src/index.js";
import { childPointer } from "../lib/json-pointer.js";
import type { SyncResponse } from "../generated/types.js";
import { breakEveryEvent, generateCapture, generateNdjson, generateSyncResponse, PAYLOAD_SIZES } from "./support/sync-payloads.js";

const small = { seed: 3, joinedRooms: 4, eventsPerRoom: 30, invitedRooms: 2, archivedRooms: 3 };
const INVITE_STATE_KEYS = ["content", "sender", "state_key", "type"];

/** Each room of `joined` or `archived` with its pointer. */
function roomsOf(payload: SyncResponse, kind: "joined" | "archived") {
  return Object.entries(payload.rooms?.[kind] ?? {}).map(([id, room]) => ({ room, pointer: childPointer(`/rooms/${kind}`, id) }));
}

describe("generateSyncResponse", () => {
  it("gives the same payload for the same seed, and another for another seed", () => {
    expect(JSON.stringify(generateSyncResponse(small))).toBe(JSON.stringify(generateSyncResponse(small)));
    expect(JSON.stringify(generateSyncResponse({ ...small, seed: 4 }))).not.toBe(JSON.stringify(generateSyncResponse(small)));
  });

  it("has the rooms and events the shape asks for, each event listed once by state or timeline", () => {
    const payload = generateSyncResponse(small);
    expect(Object.keys(payload.rooms!.joined!)).toHaveLength(4);
    expect(Object.keys(payload.rooms!.invited!)).toHaveLength(2);
    expect(Object.keys(payload.rooms!.archived!)).toHaveLength(3);
    for (const room of Object.values(payload.rooms!.joined!)) {
      const listed = [...room.state!.events!, ...room.timeline!.events!];
      expect(listed.sort()).toEqual(Object.keys(room.event_map!).sort());
      expect(listed).toHaveLength(30);
      expect(room.ephemeral!.events![0]).toMatchObject({ type: "m.typing" });
    }
  });

  it("ends every archived room with the user leaving or being banned, and gives it no ephemeral", () => {
    for (const { room } of roomsOf(generateSyncResponse(small), "archived")) {
      expect(room).not.toHaveProperty("ephemeral");
      const last = room.event_map![room.timeline!.events!.at(-1)!]!;
      expect(last).toMatchObject({ type: "m.room.member", state_key: "@alice:example.com" });
      expect(["leave", "ban"]).toContain(last.content!.membership);
    }
  });

  it("gives invite_state events only the keys the spec allows, and every limited timeline a prev_batch", () => {
    const payload = generateSyncResponse(small);
    for (const room of Object.values(payload.rooms!.invited!)) {
      for (const event of room.invite_state!.events!) expect(Object.keys(event).sort()).toEqual(INVITE_STATE_KEYS);
    }
    for (const { room } of [...roomsOf(payload, "joined"), ...roomsOf(payload, "archived")]) {
      if (room.timeline!.limited) expect(typeof room.timeline!.prev_batch).toBe("string");
    }
  });

  it("passes checkSyncResponse with no issue, warnings included, at every benchmark size", () => {
    for (const shape of [small, PAYLOAD_SIZES.oneMegabyte, PAYLOAD_SIZES.fiveHundredRooms]) {
      expect(checkSyncResponse(generateSyncResponse(shape))).toMatchObject({ valid: true, issues: [], truncated: false });
    }
  });

  it("makes payloads of the stated sizes: about 1 MB, and about 26 MB for 500 rooms of 200 events", () => {
    const megabytes = (shape: typeof small) => Buffer.byteLength(JSON.stringify(generateSyncResponse(shape))) / 1e6;
    const oneMegabyte = megabytes(PAYLOAD_SIZES.oneMegabyte);
    const fiveHundredRooms = megabytes(PAYLOAD_SIZES.fiveHundredRooms);
    expect(oneMegabyte).toBeGreaterThan(0.9);
    expect(oneMegabyte).toBeLessThan(1.1);
    expect(fiveHundredRooms).toBeGreaterThan(24);
    expect(fiveHundredRooms).toBeLessThan(28);
  });
});

describe("generateCapture and generateNdjson", () => {
  it("gives response i the same whatever the length of the capture", () => {
    expect(generateCapture({ seed: 7, responses: 40 })).toEqual(generateCapture({ seed: 7, responses: 100 }).slice(0, 40));
  });

  it("makes incremental syncs that pass checkSyncResponse with no issue", () => {
    const capture = generateCapture({ seed: 7, responses: 300 });
    for (const response of capture) expect(checkSyncResponse(response)).toMatchObject({ valid: true, issues: [] });
    expect(new Set(capture.map((response) => response.next_batch)).size).toBe(300);
  });

  it("writes one compact response a line, each line ending in a newline", () => {
    const text = generateNdjson({ seed: 7, responses: 25 });
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((line) => JSON.parse(line))).toEqual(generateCapture({ seed: 7, responses: 25 }));
  });
});

describe("breakEveryEvent", () => {
  it("gives exactly two schema errors at every event of every event_map, and leaves its input alone", () => {
    const payload = generateSyncResponse(small);
    const before = JSON.stringify(payload);
    const expected = [...roomsOf(payload, "joined"), ...roomsOf(payload, "archived")].flatMap(({ room, pointer }) =>
      Object.keys(room.event_map!).flatMap((id) => {
        const event = childPointer(`${pointer}/event_map`, id);
        return [`${event}/content`, `${event}/type`];
      }),
    );
    const result = checkSyncResponse(breakEveryEvent(payload), { maxIssues: Infinity });
    expect(result.valid).toBe(false);
    expect(result.issues.map((issue) => issue.pointer).sort()).toEqual(expected.sort());
    expect(new Set(result.issues.map((issue) => issue.rule))).toEqual(new Set(["schema:type"]));
    expect(expected).toHaveLength(
      2 * (4 * 30 + Object.values(payload.rooms!.archived!).reduce((n, room) => n + Object.keys(room.event_map!).length, 0)),
    );
    expect(JSON.stringify(payload)).toBe(before);
  });
});
