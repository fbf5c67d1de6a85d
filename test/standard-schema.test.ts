import { sValidator } from "@hono/standard-validator";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { checkEvent, checkSyncResponse, checkTimeline, checks, examples, schemaNames } from "../src/index.js";

const ROOM = "!726s6s6q:example.com";
const INVITED = "!696r7674:example.com";
/** A copy of the example to break, typed loosely: the point is to build what the types forbid. */
const example = (): any => structuredClone(examples.SyncResponse);

describe("every check is a Standard Schema v1", () => {
  it.each(schemaNames)("check%s carries ~standard: version 1, our vendor, validate", (name) => {
    const standard = checks[name]["~standard"];
    expect({ version: standard.version, vendor: standard.vendor, validate: typeof standard.validate }).toEqual({
      version: 1,
      vendor: "matrix-sync-contract",
      validate: "function",
    });
    expect(standard).toBe(checks[name]["~standard"]);
  });

  it("returns a valid value itself, with no issues", () => {
    const value = example();
    const result = checkSyncResponse["~standard"].validate(value);
    expect(result).toEqual({ value });
    expect("value" in result && result.value).toBe(value);
  });

  it("maps each error to its message and its path, the pointer's tokens decoded", () => {
    const value = example();
    const room = value.rooms.joined[ROOM];
    value.rooms.joined = { "a/b~c": structuredClone(room), "0": room };
    value.rooms.joined["a/b~c"].timeline.limited = "yes";
    expect(checkSyncResponse["~standard"].validate(value)).toEqual({
      issues: [{ message: "must be boolean", path: ["rooms", "joined", "a/b~c", "timeline", "limited"] }],
    });
  });

  it("gives an array index as a number, and an object key made of digits as a string", () => {
    const value = example();
    value.rooms.joined = { "0": { timeline: { events: [5, "$missing:example.com"], limited: false } } };
    expect(checkSyncResponse["~standard"].validate(value)).toEqual({
      issues: [
        { message: "must be string", path: ["rooms", "joined", "0", "timeline", "events", 0] },
        {
          message: 'event ID "$missing:example.com" is not a key of this room\'s event_map',
          path: ["rooms", "joined", "0", "timeline", "events", 1],
        },
      ],
    });
  });

  it("passes a value whose only issues are warnings", () => {
    const timeline = { events: [], limited: true };
    expect(checkTimeline(timeline).issues.map((issue) => issue.severity)).toEqual(["warning"]);
    expect(checkTimeline["~standard"].validate(timeline)).toEqual({ value: timeline });
  });

  it("reports the errors behind more warnings than a check lists: the warning rules are off", () => {
    const value = example();
    const eventMap = value.rooms.joined[ROOM].event_map;
    for (let i = 0; i < 150; i++) eventMap[`$unused${i}:example.com`] = { type: "m.room.message", content: {} };
    value.rooms.invited[INVITED].invite_state.events[0].origin_server_ts = 1;
    expect(checkSyncResponse(value).issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(checkSyncResponse["~standard"].validate(value)).toEqual({
      issues: [
        {
          message: 'an invite_state event may only have sender, type, state_key, content; not "origin_server_ts"',
          path: ["rooms", "invited", INVITED, "invite_state", "events", 0, "origin_server_ts"],
        },
      ],
    });
  });

  it("puts a value that cannot be read at its path, without throwing", () => {
    const value = {
      type: "m.room.message",
      get content(): unknown {
        throw new Error("no content");
      },
    };
    expect(checkEvent["~standard"].validate(value)).toEqual({ issues: [{ message: "cannot be read: no content", path: ["content"] }] });
  });
});

describe("Hono's sValidator with checkSyncResponse", () => {
  const app = new Hono().post("/sync", sValidator("json", checkSyncResponse), (c) => c.json({ next: c.req.valid("json").next_batch }));
  const post = (body: unknown) =>
    app.request("/sync", { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });

  it("accepts a valid body and hands the handler the typed value", async () => {
    const response = await post(examples.SyncResponse);
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { next: "s72595_4483_1934" } });
  });

  it("rejects an invalid body with a 400 listing the issues", async () => {
    const body = { next_batch: 5 };
    const response = await post(body);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { data: body, success: false, error: [{ message: "must be string", path: ["next_batch"] }] },
    });
  });
});
