/**
 * Payloads in the shapes real homeservers sent in late 2015, written here as fixtures: Synapse's
 * compact canonical JSON and its indented output for curl, with unicode in names and bodies, an
 * invite carrying the user's own m.room.member event whole, an archived room, receipts and typing in
 * `ephemeral`, tags in a room's `account_data`; and the drafts just before and after ours. Each goes
 * through the library and the matchers: default verdicts, each severity level, strict mode.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSyncResponse, parseSyncResponse, type Issue } from "../src/index.js";
import "../src/vitest.js";
import { repoRoot } from "./support/repo-copy.js";

const text = (name: string) => readFileSync(join(repoRoot, "test/fixtures/captures", name), "utf8");
const capture = (name: string): unknown => JSON.parse(text(name));

const COMPACT = "synapse-compact-invite.json";
const CURL = "synapse-curl-archived.json";
const EARLIER = "draft-earlier-room-map.json";
const LATER = "draft-later-join-invite-leave.json";

const INVITE = "/rooms/invited/!iNvItEdqGhTkLmPo:example.org/invite_state/events/2";
const inviteIssue = (key: string, severity: Issue["severity"]): Issue => ({
  pointer: `${INVITE}/${key}`,
  message: `an invite_state event may only have sender, type, state_key, content; not "${key}"`,
  rule: "invite-state-keys",
  severity,
});
const unknownKey = (pointer: string, message: string): Issue => ({ pointer, message, rule: "unknown-key", severity: "warning" });
const ACCOUNT_DATA = unknownKey(
  "/rooms/joined/!cURbafjkfsMDVwdRDQ:example.org/account_data",
  'the spec names no key "account_data" here; it names event_map, state, timeline, ephemeral',
);

describe("the captures as they were written", () => {
  it("are compact single-line canonical JSON, or indented as for curl, with unicode unescaped", () => {
    expect(text(COMPACT)).not.toContain("\n");
    expect(text(COMPACT)).toContain('"name":"Café ☕ Zürich"');
    expect(text(CURL).split("\n")[1]).toBe('    "next_batch": "s72601_4490_1940_9",');
    expect(text(CURL)).toContain('"body": "Я буду! 🙋"');
  });
});

describe("default verdicts", () => {
  it("an invite carrying the user's own member event whole breaks invite-state-keys, as the spec's words say", () => {
    expect(parseSyncResponse(text(COMPACT))).toEqual({
      valid: false,
      truncated: false,
      issues: ["event_id", "origin_server_ts", "unsigned"].map((key) => inviteIssue(key, "error")),
    });
  });

  it("an archived room, a limited timeline, receipts and typing pass with no issue", () => {
    const result = parseSyncResponse(text(CURL));
    expect(result).toMatchObject({ valid: true, issues: [], truncated: false });
  });

  it("the neighbouring drafts' shapes pass with no word: the schemas leave those keys open", () => {
    expect(checkSyncResponse(capture(EARLIER))).toMatchObject({ valid: true, issues: [] });
    expect(checkSyncResponse(capture(LATER))).toMatchObject({ valid: true, issues: [] });
    expect(checkSyncResponse({ next_btach: "x" })).toMatchObject({ valid: true, issues: [] });
  });
});

describe("severity levels", () => {
  it("invite-state-keys as a warning: valid, the same three issues as warnings", () => {
    const result = checkSyncResponse(capture(COMPACT), { rules: { "invite-state-keys": "warning" } });
    expect(result).toMatchObject({
      valid: true,
      issues: ["event_id", "origin_server_ts", "unsigned"].map((key) => inviteIssue(key, "warning")),
    });
  });

  it("invite-state-keys off: valid with no issue; other rules still apply", () => {
    expect(checkSyncResponse(capture(COMPACT), { rules: { "invite-state-keys": "off" } })).toMatchObject({ valid: true, issues: [] });
    const broken: any = capture(COMPACT);
    broken.rooms.joined["!cURbafjkfsMDVwdRDQ:example.org"].timeline.events.push("$missing:example.org");
    expect(checkSyncResponse(broken, { rules: { "invite-state-keys": "off" } }).issues.map((issue) => [issue.rule, issue.pointer])).toEqual(
      [["event-map-reference", "/rooms/joined/!cURbafjkfsMDVwdRDQ:example.org/timeline/events/2"]],
    );
  });

  it("invite-state-keys as an error is its default", () => {
    expect(checkSyncResponse(capture(COMPACT), { rules: { "invite-state-keys": "error" } })).toEqual(checkSyncResponse(capture(COMPACT)));
  });

  it("rules: false turns every rule off, strict mode's too", () => {
    expect(checkSyncResponse(capture(COMPACT), { rules: false, strict: true })).toMatchObject({ valid: true, issues: [] });
  });
});

describe("strict mode", () => {
  it("names the room's account_data (its tags) as a key the spec does not name, a warning", () => {
    const result = checkSyncResponse(capture(COMPACT), { strict: true, rules: { "invite-state-keys": "warning" } });
    expect(result.valid).toBe(true);
    expect(result.issues.filter((issue) => issue.rule === "unknown-key")).toEqual([ACCOUNT_DATA]);
  });

  it("finds nothing unknown in the curl capture", () => {
    expect(checkSyncResponse(capture(CURL), { strict: true })).toMatchObject({ valid: true, issues: [] });
  });

  it("reports the earlier draft's rooms.default and room_map at their pointers", () => {
    expect(checkSyncResponse(capture(EARLIER), { strict: true }).issues).toEqual([
      unknownKey("/room_map", 'the spec names no key "room_map" here; it names next_batch, rooms, presence'),
      unknownKey("/rooms/default", 'the spec names no key "default" here; it names joined, invited, archived'),
    ]);
  });

  it("reports the later draft's rooms.join, invite and leave, suggesting the keys this spec names", () => {
    expect(checkSyncResponse(capture(LATER), { strict: true }).issues).toEqual([
      unknownKey("/rooms/invite", 'the spec names no key "invite" here; did you mean `invited`?'),
      unknownKey("/rooms/join", 'the spec names no key "join" here; did you mean `joined`?'),
      unknownKey("/rooms/leave", 'the spec names no key "leave" here; it names joined, invited, archived'),
    ]);
  });

  it("as an error, makes the later draft's payload invalid", () => {
    const result = checkSyncResponse(capture(LATER), { strict: true, rules: { "unknown-key": "error" } });
    expect(result.valid).toBe(false);
    expect(result.issues.map((issue) => [issue.pointer, issue.severity])).toEqual([
      ["/rooms/invite", "error"],
      ["/rooms/join", "error"],
      ["/rooms/leave", "error"],
    ]);
  });
});

describe("the matchers on the captures", () => {
  it("fail the invite capture by default and pass it with invite-state-keys as a warning or off", () => {
    expect(capture(COMPACT)).not.toBeValidSyncResponse();
    expect(capture(COMPACT)).toBeValidSyncResponse({ rules: { "invite-state-keys": "warning" } });
    expect(capture(COMPACT)).toSatisfyContract("SyncResponse", { rules: { "invite-state-keys": "off" } });
    expect(capture(CURL)).toBeValidSyncResponse({ strict: true });
  });

  it("fail a neighbouring draft in strict mode with unknown-key as an error, listing each key", () => {
    expect(capture(LATER)).toBeValidSyncResponse({ strict: true });
    let message = "";
    try {
      expect(capture(LATER)).toBeValidSyncResponse({ strict: true, rules: { "unknown-key": "error" } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      [
        "expected the value to satisfy SyncResponse, but it breaks the contract:",
        '  /rooms/invite: the spec names no key "invite" here; did you mean `invited`? (unknown-key)',
        '  /rooms/join: the spec names no key "join" here; did you mean `joined`? (unknown-key)',
        '  /rooms/leave: the spec names no key "leave" here; it names joined, invited, archived (unknown-key)',
      ].join("\n"),
    );
  });
});
