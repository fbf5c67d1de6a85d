import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { skipScalar, skipString, skipValue, skipWhitespace } from "../lib/json-scan.js";
import { locatePointer } from "../lib/json-locate.js";
import { childPointer } from "../lib/json-pointer.js";

describe("the JSON scanner", () => {
  it("skips exactly the value JSON.stringify wrote, however it is indented", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, "\t"), fc.string(), (value, indent, after) => {
        const text = JSON.stringify(value, null, indent);
        expect(skipValue(`${text},${after}`, 0)).toBe(text.length);
      }),
      { numRuns: 300 },
    );
  });

  it("skips any string JSON.stringify wrote, escapes and lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (value) => {
        const text = JSON.stringify(value);
        expect(skipString(`${text},`, 0)).toBe(text.length);
      }),
    );
  });

  it.each([
    ['"a\nb"', 0, "a control character"],
    ['"a\\x"', 0, "a bad escape"],
    ['"abc', 0, "no closing quote"],
    ["tru", 0, "a cut literal"],
    ["+1", 0, "a plus sign"],
    ["", 0, "nothing"],
  ])("answers the start for %j: %s", (text, at) => {
    expect(skipScalar(text, at)).toBe(at);
  });

  it("stops scalars where JSON does", () => {
    expect(skipScalar("01", 0)).toBe(1);
    expect(skipScalar("-0.5e+3]", 0)).toBe(7);
    expect(skipScalar("nullx", 0)).toBe(4);
    expect(skipWhitespace(" \t\r\n\u00a0", 0)).toBe(4);
  });

  it("runs a string that never ends to the end of the text when skipping a container", () => {
    expect(skipValue('[1, "abc', 0)).toBe(8);
  });

  it("gives locatePointer an answer inside any text, JSON or not", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((text) => text.slice(0, -1)),
        ),
        fc.array(fc.string(), { maxLength: 3 }),
        (text, tokens) => {
          const at = locatePointer(text, tokens.reduce(childPointer, ""));
          expect(at).toBeGreaterThanOrEqual(0);
          expect(at).toBeLessThanOrEqual(text.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
