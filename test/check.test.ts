import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertSyncResponse,
  checkEvent,
  checkJoinedRoom,
  checkSyncQuery,
  checkSyncResponse,
  checkTimeline,
  ContractError,
  examples,
  formatIssues,
  proseRules,
  schemaNames,
  validateSyncResponse,
} from "../src/index.js";
import { collectErrors, validateSyncResponse as validateSyncResponseAllErrors } from "../generated/validators-all-errors.js";
import { repoRoot } from "./support/repo-copy.js";
import { escapeControls } from "../lib/display-text.js";
import { ALICE_JOIN, BOB_JOIN, exampleResponse, INVITED, JOINED, MESSAGE } from "./support/example.js";

const joined = `/rooms/joined/${JOINED}`;

describe("checkSyncResponse", () => {
  it("accepts the bundled example with no issues and returns it typed", () => {
    const result = checkSyncResponse(examples.SyncResponse);
    expect(result).toEqual({ valid: true, value: examples.SyncResponse, issues: [], truncated: false });
  });

  it("reports schema violations with exact pointers and keywords", () => {
    const payload = exampleResponse();
    payload.next_batch = 7;
    payload.rooms.joined[JOINED].timeline.limited = "yes";
    payload.rooms.joined[JOINED].event_map[MESSAGE].type = ["m.room.message"];
    payload.presence = [];
    expect(checkSyncResponse(payload, { rules: false })).toEqual({
      valid: false,
      truncated: false,
      issues: [
        { pointer: "/next_batch", message: "must be string", rule: "schema:type", severity: "error" },
        { pointer: `${joined}/event_map/${MESSAGE}/type`, message: "must be string", rule: "schema:type", severity: "error" },
        { pointer: `${joined}/timeline/limited`, message: "must be boolean", rule: "schema:type", severity: "error" },
        { pointer: "/presence", message: "must be object", rule: "schema:type", severity: "error" },
      ],
    });
  });

  it("escapes pointer tokens as RFC 6901 says", () => {
    const payload = { rooms: { joined: { "!a/b~c:example.com": { state: { events: [1] } } } } };
    expect(checkSyncResponse(payload).issues).toEqual([
      { pointer: "/rooms/joined/!a~1b~0c:example.com/state/events/0", message: "must be string", rule: "schema:type", severity: "error" },
    ]);
  });

  it("reports a value of the wrong type at the root", () => {
    expect(checkSyncResponse("{}").issues).toEqual([{ pointer: "", message: "must be object", rule: "schema:type", severity: "error" }]);
    expect(checkSyncResponse(null).valid).toBe(false);
  });

  it("caps the issues at maxIssues and says so, still counting the payload invalid", () => {
    const payload = { rooms: { joined: { [JOINED]: { state: { events: [1, 2, 3, 4, 5] } } } } };
    const result = checkSyncResponse(payload, { maxIssues: 2 });
    expect(result.valid).toBe(false);
    expect(result.truncated).toBe(true);
    expect(result.issues.map((issue) => issue.pointer)).toEqual([`${joined}/state/events/0`, `${joined}/state/events/1`]);
  });

  it("stops building schema errors once it has enough, so a payload broken everywhere costs little", () => {
    const payload = { rooms: { joined: { [JOINED]: { state: { events: Array.from({ length: 50 }, (_, i) => i) } } } } };
    const capped = collectErrors(validateSyncResponseAllErrors, payload, 10);
    expect(capped.complete).toBe(false);
    expect(capped.errors.map((error) => error.instancePath)).toEqual(Array.from({ length: 10 }, (_, i) => `${joined}/state/events/${i}`));
    const all = collectErrors(validateSyncResponseAllErrors, payload, 1000);
    expect(all).toMatchObject({ complete: true });
    expect(all.errors).toHaveLength(50);
  });

  it("counts warnings without making the payload invalid", () => {
    const payload = exampleResponse();
    delete payload.rooms.joined[JOINED].timeline.prev_batch;
    const result = checkSyncResponse(payload);
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([
      {
        pointer: `${joined}/timeline`,
        message: "a limited timeline has no prev_batch to fetch the earlier events with",
        rule: "limited-prev-batch",
        severity: "warning",
      },
    ]);
  });
});

describe("prose rules", () => {
  it("each cite the spec sentence they enforce", () => {
    expect(proseRules.map((rule) => [rule.id, rule.severity])).toEqual([
      ["event-map-reference", "error"],
      ["event-map-unreferenced", "warning"],
      ["invite-state-keys", "error"],
      ["archived-no-ephemeral", "error"],
      ["limited-prev-batch", "warning"],
    ]);
    expect(proseRules.map((rule) => rule.spec.source)).toEqual([
      "spec/sync.yaml, event_map",
      "spec/sync.yaml, event_map",
      "spec/sync.yaml, invite_state",
      "spec/sync.yaml, archived",
      "spec/definitions/timeline_batch.json, prev_batch",
    ]);
    // Each sentence is quoted as the spec words it, so it can be found there.
    const spec = ["spec/sync.yaml", "spec/definitions/timeline_batch.json"]
      .map((file) => readFileSync(join(repoRoot, file), "utf8"))
      .join("\n")
      .replace(/\s+/g, " ");
    for (const rule of proseRules) expect(spec).toContain(rule.spec.sentence);
  });

  it("apply only to schemas the spec names, so a renamed schema shows here rather than silently unchecked", () => {
    for (const rule of proseRules) expect(schemaNames).toEqual(expect.arrayContaining([...rule.appliesTo]));
  });

  it("event-map-reference: a state or timeline ID that is not in event_map is an error", () => {
    const payload = exampleResponse();
    payload.rooms.joined[JOINED].timeline.events.push("$unknown:example.com");
    payload.rooms.archived["!gone:example.com"] = { state: { events: ["$lost:example.com"] } };
    const result = checkSyncResponse(payload);
    expect(result.valid).toBe(false);
    expect(result.issues.filter((issue) => issue.rule === "event-map-reference")).toEqual([
      {
        pointer: `${joined}/timeline/events/2`,
        message: 'event ID "$unknown:example.com" is not a key of this room\'s event_map',
        rule: "event-map-reference",
        severity: "error",
      },
      {
        pointer: "/rooms/archived/!gone:example.com/state/events/0",
        message: 'event ID "$lost:example.com" is not a key of this room\'s event_map',
        rule: "event-map-reference",
        severity: "error",
      },
    ]);
  });

  it("event-map-reference: an ID inherited from Object.prototype is not a key", () => {
    const payload = { rooms: { joined: { [JOINED]: { event_map: {}, state: { events: ["constructor"] } } } } };
    expect(checkSyncResponse(payload).issues.map((issue) => issue.rule)).toEqual(["event-map-reference"]);
  });

  it("event-map-unreferenced: an event_map entry nothing references is a warning", () => {
    const payload = exampleResponse();
    payload.rooms.joined[JOINED].event_map["$spare:example.com"] = { type: "m.room.message", content: {} };
    const result = checkSyncResponse(payload);
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([
      {
        pointer: `${joined}/event_map/$spare:example.com`,
        message: "no state or timeline of this room references this event",
        rule: "event-map-unreferenced",
        severity: "warning",
      },
    ]);
  });

  it("invite-state-keys: an invite_state event with another key is an error", () => {
    const payload = exampleResponse();
    payload.rooms.invited[INVITED].invite_state.events[1].origin_server_ts = 1417731086795;
    expect(checkSyncResponse(payload).issues).toEqual([
      {
        pointer: `/rooms/invited/${INVITED}/invite_state/events/1/origin_server_ts`,
        message: 'an invite_state event may only have sender, type, state_key, content; not "origin_server_ts"',
        rule: "invite-state-keys",
        severity: "error",
      },
    ]);
  });

  it("archived-no-ephemeral: an archived room with an ephemeral key is an error", () => {
    const payload = exampleResponse();
    payload.rooms.archived["!left:example.com"] = { ephemeral: { events: [] } };
    expect(checkSyncResponse(payload).issues).toEqual([
      {
        pointer: "/rooms/archived/!left:example.com/ephemeral",
        message: "an archived room has no ephemeral key",
        rule: "archived-no-ephemeral",
        severity: "error",
      },
    ]);
  });

  it("pass the example as it is, and apply inside the named schema that is checked", () => {
    const room = structuredClone(examples.JoinedRoom) as any;
    expect(checkJoinedRoom(room)).toMatchObject({ valid: true, issues: [] });
    room.state.events = [BOB_JOIN, "$nowhere"];
    expect(checkJoinedRoom(room).issues).toEqual([
      {
        pointer: "/state/events/1",
        message: 'event ID "$nowhere" is not a key of this room\'s event_map',
        rule: "event-map-reference",
        severity: "error",
      },
      {
        pointer: `/event_map/${ALICE_JOIN}`,
        message: "no state or timeline of this room references this event",
        rule: "event-map-unreferenced",
        severity: "warning",
      },
    ]);
    expect(checkTimeline({ limited: true }).issues).toEqual([
      {
        pointer: "",
        message: "a limited timeline has no prev_batch to fetch the earlier events with",
        rule: "limited-prev-batch",
        severity: "warning",
      },
    ]);
  });

  it("are skipped with rules: false, and skip shapes they do not know", () => {
    const payload = exampleResponse();
    payload.rooms.archived["!left:example.com"] = { ephemeral: {} };
    expect(checkSyncResponse(payload, { rules: false })).toMatchObject({ valid: true, issues: [] });
    const odd = { rooms: { joined: { [JOINED]: { state: "not a batch", timeline: { events: "nope" } } } } };
    expect(checkSyncResponse(odd).issues.map((issue) => `${issue.pointer} ${issue.rule}`)).toEqual([
      `${joined}/state schema:type`,
      `${joined}/timeline/events schema:type`,
    ]);
  });
});

describe("check<Name> for other schemas", () => {
  it("checks an event and a query", () => {
    expect(checkEvent({ type: "m.room.message", content: {}, anything: 1 }).valid).toBe(true);
    expect(checkEvent({ type: 1 }).issues).toEqual([
      { pointer: "/type", message: "must be string", rule: "schema:type", severity: "error" },
    ]);
    expect(checkSyncQuery({ set_presence: "online" }).issues).toEqual([
      {
        pointer: "/set_presence",
        message: 'must be equal to one of the allowed values: "offline"',
        rule: "schema:enum",
        severity: "error",
      },
    ]);
  });
});

describe("assertSyncResponse", () => {
  it("passes a valid payload and throws a ContractError listing the errors otherwise", () => {
    expect(() => assertSyncResponse(examples.SyncResponse)).not.toThrow();
    const payload = exampleResponse();
    payload.next_batch = 1;
    payload.rooms.archived["!left:example.com"] = { ephemeral: {} };
    let thrown: unknown;
    try {
      assertSyncResponse(payload);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContractError);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as ContractError).issues).toHaveLength(2);
    expect((thrown as ContractError).message).toBe(
      [
        "SyncResponse breaks the contract (2 errors):",
        "  /next_batch: must be string (schema:type)",
        "  /rooms/archived/!left:example.com/ephemeral: an archived room has no ephemeral key (archived-no-ephemeral)",
      ].join("\n"),
    );
  });
});

describe("values JavaScript cannot read as data", () => {
  const unreadable = (pointer: string, message: string) => ({
    pointer,
    message: `cannot be read: ${message}`,
    rule: "value:unreadable",
    severity: "error",
  });

  it("a getter that throws: an issue at its pointer, never an exception", () => {
    const room = {
      get state(): unknown {
        throw new Error("state\nis gone");
      },
      timeline: { events: [] },
    };
    const payload = { next_batch: "s1", rooms: { joined: { [JOINED]: room } } };
    expect(checkSyncResponse(payload)).toEqual({
      valid: false,
      truncated: false,
      issues: [unreadable(`${joined}/state`, "state\\nis gone")],
    });
    expect(checkSyncResponse(payload, { rules: false }).issues).toEqual([unreadable(`${joined}/state`, "state\\nis gone")]);
    expect(() => assertSyncResponse(payload)).toThrow(ContractError);
  });

  it("a Proxy whose traps throw, or a revoked one: an issue where it is, each one found", () => {
    const ownKeys = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new TypeError("no keys");
        },
      },
    );
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const payload = { rooms: { joined: ownKeys, archived: { "!r:x": { timeline: revoked } } } };
    expect(checkSyncResponse(payload).issues).toEqual([
      unreadable("/rooms/joined", "no keys"),
      unreadable("/rooms/archived/!r:x/timeline", "Cannot perform 'ownKeys' on a proxy that has been revoked"),
    ]);
  });

  it("a throw the walk cannot find again (a getter that throws once): one issue at the root", () => {
    let calls = 0;
    const payload = {
      get next_batch(): string {
        if (calls++ === 0) throw "first read";
        return "s1";
      },
    };
    expect(checkSyncResponse(payload).issues).toEqual([unreadable("", "first read")]);
  });

  it("an inherited enumerable key counts for the schema, as for…in and property reads see it; the prose rules look at own keys", () => {
    // The schema reads next_batch through the prototype; JSON.stringify would not write it.
    expect(checkSyncResponse(Object.create({ next_batch: 5 })).issues).toEqual([
      { pointer: "/next_batch", message: "must be string", rule: "schema:type", severity: "error" },
    ]);
    // An inherited room is checked by the schema; the rules, like JSON, do not see it.
    const joinedRooms = Object.create({ "!inherited:x": { state: { events: [7] } } });
    expect(checkSyncResponse({ rooms: { joined: joinedRooms } }).issues).toEqual([
      { pointer: "/rooms/joined/!inherited:x/state/events/0", message: "must be string", rule: "schema:type", severity: "error" },
    ]);
    const eventMap = Object.create({ "$e:x": { type: "m.x", content: {} } });
    expect(checkJoinedRoom({ event_map: eventMap, state: { events: ["$e:x"] } }).issues).toEqual([
      {
        pointer: "/state/events/0",
        message: 'event ID "$e:x" is not a key of this room\'s event_map',
        rule: "event-map-reference",
        severity: "error",
      },
    ]);
  });
});

describe("issues shown to people", () => {
  const forged = "!a\n::error file=README.md,line=1::FORGED\u001b[2J\u2028:x";
  const shownId = "!a\\n::error file=README.md,line=1::FORGED\\x1b[2J\\u2028:x";

  it("formatIssues escapes control characters and bounds each pointer token and message; the issues keep them exact", () => {
    const payload = exampleResponse();
    payload.rooms.joined = { [forged]: { event_map: {}, state: { events: [`$${"e".repeat(1_000_000)}\u0085`] } } };
    const { issues } = checkSyncResponse(payload);
    expect(issues.map((issue) => issue.pointer)).toEqual([`/rooms/joined/${forged}/state/events/0`]);
    const shownEvent = `"$${"e".repeat(49)}…${"e".repeat(48)}\\x85"`;
    expect(issues[0]!.message).toBe(`event ID ${shownEvent} is not a key of this room's event_map`);
    expect(formatIssues(issues)).toBe(
      `/rooms/joined/${shownId}/state/events/0: event ID ${shownEvent} is not a key of this room's event_map (event-map-reference)`,
    );
    const long = formatIssues([{ pointer: `/${"k".repeat(1000)}`, message: `m\r${"x".repeat(1000)}`, rule: "r\n", severity: "warning" }]);
    expect(long).toBe(`warning /${"k".repeat(50)}…${"k".repeat(49)}: m\\r${"x".repeat(98)}…${"x".repeat(99)} (r\\n)`);
  });

  it("a ContractError message is escaped and lists at most 20 errors; its issues keep every one with its exact pointer", () => {
    const room = { event_map: {}, state: { events: Array.from({ length: 25 }, (_, i) => `$${i}`) } };
    const payload = { rooms: { joined: { [`${forged}${"r".repeat(1_000_000)}`]: room } } };
    let thrown: ContractError | undefined;
    try {
      assertSyncResponse(payload);
    } catch (error) {
      thrown = error as ContractError;
    }
    expect(thrown!.issues).toHaveLength(25);
    expect(thrown!.issues[24]!.pointer).toBe(`/rooms/joined/${forged}${"r".repeat(1_000_000)}/state/events/24`);
    const lines = thrown!.message.split("\n");
    expect(lines).toHaveLength(22);
    expect(lines[0]).toBe("SyncResponse breaks the contract (25 errors):");
    // A pointer token keeps its first 50 and last 49 characters.
    const token = `${forged}${"r".repeat(50)}`.slice(0, 50);
    expect(lines[1]).toBe(
      `  /rooms/joined/${escapeControls(token)}…${"r".repeat(49)}/state/events/0: event ID "$0" is not a key of this room's event_map (event-map-reference)`,
    );
    expect(lines[21]).toBe("  … 5 more in the error's issues");
    expect(thrown!.message.length).toBeLessThan(6000);
  });
});

describe("validateSyncResponse", () => {
  it("follows ajv's convention: a boolean, and errors after a failed call", () => {
    expect(validateSyncResponse(examples.SyncResponse)).toBe(true);
    expect(validateSyncResponse.errors).toBeNull();
    expect(validateSyncResponse({ next_batch: 1 })).toBe(false);
    expect(validateSyncResponse.errors).toMatchObject([{ instancePath: "/next_batch", keyword: "type", message: "must be string" }]);
  });
});
