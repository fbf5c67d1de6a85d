/**
 * Rule settings as people give them: `--rule ID=LEVEL` (read by `readRuleSetting`, shared by the
 * command and the proxy) and the check option's `{ [id]: level }`, plus a prose rule's `check`, which
 * reports at whole pointers below the instance's own.
 */
import { describe, expect, it } from "vitest";
import { checkSyncResponse, proseRules } from "../src/index.js";
import { readRuleSetting } from "../src/rule-options.js";
import { exampleResponse, JOINED } from "./support/example.js";

const KNOWN = "event-map-reference, event-map-unreferenced, invite-state-keys, archived-no-ephemeral, limited-prev-batch, unknown-key";
const SHAPE = "takes ID=LEVEL, LEVEL one of off, warning, error";

describe("a rule setting, ID=LEVEL", () => {
  it("reads each rule at each level", () => {
    expect(readRuleSetting("unknown-key=error")).toEqual({ id: "unknown-key", level: "error" });
    expect(readRuleSetting("event-map-reference=off")).toEqual({ id: "event-map-reference", level: "off" });
    expect(readRuleSetting("limited-prev-batch=warning")).toEqual({ id: "limited-prev-batch", level: "warning" });
  });

  it("says what shape it takes when the level is missing or unknown", () => {
    expect(readRuleSetting("unknown-key")).toEqual({ problem: SHAPE });
    expect(readRuleSetting("off")).toEqual({ problem: SHAPE });
    expect(readRuleSetting("unknown-key=")).toEqual({ problem: SHAPE });
    expect(readRuleSetting("unknown-key=fatal")).toEqual({ problem: SHAPE });
    expect(readRuleSetting("unknown-key=Error")).toEqual({ problem: SHAPE });
  });

  it("names the rule it does not know, quoted and escaped, and lists the known ones", () => {
    expect(readRuleSetting("unknown_key=off")).toEqual({ problem: `names no rule "unknown_key"; the rules are: ${KNOWN}` });
    expect(readRuleSetting("=off")).toEqual({ problem: `names no rule ""; the rules are: ${KNOWN}` });
    // The level is what follows the last "=", so an id holding "=" is read whole, and named.
    expect(readRuleSetting("a\u001b=b=error")).toEqual({ problem: `names no rule "a\\u001b=b"; the rules are: ${KNOWN}` });
  });
});

describe("the rules option with a rule named but no level", () => {
  it("keeps that rule at its default severity", () => {
    const payload = exampleResponse();
    payload.rooms.joined[JOINED].timeline.events.push("$missing:example.com");
    const result = checkSyncResponse(payload, { rules: { "event-map-reference": undefined } });
    expect(result.issues.map(({ rule, severity }) => [rule, severity])).toEqual([["event-map-reference", "error"]]);
  });
});

describe("a prose rule's check", () => {
  const reference = proseRules.find((rule) => rule.id === "event-map-reference")!;

  it("reports each finding at the pointer below the one it is given, tokens escaped", () => {
    const reports: [string, string][] = [];
    const room = { event_map: {}, timeline: { events: ["$a/b~c:x"] }, state: { events: [] } };
    reference.check(room, "/rooms/joined/!r~1:x", (pointer, message) => reports.push([pointer, message]));
    expect(reports).toEqual([["/rooms/joined/!r~1:x/timeline/events/0", `event ID "$a/b~c:x" is not a key of this room's event_map`]]);
    const unreferenced = proseRules.find((rule) => rule.id === "event-map-unreferenced")!;
    const pointers: string[] = [];
    unreferenced.check({ ...room, timeline: { events: [] }, event_map: { "$a/b~c:x": {} } }, "", (pointer) => pointers.push(pointer));
    expect(pointers).toEqual(["/event_map/$a~1b~0c:x"]);
  });

  it("cites the spec's sentence for the event_map rules", () => {
    const sentence =
      "A map from event ID to events for this room. The events are referenced from the ``timeline`` and ``state`` keys for this room.";
    expect(proseRules.filter((rule) => rule.spec.sentence === sentence).map((rule) => rule.id)).toEqual([
      "event-map-reference",
      "event-map-unreferenced",
    ]);
  });
});
