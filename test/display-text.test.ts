import { describe, expect, it } from "vitest";
import { DISPLAY_LIMIT, displayPointer, displayText, escapeControls, shorten } from "../lib/display-text.js";

describe("text from input, for people", () => {
  it("escapes C0, DEL, C1 and the Unicode line separators, and nothing else", () => {
    expect(escapeControls("a\nb\r\tc\x1b[31m\x7f\x85\u2028\u2029é€")).toBe("a\\nb\\r\\tc\\x1b[31m\\x7f\\x85\\u2028\\u2029é€");
    expect(escapeControls("::error file=a::x")).toBe("::error file=a::x");
  });

  it("shortens long text to its start and end around an ellipsis, within the limit", () => {
    expect(shorten("abcdefghij", 5)).toBe("ab…ij");
    expect(shorten("abcdefghij", 10)).toBe("abcdefghij");
    expect(shorten("x".repeat(10_000))).toHaveLength(DISPLAY_LIMIT);
  });

  it("never splits a surrogate pair", () => {
    expect(shorten("😀😀😀😀😀😀", 4)).toBe("😀…");
    expect(shorten("a😀😀😀😀😀b", 6)).toBe("a😀…b");
  });

  it("shortens before escaping, so an escaped newline is never cut in half", () => {
    expect(displayText(`\n${"y".repeat(500)}\n`, 9)).toBe("\\nyyy…yyy\\n");
  });

  it("shortens each token of a pointer on its own", () => {
    const id = `!${"r".repeat(1_000_000)}:example.org`;
    const shown = displayPointer(`/rooms/joined/${id}/timeline/events/3`);
    expect(shown).toBe(`/rooms/joined/!${"r".repeat(49)}…${"r".repeat(37)}:example.org/timeline/events/3`);
    expect(displayPointer("/a\n/b")).toBe("/a\\n/b");
  });
});
