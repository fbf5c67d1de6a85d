/**
 * Named faults, for testing how a client handles a homeserver that breaks the contract: each makes a
 * valid payload break exactly one thing, a schema type at one place or one prose rule, so that a
 * client's check reports exactly that one issue. The type faults are read from the schema; the rule
 * faults hold, for each prose rule, the smallest instance that breaks it.
 */
import type { SyncResponse } from "../../generated/types.js";
import type { Severity } from "../issues.js";
import { proseRules } from "../rules.js";
import { typeAllowed } from "../../lib/json-schema.js";
import { FAULT_KEY, faultSites, placedAt, sitePointer, type FaultSite } from "./fault-sites.js";

export interface Fault {
  name: string;
  /** The one issue a check of the faulty payload reports. */
  breaks: { pointer: string; rule: string; severity: Severity };
  /** The payload's JSON text with the fault in it. */
  apply(payload: SyncResponse): string;
}

/** Values of each JSON type, the first one the schema does not allow being the wrong one. */
const WRONG_VALUES: readonly [string, unknown][] = [
  ["string", "mock fault"],
  ["integer", 42],
  ["boolean", true],
  ["object", {}],
  ["array", []],
  ["null", null],
];

function typeFault(site: FaultSite): Fault | undefined {
  const wrong = WRONG_VALUES.find(([type]) => !typeAllowed(site.types, type));
  if (wrong === undefined) return undefined;
  return {
    name: `type:${site.name}`,
    breaks: { pointer: sitePointer(site.path), rule: "schema:type", severity: "error" },
    apply: (payload) => JSON.stringify(placedAt(payload, site.path, wrong[1])),
  };
}

/** For each prose rule: an instance of the first schema it applies to that breaks it, and where it reports that. */
const RULE_BREAKERS: Readonly<Record<string, { instance: unknown; pointer: string }>> = {
  "event-map-reference": { instance: { timeline: { events: [FAULT_KEY] } }, pointer: "/timeline/events/0" },
  "event-map-unreferenced": {
    instance: { event_map: { [FAULT_KEY]: { type: "m.room.message", content: {} } } },
    pointer: `/event_map/${FAULT_KEY}`,
  },
  "invite-state-keys": { instance: { events: [{ type: "m.room.name", event_id: `$${FAULT_KEY}` }] }, pointer: "/events/0/event_id" },
  "archived-no-ephemeral": { instance: { ephemeral: { events: [] } }, pointer: "/ephemeral" },
  "limited-prev-batch": { instance: { limited: true, events: [] }, pointer: "" },
};

function ruleFaults(sites: readonly FaultSite[]): Fault[] {
  return proseRules.flatMap((rule) => {
    const breaker = Object.hasOwn(RULE_BREAKERS, rule.id) ? RULE_BREAKERS[rule.id] : undefined;
    const site = sites.find((candidate) => candidate.name === rule.appliesTo[0]);
    if (breaker === undefined || site === undefined) return [];
    return [
      {
        name: `rule:${rule.id}`,
        breaks: { pointer: sitePointer(site.path) + breaker.pointer, rule: rule.id, severity: rule.severity },
        apply: (payload: SyncResponse) => JSON.stringify(placedAt(payload, site.path, breaker.instance)),
      },
    ];
  });
}

/** The payload's text cut short: what a client reads when the connection drops mid-body. */
const truncated: Fault = {
  name: "json:truncated",
  breaks: { pointer: "", rule: "json", severity: "error" },
  apply: (payload) => {
    const text = JSON.stringify(payload);
    return text.slice(0, Math.floor(text.length / 2));
  },
};

/** Every fault, by name: the schema's type faults in the schema's order, then the prose rules', then `json:truncated`. */
export const faults: ReadonlyMap<string, Fault> = new Map(
  (() => {
    const sites = faultSites();
    const all = [...sites.flatMap((site) => typeFault(site) ?? []), ...ruleFaults(sites), truncated];
    return all.map((fault) => [fault.name, fault] as const);
  })(),
);
