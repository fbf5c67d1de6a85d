import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locatePointer, pointerPosition } from "../lib/json-locate.js";
import { childPointer } from "../lib/json-pointer.js";

const PRETTY = `{
  "next_batch": "s1",
  "rooms": {
    "joined": {
      "!a:b": {
        "timeline": { "events": ["$x", "$y"], "limited": "yes" }
      }
    }
  },
  "a/b": 1,
  "m~n": [10, [20, 21], {"k": null}]
}`;

describe("pointerPosition", () => {
  it.each([
    ["", 1, 1],
    ["/next_batch", 2, 17],
    ["/rooms", 3, 12],
    ["/rooms/joined/!a:b/timeline", 6, 21],
    ["/rooms/joined/!a:b/timeline/events/1", 6, 40],
    ["/rooms/joined/!a:b/timeline/limited", 6, 58],
    ["/a~1b", 10, 10],
    ["/m~0n/1/1", 11, 20],
    ["/m~0n/2/k", 11, 31],
  ])("finds %j at %i:%i", (pointer, line, column) => {
    expect(pointerPosition(PRETTY, pointer)).toEqual({ line, column });
  });

  it.each([
    // A missing member or item: its parent, where a `required` error points.
    ["/rooms/joined/!a:b/state", 5, 15],
    ["/rooms/joined/!a:b/timeline/events/2", 6, 33],
    ["/m~0n/-", 11, 10],
    ["/m~0n/01", 11, 10],
    // Below a primitive: the primitive.
    ["/next_batch/0", 2, 17],
    ["/nothing/at/all", 1, 1],
  ])("answers the deepest existing value for %j: %i:%i", (pointer, line, column) => {
    expect(pointerPosition(PRETTY, pointer)).toEqual({ line, column });
  });
});

describe("locatePointer", () => {
  it("decodes escaped keys before comparing them", () => {
    const text = '{"\\u0041\\"\\\\":7, "A\\"\\\\x":8}';
    expect(locatePointer(text, '/A"\\')).toBe(text.indexOf("7"));
  });

  it("answers the last of duplicate keys, the one JSON.parse keeps", () => {
    const text = '{"a": 1, "b": {"a": 9}, "a": 2}';
    expect(locatePointer(text, "/a")).toBe(text.lastIndexOf("2"));
  });

  it("forgets what an earlier duplicate held below the pointer", () => {
    const text = '{"a": {"b": 1}, "a": {"c": 2}}';
    expect(locatePointer(text, "/a/b")).toBe(text.lastIndexOf("{"));
  });

  it("skips strings holding brackets, quotes and backslashes", () => {
    const text = '[ "]}\\"[{", {"x": "\\\\"}, "\\\\\\"]", 7 ]';
    expect(locatePointer(text, "/3")).toBe(text.indexOf("7"));
    expect(locatePointer(text, "/1/x")).toBe(text.indexOf('"\\\\"}'));
  });

  it("finds members of empty-looking and whitespace-heavy containers", () => {
    const text = ' \r\n\t{ "e" : { } ,\n "f" :\t[ ] , "g":[ 0 ] }';
    expect(locatePointer(text, "/f")).toBe(text.indexOf("[ ]"));
    expect(locatePointer(text, "/g/0")).toBe(text.indexOf("0"));
    expect(locatePointer(text, "/e/x")).toBe(text.indexOf("{ }"));
  });

  it("follows a pointer 100,000 levels deep without overflowing the stack", () => {
    const depth = 100_000;
    const text = `${'{"a":'.repeat(depth)}true${"}".repeat(depth)}`;
    const pointer = "/a".repeat(depth);
    expect(locatePointer(text, pointer)).toBe(depth * 5);
    const arrays = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    expect(locatePointer(`[${arrays}, 5]`, "/1")).toBe(arrays.length + 3);
  });

  it("skips strings, numbers and whitespace millions of characters long", () => {
    const long = "x".repeat(5_000_000);
    const text = `{"a": ${"1".repeat(5_000_000)}, "b": "${long}", "c": [${" ".repeat(5_000_000)}true], "d": {"e": "${long}\\\\"}, "f": 2}`;
    expect((JSON.parse(text) as { d: { e: string } }).d.e.endsWith("x\\")).toBe(true);
    expect(locatePointer(text, "/f")).toBe(text.length - 2);
    expect(locatePointer(text, "/c/0")).toBe(text.indexOf("true"));
  });

  it("puts every value of any JSON document where JSON.stringify wrote it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        // Every pointer into the value, with the value it names.
        const pending: [string, unknown][] = [["", value]];
        while (pending.length > 0) {
          const [pointer, node] = pending.pop()!;
          const at = locatePointer(text, pointer);
          const compact = JSON.stringify(node);
          // Indentation changes the inside of a container, never how it starts.
          expect(text.slice(at, at + 1)).toBe(compact.slice(0, 1));
          if (indent === undefined) expect(text.startsWith(compact, at)).toBe(true);
          if (typeof node === "object" && node !== null) {
            for (const [key, child] of Object.entries(node)) pending.push([childPointer(pointer, key), child]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
