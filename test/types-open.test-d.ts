/**
 * The named types accept what the validators accept: for every named schema, a valid instance that
 * carries a key its schema does not list, written as a literal, is assignable to its type. The
 * `Closed` variants reject that key wherever the schema lists its keys and says nothing of others,
 * and accept it where the schema allows other keys itself (a map, `additionalProperties: true`).
 */
import { describe, expectTypeOf, it } from "vitest";
import type { Closed, SchemaName, SchemaTypes } from "../src/index.js";

/** The names whose type takes any string key. */
type TakesOtherKeys<Types> = { [N in keyof Types]: string extends keyof Types[N] ? N : never }[keyof Types];

describe("a valid literal with a key its schema does not list", () => {
  it("is assignable to the type of every named schema", () => {
    // Keyed by SchemaName: a new named schema does not compile here until it has its literal.
    const literals: { [N in SchemaName]: SchemaTypes[N] } = {
      SyncResponse: { next_batch: "s1", account_data: { events: [] } },
      Rooms: { joined: {}, knocked: {} },
      Joined: { "!r:x": { timeline: { events: ["$e:x"] }, account_data: {} } },
      JoinedRoom: { timeline: { events: [] }, account_data: { events: [] } },
      EventMap: { "$e:x": { type: "m.room.message", content: { body: "hi" }, sender: "@a:x" } },
      Event: { type: "m.room.message", content: { body: "hi" }, sender: "@a:x", origin_server_ts: 1 },
      State: { events: ["$e:x"], limited: false },
      Timeline: { events: [], limited: true, prev_batch: "t1", filtered: true },
      Ephemeral: { events: [{ type: "m.typing", content: {} }], since: "s1" },
      Invited: { "!r:x": { invite_state: { events: [] }, inviter: "@a:x" } },
      InvitedRoom: { invite_state: { events: [] }, inviter: "@a:x" },
      InviteState: { events: [], partial: false },
      Archived: { "!r:x": { timeline: { events: [] }, left_at: 1 } },
      ArchivedRoom: { state: { events: [] }, left_at: 1 },
      Presence: { events: [], since: "s1" },
      SyncQuery: { timeout: 30000, full_state: true },
    };
    expectTypeOf(literals).toBeObject();
    expectTypeOf<TakesOtherKeys<SchemaTypes>>().toEqualTypeOf<SchemaName>();
  });

  it("is rejected by the closed type where the schema lists its keys and says nothing of others", () => {
    expectTypeOf<TakesOtherKeys<Closed.SchemaTypes>>().toEqualTypeOf<"Joined" | "EventMap" | "Event" | "Invited" | "Archived">();
    // Each pair: the literal without the extra key is a valid closed value, with it a type error.
    const syncResponse: Closed.SyncResponse = { next_batch: "s1" };
    // @ts-expect-error account_data is not listed
    const syncResponseOther: Closed.SyncResponse = { next_batch: "s1", account_data: { events: [] } };
    const rooms: Closed.Rooms = { joined: {} };
    // @ts-expect-error knocked is not listed
    const roomsOther: Closed.Rooms = { joined: {}, knocked: {} };
    const joinedRoom: Closed.JoinedRoom = { timeline: { events: [] } };
    // @ts-expect-error account_data is not listed
    const joinedRoomOther: Closed.JoinedRoom = { timeline: { events: [] }, account_data: { events: [] } };
    const state: Closed.State = { events: ["$e:x"] };
    // @ts-expect-error limited is not listed for State
    const stateOther: Closed.State = { events: ["$e:x"], limited: false };
    const timeline: Closed.Timeline = { events: [], limited: true, prev_batch: "t1" };
    // @ts-expect-error filtered is not listed
    const timelineOther: Closed.Timeline = { events: [], limited: true, prev_batch: "t1", filtered: true };
    const ephemeral: Closed.Ephemeral = { events: [{ type: "m.typing", content: {} }] };
    // @ts-expect-error since is not listed
    const ephemeralOther: Closed.Ephemeral = { events: [{ type: "m.typing", content: {} }], since: "s1" };
    const invitedRoom: Closed.InvitedRoom = { invite_state: { events: [] } };
    // @ts-expect-error inviter is not listed
    const invitedRoomOther: Closed.InvitedRoom = { invite_state: { events: [] }, inviter: "@a:x" };
    const inviteState: Closed.InviteState = { events: [] };
    // @ts-expect-error partial is not listed
    const inviteStateOther: Closed.InviteState = { events: [], partial: false };
    const archivedRoom: Closed.ArchivedRoom = { state: { events: [] } };
    // @ts-expect-error left_at is not listed
    const archivedRoomOther: Closed.ArchivedRoom = { state: { events: [] }, left_at: 1 };
    const presence: Closed.Presence = { events: [] };
    // @ts-expect-error since is not listed
    const presenceOther: Closed.Presence = { events: [], since: "s1" };
    const syncQuery: Closed.SyncQuery = { timeout: 30000 };
    // @ts-expect-error full_state is not listed
    const syncQueryOther: Closed.SyncQuery = { timeout: 30000, full_state: true };
    // A key inside a nested closed object is caught as well.
    // @ts-expect-error filtered is not listed for the timeline of a closed JoinedRoom
    const nestedOther: Closed.SyncResponse = { rooms: { joined: { "!r:x": { timeline: { events: [], filtered: true } } } } };
    expectTypeOf([
      [syncResponse, syncResponseOther, rooms, roomsOther, joinedRoom, joinedRoomOther, state, stateOther, timeline, timelineOther],
      [ephemeral, ephemeralOther, invitedRoom, invitedRoomOther, inviteState, inviteStateOther, archivedRoom, archivedRoomOther],
      [presence, presenceOther, syncQuery, syncQueryOther, nestedOther],
    ]).toBeArray();
  });

  it("is accepted by the closed type where the schema allows other keys itself", () => {
    const closed: Pick<Closed.SchemaTypes, "Joined" | "EventMap" | "Event" | "Invited" | "Archived"> = {
      Joined: { "!r:x": { timeline: { events: ["$e:x"] } } },
      EventMap: { "$e:x": { type: "m.room.message", content: { body: "hi" }, sender: "@a:x" } },
      Event: { type: "m.room.message", content: { body: "hi" }, sender: "@a:x", origin_server_ts: 1 },
      Invited: { "!r:x": { invite_state: { events: [] } } },
      Archived: { "!r:x": { timeline: { events: [] } } },
    };
    expectTypeOf(closed).toBeObject();
  });
});
