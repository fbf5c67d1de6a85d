import { describe, expect, it } from "vitest";
import { checks, checkJoinedRoom, checkSyncResponse, examples, schemaNames, type Issue } from "../src/index.js";
import { closestKey } from "../src/strict-suggest.js";
import { exampleResponse, JOINED, MESSAGE } from "./support/example.js";

const strict = { strict: true } as const;
const onlyUnknown = (issues: Issue[]) => issues.filter((issue) => issue.rule === "unknown-key");

describe("strict mode: unknown-key", () => {
  it("is off unless asked for", () => {
    expect(checkSyncResponse({ next_btach: "x" })).toMatchObject({ valid: true, issues: [] });
    expect(checkSyncResponse({ next_btach: "x" }, { strict: false })).toMatchObject({ valid: true, issues: [] });
  });

  it("reports a misspelt key as a warning at its pointer, naming the key meant", () => {
    expect(checkSyncResponse({ next_btach: "x" }, strict)).toEqual({
      valid: true,
      value: { next_btach: "x" },
      truncated: false,
      issues: [
        {
          pointer: "/next_btach",
          message: 'the spec names no key "next_btach" here; did you mean `next_batch`?',
          rule: "unknown-key",
          severity: "warning",
        },
      ],
    });
  });

  it("finds nothing in any bundled example", () => {
    const named = schemaNames.filter((name) => Object.hasOwn(examples, name));
    expect(named.length).toBeGreaterThan(10);
    for (const name of named) expect([name, checks[name]((examples as Record<string, unknown>)[name], strict).issues]).toEqual([name, []]);
  });

  it("knows exactly the keys each schema lists, through allOf, unless it says other keys are allowed", () => {
    const named = (name: string) => {
      const [issue] = onlyUnknown(checks[name as keyof typeof checks]({ zzzzzzzzzzzz: 1 }, strict).issues);
      return issue && issue.pointer === "/zzzzzzzzzzzz" ? issue.message.replace(/^.*; it names /, "") : "(none reported)";
    };
    expect(Object.fromEntries(schemaNames.map((name) => [name, named(name)]))).toEqual({
      SyncResponse: "next_batch, rooms, presence",
      Rooms: "joined, invited, archived",
      Joined: "(none reported)", // a map: its keys are room IDs
      JoinedRoom: "event_map, state, timeline, ephemeral",
      EventMap: "(none reported)",
      Event: "(none reported)", // additionalProperties: true, said out loud
      State: "events",
      Timeline: "limited, prev_batch, events",
      Ephemeral: "events",
      Invited: "(none reported)",
      InvitedRoom: "invite_state",
      InviteState: "events",
      Archived: "(none reported)",
      ArchivedRoom: "event_map, state, timeline",
      Presence: "events",
      SyncQuery: "filter, since, set_presence, timeout",
    });
  });

  it("leaves events and their content alone: the spec says other keys are expected there", () => {
    const payload = exampleResponse();
    Object.assign(payload.rooms.joined[JOINED].event_map[MESSAGE], { unsigned: { age: 5 }, origin_server_ts: 1 });
    payload.rooms.joined[JOINED].event_map[MESSAGE].content.anything = true;
    expect(checkSyncResponse(payload, strict).issues).toEqual([]);
  });

  it("checks inside maps and allOf compositions, in each named schema's own check", () => {
    const room = { state: { events: [], limted: 1 }, timeline: { events: [], limitd: true }, ephemeral: { events: [], typing: [] } };
    expect(checkJoinedRoom(room, strict).issues.map((issue) => [issue.pointer, issue.message])).toEqual([
      ["/state/limted", 'the spec names no key "limted" here; it names events'],
      ["/timeline/limitd", 'the spec names no key "limitd" here; did you mean `limited`?'],
      ["/ephemeral/typing", 'the spec names no key "typing" here; it names events'],
    ]);
    const payload = { rooms: { archived: { "!a/b~c:x": { timelin: {} } } } };
    expect(checkSyncResponse(payload, strict).issues.map((issue) => issue.pointer)).toEqual(["/rooms/archived/!a~1b~0c:x/timelin"]);
  });

  it("quotes the unknown key escaped and shortened, and keeps the exact pointer", () => {
    const key = `evil\n\x1b[31m${"k".repeat(500)}`;
    const [issue] = checkSyncResponse({ [key]: 1 }, strict).issues;
    expect(issue!.pointer).toBe(`/${key}`);
    expect(issue!.message.includes("\n") || issue!.message.includes("\x1b")).toBe(false);
    expect(issue!.message).toContain("evil\\n\\u001b[31m");
    expect(issue!.message.length).toBeLessThan(200);
  });

  it("counts past maxIssues without listing, and makes the value invalid when it is an error", () => {
    const payload = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    const warned = checkSyncResponse(payload, { strict: true, maxIssues: 3 });
    expect(warned).toMatchObject({ valid: true, truncated: true });
    expect(warned.issues.map((issue) => issue.pointer)).toEqual(["/k0", "/k1", "/k2"]);
    expect(checkSyncResponse(payload, { strict: true, maxIssues: 3, rules: { "unknown-key": "error" } }).valid).toBe(false);
  });

  it("turns a throwing Proxy trap into an issue, never an exception", () => {
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("no keys");
        },
      },
    );
    const result = checkSyncResponse({ rooms: { joined: { "!r:x": trap } } }, strict);
    expect(result.valid).toBe(false);
    expect(result.issues.map((issue) => issue.rule)).toContain("value:unreadable");
  });
});

describe("closestKey", () => {
  it("counts a swap of neighbours as one edit and keeps to a third of the key's length", () => {
    expect(closestKey("next_btach", ["next_batch", "rooms", "presence"])).toBe("next_batch");
    expect(closestKey("join", ["joined", "invited", "archived"])).toBe("joined");
    expect(closestKey("leave", ["joined", "invited", "archived"])).toBeUndefined();
    expect(closestKey("x", ["events"])).toBeUndefined();
    expect(closestKey("y".repeat(100_000), ["events"])).toBeUndefined();
  });

  it("takes the nearest, and the first listed on a tie", () => {
    expect(closestKey("stal", ["state", "stale"])).toBe("stale");
    expect(closestKey("stae", ["state", "stale"])).toBe("state");
    expect(closestKey("stae", ["stale", "state"])).toBe("stale");
  });
});
