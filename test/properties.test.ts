/**
 * Property tests: generated payloads pass, nothing thrown at the checks makes them throw, and one
 * defect put into a valid payload is reported where it is, under the rule it breaks. Run counts and
 * the seed come from test/support/arbitrary-runs.ts (PROPERTY_RUNS, PROPERTY_SEED).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { operation, schemaNames } from "../generated/contract.js";
import type { SchemaName } from "../generated/types.js";
import { checkSyncQuery, checkSyncResponse, parseSyncRequest, parseSyncResponse, serializeSyncResponse } from "../src/index.js";
import { parseJson, positionAt } from "../lib/json-text.js";
import { childPointer } from "../lib/json-pointer.js";
import { arbitraries, arbitraryFor } from "../src/testing/index.js";
import { PROTOTYPE_KEYS } from "../src/testing/json-arbitrary.js";
import { removedAt } from "../src/testing/pointer-edit.js";
import { arbitraryForSchema } from "../src/testing/schema-arbitrary.js";
import { UnsupportedSchemaError } from "../src/testing/schema-shape.js";
import { checkFor, validatorFor } from "./support/arbitrary-contract.js";
import { instancesOf, wrongTypeMutation, withKey } from "./support/arbitrary-mutations.js";
import { propertyParameters, timeoutFor } from "./support/arbitrary-runs.js";

/** Runs per named schema (16 of them) and per single property, in CI. */
const PER_SCHEMA_RUNS = 100;
const SINGLE_RUNS = 300;
const perSchema = { timeout: timeoutFor(PER_SCHEMA_RUNS, 20_000) };
const single = { timeout: timeoutFor(SINGLE_RUNS, 30_000) };

const names = schemaNames as SchemaName[];

/** Text near JSON, so the syntax error scanner gets deep before it fails. */
const jsonishText = fc.string({ unit: fc.constantFrom(...'{}[]":,-+.0123456789eEtrufalsn \n\\'), maxLength: 40 });
const anyText = fc.oneof(
  fc.string({ unit: "binary" }),
  jsonishText,
  fc.json(),
  fc.json().map((text) => text.slice(0, -1)),
);

/** Whether (line, column) is a place in `text`: on one of its lines, at most one past its end. */
function isPlaceIn(text: string, line: number, column: number): boolean {
  const lines = text.split("\n");
  return line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
}

function jsonParse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

describe("generated payloads", () => {
  test.each(names)(
    "every %s payload passes its check with no issue at all",
    (name) => {
      const check = checkFor(name);
      fc.assert(
        fc.property(arbitraryFor(name), (payload) => {
          expect(check(payload)).toEqual({ valid: true, value: payload, issues: [], truncated: false });
        }),
        propertyParameters(PER_SCHEMA_RUNS),
      );
    },
    perSchema.timeout,
  );

  test(
    "every sync response survives serializeSyncResponse then parseSyncResponse unchanged",
    () => {
      fc.assert(
        fc.property(arbitraryFor("SyncResponse"), (payload) => {
          const result = parseSyncResponse(serializeSyncResponse(payload));
          expect(result).toEqual({ valid: true, value: payload, issues: [], truncated: false });
        }),
        propertyParameters(SINGLE_RUNS),
      );
    },
    single.timeout,
  );

  test("they reach every part the prose rules are about", () => {
    const samples = fc.sample(arbitraryFor("SyncResponse"), { seed: 7, numRuns: 400 });
    const share = (has: (payload: unknown) => boolean) => samples.filter(has).length / samples.length;
    const instances = (target: SchemaName) => (payload: unknown) =>
      instancesOf("SyncResponse", target, payload).map(({ value }) => value as Record<string, any>);
    const rooms = (payload: unknown) => [...instances("JoinedRoom")(payload), ...instances("ArchivedRoom")(payload)];
    // Loose floors: seen rates are about twice these; a generator that lost a part gives 0.
    expect(
      share((payload) => rooms(payload).some((room) => (room.state?.events?.length ?? 0) + (room.timeline?.events?.length ?? 0) > 0)),
    ).toBeGreaterThan(0.25);
    expect(share((payload) => instances("InviteState")(payload).some((state) => state.events?.length > 0))).toBeGreaterThan(0.15);
    expect(share((payload) => instances("Timeline")(payload).some((timeline) => timeline.limited === true))).toBeGreaterThan(0.2);
    expect(share((payload) => JSON.stringify(payload).includes('"__proto__":'))).toBeGreaterThan(0.1);
  });

  test("arbitraries has one entry per schema name, the same as arbitraryFor", () => {
    expect(Object.keys(arbitraries)).toStrictEqual(names);
    for (const name of names) {
      const sample = (arbitrary: fc.Arbitrary<unknown>) => fc.sample(arbitrary, { seed: 11, numRuns: 5 });
      expect(sample(arbitraries[name]())).toEqual(sample(arbitraryFor(name)));
    }
  });

  test("the size options bound what is generated", () => {
    const options = { maxEntries: 1, maxExtraKeys: 0, maxLength: 2, maxDepth: 0 };
    for (const joined of fc.sample(arbitraryFor("Joined", options), { seed: 5, numRuns: 200 })) {
      expect(Object.keys(joined).length).toBeLessThanOrEqual(1);
      for (const [roomId, room] of Object.entries(joined)) {
        if (!PROTOTYPE_KEYS.includes(roomId as never)) expect([...roomId].length).toBeLessThanOrEqual(2);
        expect(Object.keys(room).filter((key) => !["event_map", "state", "timeline", "ephemeral"].includes(key))).toStrictEqual([]);
      }
    }
  });

  test("an unknown schema name is a TypeError, not an empty arbitrary", () => {
    expect(() => arbitraryFor("Sync" as SchemaName)).toThrow(new TypeError('arbitraryFor: no schema is named "Sync"'));
  });
});

describe("a schema the arbitraries cannot honour is refused, not guessed at", () => {
  const refusal = (schema: Record<string, unknown>) => {
    try {
      arbitraryForSchema(schema, "Test");
    } catch (error) {
      expect(error).toBeInstanceOf(UnsupportedSchemaError);
      return (error as Error).message;
    }
    throw new Error("the schema was accepted");
  };

  test("a keyword outside the supported part of JSON Schema", () => {
    expect(refusal({ type: "object", properties: { since: { type: "string", pattern: "^s" } } })).toBe(
      'the schema at #/properties/since uses the keyword "pattern", which the arbitraries do not support',
    );
  });

  test("a schema that contains itself", () => {
    const node = { type: "object", properties: { next: { $ref: "#/definitions/Node" } } };
    expect(refusal({ $ref: "#/definitions/Node", definitions: { Node: node } })).toBe(
      "the schema at #/properties/next contains Node inside itself; recursive schemas are not supported",
    );
  });

  test("a $ref to nothing, and allOf members that no value satisfies", () => {
    expect(refusal({ $ref: "#/definitions/Missing" })).toBe(
      'the schema at # refers to "#/definitions/Missing", which is not one of its definitions',
    );
    expect(refusal({ allOf: [{ type: "string" }, { type: "object" }] })).toBe(
      "the schema at # allows no type: the schemas it combines disagree",
    );
    expect(refusal({ allOf: [{ properties: { a: {} } }, { additionalProperties: false }] })).toBe(
      "the schema at # combines additionalProperties with keys declared by another schema, which the arbitraries do not support",
    );
  });
});

describe("nothing makes the checks throw", () => {
  test.each(names)(
    "%s: validate and check return a verdict for any JSON value, and agree",
    (name) => {
      const [validate, check] = [validatorFor(name), checkFor(name)];
      const anyValue = fc.oneof(
        fc.jsonValue(),
        arbitraryFor(name),
        wrongTypeMutation(name).map(({ mutated }) => mutated),
      );
      fc.assert(
        fc.property(anyValue, (value) => {
          const verdict = validate(value);
          expect(typeof verdict).toBe("boolean");
          const result = check(value, { rules: false });
          expect(result.valid).toBe(verdict);
          expect(result.issues.every((issue) => issue.severity === "error" && issue.rule.startsWith("schema:"))).toBe(true);
          expect(result.issues.length === 0).toBe(verdict);
          expect(check(value).issues.length).toBeGreaterThanOrEqual(result.issues.length);
        }),
        propertyParameters(PER_SCHEMA_RUNS),
      );
    },
    perSchema.timeout,
  );

  test(
    "parseJson reads any string as JSON.parse does, placing each syntax error in the text",
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const result = parseJson(text);
          const expected = jsonParse(text);
          if (expected) return void expect(result).toEqual({ ok: true, value: expected.value });
          if (result.ok) throw new Error("parseJson accepted what JSON.parse rejects");
          expect(result.offset).toBeGreaterThanOrEqual(0);
          expect(result.offset).toBeLessThanOrEqual(text.length);
          expect(result.position).toStrictEqual(positionAt(text, result.offset));
        }),
        propertyParameters(SINGLE_RUNS),
      );
    },
    single.timeout,
  );

  test(
    "parseSyncResponse gives any string a verdict: a json issue, or the check of what it spells",
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            anyText,
            arbitraryFor("SyncResponse").map((payload) => JSON.stringify(payload)),
          ),
          (text) => {
            const result = parseSyncResponse(text);
            const expected = jsonParse(text.startsWith("\ufeff") ? text.slice(1) : text);
            if (expected) return void expect(result).toEqual(checkSyncResponse(expected.value));
            expect(result.valid).toBe(false);
            expect(result.issues).toHaveLength(1);
            const [issue] = result.issues;
            expect(issue).toMatchObject({ pointer: "", rule: "json", severity: "error" });
            expect(isPlaceIn(text, issue!.line!, issue!.column!)).toBe(true);
          },
        ),
        propertyParameters(SINGLE_RUNS),
      );
    },
    single.timeout,
  );

  test(
    "parseSyncResponse and parseJson answer a value that is not text with an issue, not an exception",
    () => {
      fc.assert(
        fc.property(
          fc.jsonValue().filter((value) => typeof value !== "string"),
          (value) => {
            const response = parseSyncResponse(value as never);
            expect(response.valid).toBe(false);
            expect(response.issues).toMatchObject([{ pointer: "", rule: "json", severity: "error" }]);
            expect(parseJson(value as never).ok).toBe(false);
          },
        ),
        propertyParameters(SINGLE_RUNS),
      );
    },
    single.timeout,
  );

  test(
    "parseSyncRequest answers any string, JSON value or parameter list with a query or a 400",
    () => {
      const declared = Object.keys(operation.query);
      const parameterNames = [...declared, operation.accessTokenParameter ?? "access_token", "other"];
      const pairs = fc.array(
        fc.tuple(fc.constantFrom(...parameterNames), fc.oneof(fc.string(), fc.integer().map(String), fc.constant("offline"))),
        { maxLength: 5 },
      );
      const input = fc.oneof(
        anyText,
        fc.jsonValue(),
        pairs.map((list) => new URLSearchParams(list)),
        pairs.map((list) => `/sync?${new URLSearchParams(list)}`),
      );
      fc.assert(
        fc.property(input, (request) => {
          const result = parseSyncRequest(request as never);
          if (result.ok) {
            expect(checkSyncQuery(result.query).valid).toBe(true);
            expect(Object.keys(result.query).every((name) => declared.includes(name))).toBe(true);
          } else {
            expect(result).toStrictEqual({ ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error: result.body.error } });
            expect(typeof result.body.error).toBe("string");
          }
        }),
        propertyParameters(SINGLE_RUNS),
      );
    },
    single.timeout,
  );
});

describe("one defect is reported where it is, under the rule it breaks", () => {
  test.each(names)(
    "a value of the wrong type anywhere the %s schema types one: schema:type at its pointer",
    (name) => {
      const check = checkFor(name);
      fc.assert(
        fc.property(wrongTypeMutation(name), ({ mutated, pointer, types }) => {
          const result = check(mutated);
          expect(result.valid).toBe(false);
          expect(result.issues).toContainEqual({ pointer, message: `must be ${types.join(",")}`, rule: "schema:type", severity: "error" });
        }),
        propertyParameters(PER_SCHEMA_RUNS),
      );
    },
    perSchema.timeout,
  );

  const roomsOf = (payload: unknown) => [
    ...instancesOf("SyncResponse", "JoinedRoom", payload),
    ...instancesOf("SyncResponse", "ArchivedRoom", payload),
  ];

  test(
    "an event_map entry removed while state or timeline lists its ID: event-map-reference at each listing",
    () => {
      fc.assert(
        fc.property(arbitraryFor("SyncResponse"), fc.nat(), (payload, pick) => {
          const candidates = roomsOf(payload).flatMap(({ pointer, value }) =>
            Object.keys((value as any).event_map ?? {}).map((id) => ({ pointer, room: value as any, id })),
          );
          fc.pre(candidates.length > 0);
          const { pointer, room, id } = candidates[pick % candidates.length]!;
          const listings = ["state", "timeline"].flatMap((batch) =>
            ((room[batch]?.events ?? []) as string[]).flatMap((listed, i) => (listed === id ? [`${pointer}/${batch}/events/${i}`] : [])),
          );
          expect(listings.length).toBeGreaterThan(0);
          const result = checkSyncResponse(removedAt(payload, [childPointer(`${pointer}/event_map`, id)]));
          const message = `event ID ${JSON.stringify(id)} is not a key of this room's event_map`;
          expect(result).toStrictEqual({
            valid: false,
            truncated: false,
            issues: listings.map((at) => ({ pointer: at, message, rule: "event-map-reference", severity: "error" })),
          });
        }),
        propertyParameters(SINGLE_RUNS),
      );
    },
    single.timeout,
  );

  test(
    "a key beyond sender, type, state_key and content on an invite_state event: invite-state-keys at that key",
    () => {
      const allowed = ["sender", "type", "state_key", "content"];
      fc.assert(
        fc.property(arbitraryFor("SyncResponse"), fc.nat(), fc.string(), fc.jsonValue(), (payload, pick, key, value) => {
          const events = instancesOf("SyncResponse", "InviteState", payload).flatMap(({ pointer, value: state }) =>
            ((state as any).events ?? []).map((event: object, i: number) => ({ at: `${pointer}/events/${i}`, event })),
          );
          fc.pre(events.length > 0 && !allowed.includes(key));
          const { at, event } = events[pick % events.length]!;
          fc.pre(!Object.hasOwn(event, key));
          const result = checkSyncResponse(withKey(payload, at, key, value));
          expect(result).toStrictEqual({
            valid: false,
            truncated: false,
            issues: [
              {
                pointer: childPointer(at, key),
                message: `an invite_state event may only have ${allowed.join(", ")}; not ${JSON.stringify(key)}`,
                rule: "invite-state-keys",
                severity: "error",
              },
            ],
          });
        }),
        propertyParameters(SINGLE_RUNS),
      );
    },
    single.timeout,
  );

  test(
    "an ephemeral key on an archived room: archived-no-ephemeral at that key",
    () => {
      fc.assert(
        fc.property(arbitraryFor("SyncResponse"), fc.nat(), arbitraryFor("Ephemeral"), (payload, pick, ephemeral) => {
          const archived = instancesOf("SyncResponse", "ArchivedRoom", payload);
          fc.pre(archived.length > 0);
          const { pointer } = archived[pick % archived.length]!;
          const result = checkSyncResponse(withKey(payload, pointer, "ephemeral", ephemeral));
          expect(result).toStrictEqual({
            valid: false,
            truncated: false,
            issues: [
              {
                pointer: `${pointer}/ephemeral`,
                message: "an archived room has no ephemeral key",
                rule: "archived-no-ephemeral",
                severity: "error",
              },
            ],
          });
        }),
        propertyParameters(SINGLE_RUNS),
      );
    },
    single.timeout,
  );

  test(
    "a query value its parameter cannot take: a 400 naming the parameter and its constraint",
    () => {
      const notAnInteger = fc.oneof(
        fc.string().filter((text) => !/^-?\d+$/.test(text)),
        fc.constantFrom("1.5", "1e3", "0x10", " 7"),
      );
      const unsafeInteger = fc.constantFrom("9007199254740992", "-9007199254740993", "99999999999999999999");
      const bad = fc.oneof(
        notAnInteger.map((text) => ({ name: "timeout", text, error: `timeout: must be an integer, not ${JSON.stringify(text)}` })),
        unsafeInteger.map((text) => ({
          name: "timeout",
          text,
          error: `timeout: must be an integer from -(2^53 - 1) to 2^53 - 1, not ${JSON.stringify(text)}`,
        })),
        fc
          .string()
          .filter((text) => text !== "offline")
          .map((text) => ({ name: "set_presence", text, error: 'set_presence: must be equal to one of the allowed values: "offline"' })),
      );
      fc.assert(
        fc.property(arbitraryFor("SyncQuery", { maxExtraKeys: 0 }), bad, (query, { name, text, error }) => {
          const params = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
          params.set(name, text);
          expect(parseSyncRequest(params)).toStrictEqual({ ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error } });
        }),
        propertyParameters(SINGLE_RUNS),
      );
    },
    single.timeout,
  );
});
