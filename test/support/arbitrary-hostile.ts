/** Hostile JSON texts, built as text so that every key in them is an own key, as JSON.parse makes it. */

export const DEPTH = 100_000;
export const HUNDRED_MB = 100 * 2 ** 20;
export const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;

/** `[[[…]]]`, `depth` arrays deep. */
export const nestedArrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
/** `{"a":{"a":…{}}}`, `depth` objects deep. */
export const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + "{}" + "}".repeat(depth);

/** A JSON object written as text, keys in the order given, duplicates kept. */
export const object = (entries: readonly (readonly [string, string])[]) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;

const POLLUTION = object([["polluted", "true"]]);

/** The entries with `__proto__`, `constructor` and `prototype` in front, each holding `value`. */
export const withPrototypeKeys = (entries: readonly (readonly [string, string])[], value = POLLUTION) => [
  ...PROTOTYPE_KEYS.map((key) => [key, value] as const),
  ...entries,
];

/** A map whose keys are `__proto__`, `constructor` and `prototype`, each holding `value`. */
export const prototypeKeyed = (value: string) => object(PROTOTYPE_KEYS.map((key) => [key, value] as const));

/** The own keys of Object.prototype and Array.prototype with their descriptors, to see that nothing changed. */
export function prototypeSnapshot(): unknown[] {
  return [Object.prototype, Array.prototype].map((prototype) =>
    Reflect.ownKeys(prototype).map((key) => [key, Object.getOwnPropertyDescriptor(prototype, key)]),
  );
}

/**
 * A sync response with `__proto__`, `constructor` and `prototype` at every level: as keys of each
 * open object (holding `{"polluted":true}`), as room IDs in each map of rooms, as event IDs in each
 * event_map and in the state and timeline that list them. Valid, with no issue at all.
 */
export function prototypeKeysEverywhere(): string {
  const content = object(withPrototypeKeys([["body", '"hello"']]));
  const event = object(
    withPrototypeKeys([
      ["type", '"m.room.message"'],
      ["content", content],
    ]),
  );
  const ids = JSON.stringify(PROTOTYPE_KEYS);
  const batch = (more: [string, string][] = []) => object(withPrototypeKeys([["events", ids], ...more]));
  const room = (more: [string, string][] = []) =>
    object(
      withPrototypeKeys([["event_map", prototypeKeyed(event)], ["state", batch()], ["timeline", batch([["limited", "false"]])], ...more]),
    );
  const inviteEvent = object([
    ["type", '"m.room.member"'],
    ["state_key", '"@bob:example.org"'],
    ["content", content],
  ]);
  const events = (list: string) => object(withPrototypeKeys([["events", `[${list}]`]]));
  const rooms = object(
    withPrototypeKeys([
      ["joined", prototypeKeyed(room([["ephemeral", events(event)]]))],
      ["invited", prototypeKeyed(object(withPrototypeKeys([["invite_state", events(inviteEvent)]])))],
      ["archived", prototypeKeyed(room())],
    ]),
  );
  return object(
    withPrototypeKeys([
      ["next_batch", '"s1"'],
      ["rooms", rooms],
      ["presence", events(event)],
    ]),
  );
}
