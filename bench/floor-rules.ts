/**
 * For scale beside `checkSyncResponse`: the prose rules written out by hand for this spec's
 * `SyncResponse`, straight-line code that answers only whether every rule holds (no issues, no
 * pointers, no levels). Run after `validateSyncResponse`, it is the least a check with every rule on
 * can cost, however its rule pass is compiled.
 */
import { isJsonObject, type JsonObject } from "../lib/json-value.js";

const INVITE_STATE_KEYS = ["sender", "type", "state_key", "content"];
const NONE: readonly unknown[] = [];

function listed(room: JsonObject, batch: "state" | "timeline"): readonly unknown[] {
  const value = room[batch];
  return isJsonObject(value) && Array.isArray(value.events) ? value.events : NONE;
}

function roomKeepsRules(room: unknown, archived: boolean): boolean {
  if (!isJsonObject(room)) return true;
  const eventMap = isJsonObject(room.event_map) ? room.event_map : {};
  const state = listed(room, "state");
  const timeline = listed(room, "timeline");
  for (const id of [...state, ...timeline]) if (typeof id === "string" && !Object.hasOwn(eventMap, id)) return false;
  const ids = Object.keys(eventMap);
  const referenced = ids.length * (state.length + timeline.length) > 256 ? new Set([...state, ...timeline]) : undefined;
  for (const id of ids) if (referenced ? !referenced.has(id) : !state.includes(id) && !timeline.includes(id)) return false;
  if (archived && Object.hasOwn(room, "ephemeral")) return false;
  const tl = room.timeline;
  return !(isJsonObject(tl) && tl.limited === true && tl.prev_batch === undefined);
}

function inviteKeepsRules(room: unknown): boolean {
  const inviteState = isJsonObject(room) ? room.invite_state : undefined;
  if (!isJsonObject(inviteState) || !Array.isArray(inviteState.events)) return true;
  for (const event of inviteState.events as unknown[]) {
    if (isJsonObject(event) && Object.keys(event).some((key) => !INVITE_STATE_KEYS.includes(key))) return false;
  }
  return true;
}

const each = (map: unknown, keeps: (room: unknown) => boolean) => !isJsonObject(map) || Object.keys(map).every((key) => keeps(map[key]));

/** Whether a `SyncResponse` keeps every prose rule. */
export function keepsProseRules(payload: unknown): boolean {
  const rooms = isJsonObject(payload) && Object.hasOwn(payload, "rooms") ? payload.rooms : undefined;
  if (!isJsonObject(rooms)) return true;
  return (
    each(rooms.joined, (room) => roomKeepsRules(room, false)) &&
    each(rooms.archived, (room) => roomKeepsRules(room, true)) &&
    each(rooms.invited, inviteKeepsRules)
  );
}
