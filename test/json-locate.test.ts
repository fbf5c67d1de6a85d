import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locatePointer, locatePointers, pointerPosition, pointerPositions } from "../lib/json-locate.js";
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

describe("locatePointers and pointerPositions: many pointers, one scan", () => {
  it("answers each pointer as locatePointer does, in the order given, shared prefixes and missing values alike", () => {
    const pointers = [
      "/m~0n/2/k",
      "",
      "/rooms/joined/!a:b/timeline/limited",
      "/rooms/joined/!a:b/state",
      "/rooms",
      "/m~0n/1/1",
      "/nothing/at/all",
    ];
    expect(pointerPositions(PRETTY, pointers)).toEqual([
      { offset: PRETTY.indexOf("null"), line: 11, column: 31 },
      { offset: 0, line: 1, column: 1 },
      { offset: PRETTY.indexOf('"yes"'), line: 6, column: 58 },
      { offset: PRETTY.indexOf('{\n        "timeline"'), line: 5, column: 15 },
      { offset: PRETTY.indexOf('{\n    "joined"'), line: 3, column: 12 },
      { offset: PRETTY.indexOf("21"), line: 11, column: 20 },
      { offset: 0, line: 1, column: 1 },
    ]);
    expect(locatePointers(PRETTY, pointers)).toEqual(pointers.map((pointer) => locatePointer(PRETTY, pointer)));
  });

  it("answers the same pointer given twice, and no pointers at all", () => {
    expect(locatePointers(PRETTY, ["/next_batch", "/next_batch"])).toEqual([PRETTY.indexOf('"s1"'), PRETTY.indexOf('"s1"')]);
    expect(pointerPositions(PRETTY, [])).toEqual([]);
  });

  it("takes the last of duplicate keys for every pointer below them, and forgets what the earlier one held", () => {
    const text = '{"a": {"b": 1, "c": 2}, "x": [5], "a": {"c": 3, "d": {"e": 4}}, "x": 6}';
    const second = text.lastIndexOf('{"c"');
    expect(locatePointers(text, ["/a/b", "/a/c", "/a", "/a/d/e", "/x/0", "/x"])).toEqual([
      second,
      text.indexOf("3"),
      second,
      text.indexOf("4"),
      text.indexOf("6"),
      text.indexOf("6"),
    ]);
  });

  it("matches array items by canonical index only, and object keys that look like indexes", () => {
    const text = '{"0": [10, 11], "01": 12}';
    expect(locatePointers(text, ["/0/1", "/0/01", "/0/-", "/01", "/0/0"])).toEqual([
      text.indexOf("11"),
      text.indexOf("["),
      text.indexOf("["),
      text.indexOf("12"),
      text.indexOf("10"),
    ]);
  });

  // One locatePointer per issue would read the array 50,000 times: far beyond the timeout.
  it("places 50,000 issues in a 50,000-item array, on as many lines, in one pass", { timeout: 30_000 }, () => {
    const items = 50_000;
    const text = `[\n${Array.from({ length: items }, (_, i) => `{"content": ${i}}`).join(",\n")}\n]`;
    const pointers = Array.from({ length: items }, (_, i) => `/${items - 1 - i}/content`);
    const positions = pointerPositions(text, pointers);
    expect(positions[items - 1]).toEqual({ offset: 14, line: 2, column: 13 });
    const misplaced = positions.filter(({ offset, line, column }, i) => {
      const index = items - 1 - i;
      return line !== index + 2 || column !== 13 || !text.startsWith(`${index}}`, offset);
    });
    expect(misplaced).toEqual([]);
  });

  it("puts every value of any JSON document where JSON.stringify wrote it, all pointers at once", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const pointers: string[] = [];
        const values: unknown[] = [];
        const pending: [string, unknown][] = [["", value]];
        while (pending.length > 0) {
          const [pointer, node] = pending.pop()!;
          pointers.push(pointer, `${pointer}/missing`);
          values.push(node, node);
          if (typeof node === "object" && node !== null) {
            for (const [key, child] of Object.entries(node)) pending.push([childPointer(pointer, key), child]);
          }
        }
        const positions = pointerPositions(text, pointers);
        for (const [i, { offset, line, column }] of positions.entries()) {
          expect(text.slice(offset, offset + 1)).toBe(JSON.stringify(values[i]).slice(0, 1));
          const before = text.slice(0, offset).split("\n");
          expect([line, column]).toEqual([before.length, before.at(-1)!.length + 1]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
