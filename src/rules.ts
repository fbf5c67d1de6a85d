/**
 * The spec's prose rules: what it states in words that its JSON Schema cannot say. Each rule looks at
 * the instances of the named schemas it is about, wherever they occur in the checked value, and
 * skips any part whose shape it does not know, so a spec edit can make a rule miss but not crash.
 */
import { childPointer } from "../lib/json-pointer.js";
import { isJsonObject, type JsonObject } from "../lib/json-value.js";
import { quoted, type Severity } from "./issues.js";

/** What a rule is, for people: its id, its default severity, what it enforces, where real servers depart from it. */
export interface RuleDescription {
  id: string;
  /** The severity it reports at unless the check's `rules` option sets another level. */
  severity: Severity;
  /** The sentence of the spec the rule enforces, and the file it stands in. */
  spec: { sentence: string; source: string };
  /** How payloads from real servers are known to break the rule, or `undefined` when none is known. */
  deviations: string | undefined;
}

export interface ProseRule extends RuleDescription {
  /** Names of the schemas whose instances the rule checks. */
  appliesTo: readonly string[];
  check(instance: unknown, pointer: string, report: (pointer: string, message: string) => void): void;
}

/**
 * Calls `visit` with each string event ID listed in a room's `state` and `timeline`, and where it is
 * listed. Pointers are left to the caller to build, only for an issue: a valid room has many IDs.
 */
function forEachReferencedId(room: JsonObject, visit: (id: string, batch: string, index: number) => void): void {
  for (const batch of ["state", "timeline"]) {
    const value = room[batch];
    if (!isJsonObject(value) || !Array.isArray(value.events)) continue;
    const events: unknown[] = value.events;
    for (let i = 0; i < events.length; i++) {
      const id = events[i];
      if (typeof id === "string") visit(id, batch, i);
    }
  }
}

const EVENT_MAP_SENTENCE = {
  sentence:
    "A map from event ID to events for this room. The events are referenced from the ``timeline`` and ``state`` keys for this room.",
  source: "spec/sync.yaml, event_map",
};

const INVITE_STATE_KEYS = ["sender", "type", "state_key", "content"];

export const proseRules = [
  {
    id: "event-map-reference",
    severity: "error",
    spec: EVENT_MAP_SENTENCE,
    deviations: undefined,
    appliesTo: ["JoinedRoom", "ArchivedRoom"],
    check(room, pointer, report) {
      if (!isJsonObject(room)) return;
      const eventMap = isJsonObject(room.event_map) ? room.event_map : {};
      forEachReferencedId(room, (id, batch, index) => {
        if (Object.hasOwn(eventMap, id)) return;
        report(`${pointer}/${batch}/events/${index}`, `event ID ${quoted(id)} is not a key of this room's event_map`);
      });
    },
  },
  {
    id: "event-map-unreferenced",
    severity: "warning",
    spec: EVENT_MAP_SENTENCE,
    deviations: undefined,
    appliesTo: ["JoinedRoom", "ArchivedRoom"],
    check(room, pointer, report) {
      if (!isJsonObject(room) || !isJsonObject(room.event_map)) return;
      const referenced = new Set<string>();
      forEachReferencedId(room, (id) => referenced.add(id));
      for (const id of Object.keys(room.event_map)) {
        if (referenced.has(id)) continue;
        report(childPointer(`${pointer}/event_map`, id), "no state or timeline of this room references this event");
      }
    },
  },
  {
    id: "invite-state-keys",
    severity: "error",
    spec: {
      sentence: "These state events may only have the `sender``, ``type``, ``state_key`` and ``content`` keys present.",
      source: "spec/sync.yaml, invite_state",
    },
    deviations:
      "Synapse (October–November 2015) puts the user's own invite m.room.member event into invite_state whole, " +
      "with origin_server_ts, event_id and unsigned beside the four keys.",
    appliesTo: ["InviteState"],
    check(inviteState, pointer, report) {
      if (!isJsonObject(inviteState) || !Array.isArray(inviteState.events)) return;
      inviteState.events.forEach((event: unknown, i: number) => {
        if (!isJsonObject(event)) return;
        for (const key of Object.keys(event)) {
          if (!INVITE_STATE_KEYS.includes(key)) {
            report(
              childPointer(`${pointer}/events/${i}`, key),
              `an invite_state event may only have ${INVITE_STATE_KEYS.join(", ")}; not ${quoted(key)}`,
            );
          }
        }
      });
    },
  },
  {
    id: "archived-no-ephemeral",
    severity: "error",
    spec: {
      sentence: "The entries in the room_map will lack an ``ephemeral`` key.",
      source: "spec/sync.yaml, archived",
    },
    deviations: undefined,
    appliesTo: ["ArchivedRoom"],
    check(room, pointer, report) {
      if (isJsonObject(room) && Object.hasOwn(room, "ephemeral")) report(`${pointer}/ephemeral`, "an archived room has no ephemeral key");
    },
  },
  {
    id: "limited-prev-batch",
    severity: "warning",
    spec: {
      sentence: "When `limited` is true, a token with which to fetch the events that came before the ones returned here.",
      source: "spec/definitions/timeline_batch.json, prev_batch",
    },
    deviations: undefined,
    appliesTo: ["Timeline"],
    check(timeline, pointer, report) {
      if (isJsonObject(timeline) && timeline.limited === true && timeline.prev_batch === undefined) {
        report(pointer, "a limited timeline has no prev_batch to fetch the earlier events with");
      }
    },
  },
  // `as const` keeps each id a literal, so a check's `rules` option can name only these.
] as const satisfies readonly ProseRule[];
