/**
 * Values where the schema allows anything (an event's `content`, an undeclared key), and the strings
 * and keys of every payload. All of them survive `JSON.stringify` then `JSON.parse` unchanged, and
 * they include what breaks careless code: any Unicode, lone surrogates, `__proto__` as a key.
 */
import fc, { type Arbitrary } from "fast-check";

export interface Settings {
  /** Most entries in a map or array. */
  maxEntries: number;
  /** Most keys an open object gets beyond the ones its schema declares. */
  maxExtraKeys: number;
  /** Longest string or key, in characters (`__proto__`, `constructor` and `prototype` come as they are). */
  maxLength: number;
  /** Deepest nesting of a free-form value. */
  maxDepth: number;
  /**
   * Whether strings and keys may hold lone surrogates. JSON carries them (as `\uD800`), but some
   * tools cannot: @cfworker/json-schema throws on such a key, for one.
   */
  loneSurrogates: boolean;
}

export interface JsonArbitraries {
  string: Arbitrary<string>;
  key: Arbitrary<string>;
  number: Arbitrary<number>;
  value: Arbitrary<unknown>;
}

/** Keys that reach `Object.prototype` when code writes `target[key] = value` without care. */
export const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;

const ascii = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 });
const anyCodePoint = fc.string({ unit: "binary", minLength: 1, maxLength: 1 });
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

function characters(loneSurrogates: boolean): Arbitrary<string> {
  const common = [
    { weight: 6, arbitrary: ascii },
    { weight: 3, arbitrary: anyCodePoint },
  ];
  // JSON.stringify writes a lone surrogate as \uD800, and JSON.parse reads it back.
  return fc.oneof(...common, ...(loneSurrogates ? [{ weight: 1, arbitrary: loneSurrogate }] : []));
}

/** Finite doubles; -0 becomes 0, since JSON writes -0 as 0. */
const finiteNumber = fc.double({ noNaN: true, noDefaultInfinity: true }).map((number) => (number === 0 ? 0 : number));

/** Entries with distinct keys. `Object.fromEntries` makes each an own key, `__proto__` included. */
export function entriesOf(key: Arbitrary<string>, value: Arbitrary<unknown>, maxKeys: number): Arbitrary<[string, unknown][]> {
  return fc.uniqueArray(fc.tuple(key, value), { selector: ([name]) => name, maxLength: maxKeys });
}

export function jsonArbitraries(settings: Settings): JsonArbitraries {
  const string = fc.string({ unit: characters(settings.loneSurrogates), maxLength: settings.maxLength });
  const key = fc.oneof({ weight: 19, arbitrary: string }, { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) });
  const number = fc.oneof(fc.integer(), finiteNumber);
  const leaf = fc.oneof(fc.constant(null), fc.boolean(), number, string);
  const depthIdentifier = fc.createDepthIdentifier();
  const { value } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ maxDepth: settings.maxDepth, depthIdentifier }, leaf, tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: settings.maxEntries, depthIdentifier }),
    object: entriesOf(key, tie("value"), settings.maxEntries).map((entries) => Object.fromEntries(entries)),
  }));
  return { string, key, number, value };
}
