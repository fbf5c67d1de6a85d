/**
 * Shortened text never splits a character outside the Basic Multilingual Plane (a surrogate pair),
 * whatever pair falls on the cut: a lone half would print as a replacement character or break a
 * UTF-8 encoder downstream.
 */
import { describe, expect, it } from "vitest";
import { shorten } from "../lib/display-text.js";

// The first and last characters a surrogate pair encodes: U+10000 is D800 DC00, U+10FFFF is DBFF DFFF.
const FIRST_PAIR = "\u{10000}";
const LAST_PAIR = "\u{10FFFF}";

describe("shortening around surrogate pairs", () => {
  // Limit 4: two code units kept at the start and one at the end, around the ellipsis.
  it("keeps the start before a pair that the cut would split", () => {
    expect(shorten(`a${FIRST_PAIR}bcde`, 4)).toBe("a…e");
    expect(shorten(`a${LAST_PAIR}bcde`, 4)).toBe("a…e");
  });

  it("keeps the end after a pair that the cut would split", () => {
    expect(shorten(`abcde${FIRST_PAIR}`, 4)).toBe("ab…");
    expect(shorten(`abcde${LAST_PAIR}`, 4)).toBe("ab…");
  });

  it("keeps a whole pair that falls inside the kept start or end", () => {
    expect(shorten(`${FIRST_PAIR}bcdefg`, 4)).toBe(`${FIRST_PAIR}…g`);
    expect(shorten(`abcdef${LAST_PAIR}`, 5)).toBe(`ab…${LAST_PAIR}`);
  });

  it("cuts freely next to the characters on either side of the surrogate range", () => {
    expect(shorten("a\ud7ffbcde", 4)).toBe("a\ud7ff…e");
    expect(shorten("a\udc00bcde", 4)).toBe("a\udc00…e");
    expect(shorten("abcde\ue000", 4)).toBe("ab…\ue000");
    expect(shorten("abcde\udbff", 4)).toBe("ab…\udbff");
  });
});
