/**
 * The spec's prose rules: what it states in words that its JSON Schema cannot say. Each rule looks at
 * the instances of the named schemas it is about, wherever they occur in the checked value, and
 * skips any part whose shape it does not know, so a spec edit can make a rule miss but not crash.
 */
import { escapePointerToken } from "../lib/json-pointer.js";
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

/**
 * What a rule found in an instance: a message, and the pointer tokens that lead from the instance to
 * the offending value. Tokens, not a pointer: a check builds the pointer only for an issue it reports.
 */
export type Finding = (message: string, ...tokens: (string | number)[]) => void;

export interface ProseRule extends RuleDescription {
  /** Names of the schemas whose instances the rule checks. */
  appliesTo: readonly string[];
  /** Reports what breaks the rule in `instance`, at pointers under `pointer` (the instance's own). */
  check(instance: unknown, pointer: string, report: (pointer: string, message: string) => void): void;
  /** The same judgement, with each finding's place given as tokens below the instance. */
  inspect(instance: unknown, found: Finding): void;
}

/** The tokens below an instance as the pointer they make under `pointer`. */
const pointerBelow = (pointer: string, tokens: readonly (string | number)[]) =>
  tokens.reduce<string>((above, token) => `${above}/${escapePointerToken(token)}`, pointer);

/** A rule whose `check` reports its `inspect` findings at whole pointers. */
function proseRule<const Rule extends Omit<ProseRule, "check">>(rule: Rule): Rule & Pick<ProseRule, "check"> {
  return {
    ...rule,
    check(instance, pointer, report) {
      rule.inspect(instance, (message, ...tokens) => report(pointerBelow(pointer, tokens), message));
    },
  };
}

const BATCHES = ["state", "timeline"] as const;

/** The event IDs a room lists in its `state` or `timeline` (`batch`), or none when that part has no list. */
function listedIds(room: JsonObject, batch: (typeof BATCHES)[number]): readonly unknown[] {
  const value = room[batch];
  return isJsonObject(value) && Array.isArray(value.events) ? value.events : NONE;
}

const NONE: readonly unknown[] = [];

/**
 * Up to this many comparisons, event_map keys are looked for in the lists themselves: for the small
 * rooms of an incremental sync that is faster than putting the listed IDs in a Set.
 */
const SCAN_LIMIT = 256;

const EVENT_MAP_SENTENCE = {
  sentence:
    "A map from event ID to events for this room. The events are referenced from the ``timeline`` and ``state`` keys for this room.",
  source: "spec/sync.yaml, event_map",
};

const INVITE_STATE_KEYS = ["sender", "type", "state_key", "content"];

/** The event_map of a room that has none: every ID it lists is missing. */
const NO_EVENTS: JsonObject = {};

export const proseRules = [
  /* @__PURE__ */ proseRule({
    id: "event-map-reference",
    severity: "error",
    spec: EVENT_MAP_SENTENCE,
    deviations: undefined,
    appliesTo: ["JoinedRoom", "ArchivedRoom"],
    inspect(room, found) {
      if (!isJsonObject(room)) return;
      const eventMap = isJsonObject(room.event_map) ? room.event_map : NO_EVENTS;
      for (const batch of BATCHES) {
        const ids = listedIds(room, batch);
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i];
          if (typeof id === "string" && !Object.hasOwn(eventMap, id)) {
            found(`event ID ${quoted(id)} is not a key of this room's event_map`, batch, "events", i);
          }
        }
      }
    },
  }),
  /* @__PURE__ */ proseRule({
    id: "event-map-unreferenced",
    severity: "warning",
    spec: EVENT_MAP_SENTENCE,
    deviations: undefined,
    appliesTo: ["JoinedRoom", "ArchivedRoom"],
    inspect(room, found) {
      if (!isJsonObject(room) || !isJsonObject(room.event_map)) return;
      const ids = Object.keys(room.event_map);
      const state = listedIds(room, "state");
      const timeline = listedIds(room, "timeline");
      const listed = ids.length * (state.length + timeline.length) > SCAN_LIMIT ? new Set([...state, ...timeline]) : undefined;
      for (const id of ids) {
        if (listed === undefined ? state.includes(id) || timeline.includes(id) : listed.has(id)) continue;
        found("no state or timeline of this room references this event", "event_map", id);
      }
    },
  }),
  /* @__PURE__ */ proseRule({
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
    inspect(inviteState, found) {
      if (!isJsonObject(inviteState) || !Array.isArray(inviteState.events)) return;
      const events: unknown[] = inviteState.events;
      for (let i = 0; i < events.length; i++) {
        const event = events[i];
        if (!isJsonObject(event)) continue;
        for (const key of Object.keys(event)) {
          if (!INVITE_STATE_KEYS.includes(key)) {
            found(`an invite_state event may only have ${INVITE_STATE_KEYS.join(", ")}; not ${quoted(key)}`, "events", i, key);
          }
        }
      }
    },
  }),
  /* @__PURE__ */ proseRule({
    id: "archived-no-ephemeral",
    severity: "error",
    spec: {
      sentence: "The entries in the room_map will lack an ``ephemeral`` key.",
      source: "spec/sync.yaml, archived",
    },
    deviations: undefined,
    appliesTo: ["ArchivedRoom"],
    inspect(room, found) {
      if (isJsonObject(room) && Object.hasOwn(room, "ephemeral")) found("an archived room has no ephemeral key", "ephemeral");
    },
  }),
  /* @__PURE__ */ proseRule({
    id: "limited-prev-batch",
    severity: "warning",
    spec: {
      sentence: "When `limited` is true, a token with which to fetch the events that came before the ones returned here.",
      source: "spec/definitions/timeline_batch.json, prev_batch",
    },
    deviations: undefined,
    appliesTo: ["Timeline"],
    inspect(timeline, found) {
      if (isJsonObject(timeline) && timeline.limited === true && timeline.prev_batch === undefined) {
        found("a limited timeline has no prev_batch to fetch the earlier events with");
      }
    },
  }),
  // Each id stays a literal (`proseRule` infers it as one), so a check's `rules` option can name only these.
] as const;
