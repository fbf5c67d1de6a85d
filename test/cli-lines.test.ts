import { describe, expect, it } from "vitest";
import { isBlank, LineSplitter, type Line } from "../src/cli/lines.js";

/** The lines of `chunks`, fed one at a time into one buffer that is reused, as a file reader does. */
function split(chunks: Buffer[]): Line[] {
  const splitter = new LineSplitter();
  const reused = Buffer.alloc(Math.max(...chunks.map((chunk) => chunk.length)));
  const lines: Line[] = [];
  for (const chunk of chunks) {
    chunk.copy(reused);
    lines.push(...splitter.push(reused.subarray(0, chunk.length)));
    reused.fill(0x78);
  }
  return [...lines, ...splitter.end()];
}

describe("LineSplitter", () => {
  it("numbers lines, drops CR before LF, and keeps a last line without a newline", () => {
    expect(split([Buffer.from('{"a":1}\r\n\n{"b":2}\n{"c":3}')])).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: "" },
      { number: 3, text: '{"b":2}' },
      { number: 4, text: '{"c":3}' },
    ]);
  });

  it("joins a line and a character split across chunks, whatever happens to the chunk afterwards", () => {
    const bytes = Buffer.from('["é€𝄞"]\n["x"]\n');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(split(chunks)).toEqual([
      { number: 1, text: '["é€𝄞"]' },
      { number: 2, text: '["x"]' },
    ]);
  });

  it("gives no line for empty input or a final newline", () => {
    expect(split([Buffer.alloc(0)])).toEqual([]);
    expect(split([Buffer.from("1\n")])).toEqual([{ number: 1, text: "1" }]);
  });
});

describe("isBlank", () => {
  it("holds for JSON whitespace only", () => {
    expect([" \t", "", "\r", " \u00a0", " 1"].map((text) => isBlank({ text }))).toEqual([true, true, true, false, false]);
    expect(isBlank({ tooLarge: true })).toBe(false);
  });
});
