import { describe, expect, it } from "vitest";
import { assertSyncResponse, checkSyncResponse, ContractError, parseSyncResponse, proseRules, type CheckOptions } from "../src/index.js";
import { contractRules } from "../src/rule-options.js";
import { exampleResponse, JOINED } from "./support/example.js";

const joined = `/rooms/joined/${JOINED}`;
const KNOWN = "event-map-reference, event-map-unreferenced, invite-state-keys, archived-no-ephemeral, limited-prev-batch, unknown-key";

/** The example with one error (a timeline ID not in event_map) and one warning (an event_map entry nothing references). */
function brokenTwice(): any {
  const payload = exampleResponse();
  const room = payload.rooms.joined[JOINED];
  room.event_map["$extra:example.com"] = { type: "m.room.message", content: {} };
  room.timeline.events.push("$missing:example.com");
  return payload;
}
const severities = (options?: CheckOptions) =>
  checkSyncResponse(brokenTwice(), options).issues.map((issue) => [issue.rule, issue.severity]);

describe("the rules option: a level per rule", () => {
  it("keeps each rule's default severity when unset or true", () => {
    const defaults = [
      ["event-map-reference", "error"],
      ["event-map-unreferenced", "warning"],
    ];
    expect(severities()).toEqual(defaults);
    expect(severities({ rules: true })).toEqual(defaults);
    expect(severities({ rules: {} })).toEqual(defaults);
  });

  it("moves a rule to another level, or turns it off, leaving the others at their default", () => {
    expect(severities({ rules: { "event-map-reference": "warning" } })).toEqual([
      ["event-map-reference", "warning"],
      ["event-map-unreferenced", "warning"],
    ]);
    expect(severities({ rules: { "event-map-unreferenced": "error", "event-map-reference": "off" } })).toEqual([
      ["event-map-unreferenced", "error"],
    ]);
    expect(severities({ rules: false })).toEqual([]);
  });

  it("decides validity by the levels: an error moved to a warning passes, a warning moved to an error fails", () => {
    expect(checkSyncResponse(brokenTwice()).valid).toBe(false);
    expect(checkSyncResponse(brokenTwice(), { rules: { "event-map-reference": "warning" } }).valid).toBe(true);
    const warnedOnly = exampleResponse();
    delete warnedOnly.rooms.joined[JOINED].timeline.prev_batch;
    expect(checkSyncResponse(warnedOnly).valid).toBe(true);
    expect(checkSyncResponse(warnedOnly, { rules: { "limited-prev-batch": "error" } })).toEqual({
      valid: false,
      truncated: false,
      issues: [
        {
          pointer: `${joined}/timeline`,
          message: "a limited timeline has no prev_batch to fetch the earlier events with",
          rule: "limited-prev-batch",
          severity: "error",
        },
      ],
    });
  });

  it("reaches the assertion and the text parser too", () => {
    expect(() => assertSyncResponse(brokenTwice())).toThrow(ContractError);
    expect(() => assertSyncResponse(brokenTwice(), { rules: { "event-map-reference": "off" } })).not.toThrow();
    expect(parseSyncResponse(JSON.stringify(brokenTwice()), { rules: { "event-map-reference": "warning" } }).valid).toBe(true);
  });

  it("throws a TypeError naming the known ids for an id that names no rule", () => {
    const misspelt = { rules: { "invite-state-key": "warning" } } as unknown as CheckOptions;
    expect(() => checkSyncResponse({}, misspelt)).toThrow(
      new TypeError(`check options: unknown rule "invite-state-key"; the rules are: ${KNOWN}`),
    );
    const proto = { rules: { __proto__: null, toString: "off" } } as unknown as CheckOptions;
    expect(() => checkSyncResponse({}, proto)).toThrow(new TypeError(`check options: unknown rule "toString"; the rules are: ${KNOWN}`));
  });

  it("throws a TypeError for a level or a rules value it does not know, escaping what it quotes", () => {
    const loud = { rules: { "unknown-key": "loud\n" } } as unknown as CheckOptions;
    expect(() => checkSyncResponse({}, loud)).toThrow(
      new TypeError('check options: rule unknown-key takes off, warning, error, not "loud\\n"'),
    );
    const numeric = { rules: { "unknown-key": 2 } } as unknown as CheckOptions;
    expect(() => checkSyncResponse({}, numeric)).toThrow(
      new TypeError("check options: rule unknown-key takes off, warning, error, not number"),
    );
    for (const [rules, shown] of [
      ["all", '"all"'],
      [["unknown-key"], "an array"],
      [null, "object"],
    ] as const) {
      expect(() => checkSyncResponse({}, { rules } as unknown as CheckOptions)).toThrow(
        new TypeError(`check options: rules takes true, false or an object of rule ids and levels, not ${shown}`),
      );
    }
  });

  it("lists every rule once, the prose rules first, with the default severity it reports at", () => {
    expect(contractRules.map((rule) => [rule.id, rule.severity])).toEqual([
      ...proseRules.map((rule) => [rule.id, rule.severity]),
      ["unknown-key", "warning"],
    ]);
    expect(contractRules.map((rule) => rule.id).join(", ")).toBe(KNOWN);
    expect(contractRules.find((rule) => rule.id === "invite-state-keys")!.deviations).toMatch(/origin_server_ts, event_id and unsigned/);
  });
});
