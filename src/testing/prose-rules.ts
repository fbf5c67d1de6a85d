/**
 * Generated instances made to keep the spec's prose rules (src/rules.ts), found and judged by the
 * rules themselves: whatever a rule reports in an instance of a schema it applies to is taken out.
 *
 * Taking out would leave rooms with no event IDs at all, since random IDs are never keys of the
 * room's event_map. So the references are drawn from the event_map's keys instead, and the rule
 * holds by construction; the events no ID refers to are then what the next rule takes out.
 */
import fc, { type Arbitrary } from "fast-check";
import { isJsonObject } from "../../lib/json-value.js";
import { proseRules, type ProseRule } from "../rules.js";
import { removedAt, replacedAt } from "./pointer-edit.js";

/** The pointers, relative to the instance, of what `rule` reports in it (errors and warnings alike). */
function reported(rule: ProseRule, instance: unknown): string[] {
  const pointers: string[] = [];
  rule.check(instance, "", (pointer) => pointers.push(pointer));
  return pointers;
}

/** The rule whose reports are event IDs a room lists that its event_map lacks. */
const REFERENCE_RULE = "event-map-reference";

/** Each event ID the rule reports becomes one of the room's event_map keys; with no keys, it goes. */
function referencesFromEventMap(rule: ProseRule, room: unknown): Arbitrary<unknown> {
  const references = reported(rule, room);
  const ids = isJsonObject(room) && isJsonObject(room.event_map) ? Object.keys(room.event_map) : [];
  if (references.length === 0) return fc.constant(room);
  if (ids.length === 0) return fc.constant(removedAt(room, references));
  const picks = fc.array(fc.constantFrom(...ids), { minLength: references.length, maxLength: references.length });
  return picks.map((chosen) => replacedAt(room, references, chosen));
}

/** Instances with nothing the rule reports: reported parts are removed; an instance reported as a whole is not generated. */
function keeping(arbitrary: Arbitrary<unknown>, rule: ProseRule): Arbitrary<unknown> {
  if (rule.id === REFERENCE_RULE) return arbitrary.chain((room) => referencesFromEventMap(rule, room));
  return arbitrary
    .map((instance) => ({ instance, pointers: reported(rule, instance) }))
    .filter(({ pointers }) => !pointers.includes(""))
    .map(({ instance, pointers }) => (pointers.length === 0 ? instance : removedAt(instance, pointers)));
}

/** `arbitrary`, for instances of the named schemas `names`, made to keep every prose rule about them. */
export function keepingProseRules(names: readonly string[], arbitrary: Arbitrary<unknown>): Arbitrary<unknown> {
  const rules = proseRules.filter((rule) => rule.appliesTo.some((target) => names.includes(target)));
  // References first: what they leave unreferenced is then taken out by the rules that follow.
  const ordered = [...rules].sort((a, b) => Number(b.id === REFERENCE_RULE) - Number(a.id === REFERENCE_RULE));
  return ordered.reduce(keeping, arbitrary);
}
