/**
 * Strict mode's "did you mean" hint (src/strict-suggest.ts): the nearest known key within a third of
 * the unknown key's length (at most 3 edits), a swap of neighbouring characters counting as one edit.
 */
import { describe, expect, it } from "vitest";
import { closestKey } from "../src/strict-suggest.js";

describe("the key an unknown key was probably meant to be", () => {
  it("counts a swap of two neighbouring characters as one edit, wherever it is in the key", () => {
    // A two- or three-character key allows one edit: a swap read as two edits would find nothing.
    expect(closestKey("ba", ["ab"])).toBe("ab");
    expect(closestKey("bac", ["abc"])).toBe("abc");
    expect(closestKey("acb", ["abc"])).toBe("abc");
    expect(closestKey("next_btach", ["next_batch"])).toBe("next_batch");
  });

  it("takes only a swap of the same two characters as one edit", () => {
    expect(closestKey("ab", ["ba", "bc"])).toBe("ba");
    expect(closestKey("abc", ["bca"])).toBeUndefined();
    expect(closestKey("abc", ["cab"])).toBeUndefined();
    expect(closestKey("abcd", ["badc"])).toBe("badc");
    expect(closestKey("abcdef", ["badcfe"])).toBeUndefined();
    expect(closestKey("abcdef", ["badcef"])).toBe("badcef");
    // A character moved past a different one is two edits: "zq" to "wz" and "qz" to "zw" are no swaps.
    expect(closestKey("zq", ["wz"])).toBeUndefined();
    expect(closestKey("qz", ["zw"])).toBeUndefined();
  });

  it("finds a key exactly the limit away, and none a step further", () => {
    expect(closestKey("abc", ["abd"])).toBe("abd");
    expect(closestKey("abc", ["xbd"])).toBeUndefined();
    expect(closestKey("ab", ["xy"])).toBeUndefined();
    expect(closestKey("ab", ["abc"])).toBe("abc");
    expect(closestKey("ab", ["abcd"])).toBeUndefined();
    expect(closestKey("abcdef", ["abcdxy"])).toBe("abcdxy");
    expect(closestKey("abcdef", ["abcxyz"])).toBeUndefined();
    expect(closestKey("abcdefghijkl", ["abcdefghixyz"])).toBe("abcdefghixyz");
    // Past nine characters the limit stays at 3 edits.
    expect(closestKey("abcdefghijkl", ["abcdefghwxyz"])).toBeUndefined();
  });

  it("prefers the nearest key, and the first of the known keys on a tie", () => {
    expect(closestKey("abcdef", ["abcdxy", "abcdex"])).toBe("abcdex");
    expect(closestKey("abcdef", ["abcdxy", "abcdeXY"])).toBe("abcdxy");
    expect(closestKey("abcdef", ["abcdex", "abcdey"])).toBe("abcdex");
    expect(closestKey("rooms", [])).toBeUndefined();
    expect(closestKey("rooms", ["rooms"])).toBe("rooms");
  });
});
