/**
 * `examples` is one object shared by every importer: it is frozen all the way down when its module
 * loads, so a test that changes it fails at once instead of changing it for every test after it.
 */
import { describe, expect, it } from "vitest";
import { examples } from "../src/index.js";
import { deepFreeze } from "../lib/deep-freeze.js";

const READ_ONLY = /Cannot (assign to read only property|add property|delete property|define property)/;

describe("examples", () => {
  it("is frozen at every depth, down to each event's content", () => {
    const unfrozen: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      if (!Object.isFrozen(node)) unfrozen.push(path);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
    };
    walk(examples, "");
    expect(unfrozen).toEqual([]);
    expect(Object.isFrozen(examples.Event.content)).toBe(true);
  });

  it("throws, in strict mode, on a change at any depth, and stays as it was", () => {
    const before = structuredClone(examples);
    const mutable = examples as unknown as Record<string, Record<string, unknown>>;
    const room = examples.SyncResponse.rooms!.joined!["!726s6s6q:example.com"]!;
    expect(() => (mutable.SyncResponse!.next_batch = "changed")).toThrow(TypeError);
    expect(() => (mutable.Extra = {})).toThrow(READ_ONLY);
    expect(() => room.timeline!.events!.push("$x:example.com")).toThrow(TypeError);
    expect(() => ((room.timeline as Record<string, unknown>).limited = true)).toThrow(READ_ONLY);
    expect(() => delete (examples.Event.content as Record<string, unknown>).membership).toThrow(READ_ONLY);
    // @ts-expect-error its type says so too, at the top: a whole example cannot be replaced
    expect(() => (examples.Event = before.Event)).toThrow(READ_ONLY);
    expect(examples).toEqual(before);
  });

  it("gives copies that can be changed", () => {
    const copy = structuredClone(examples.SyncResponse);
    copy.next_batch = "changed";
    expect(copy.next_batch).toBe("changed");
    expect(examples.SyncResponse.next_batch).toBe("s72595_4483_1934");
  });
});

describe("deepFreeze", () => {
  it("freezes what it reaches through own properties, symbol keys, cycles and already frozen parents included", () => {
    const inner = { n: 1 };
    const symbol = Symbol("s");
    const cyclic: Record<PropertyKey, unknown> = { list: [inner], [symbol]: { m: 2 }, frozen: Object.freeze({ child: { k: 3 } }) };
    cyclic.self = cyclic;
    expect(deepFreeze(cyclic)).toBe(cyclic);
    expect([cyclic, cyclic.list, inner, cyclic[symbol], (cyclic.frozen as { child: object }).child].map(Object.isFrozen)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("returns what is not an object as it is", () => {
    expect([deepFreeze(1), deepFreeze("a"), deepFreeze(null), deepFreeze(undefined)]).toEqual([1, "a", null, undefined]);
  });
});
