/**
 * Request helpers at their edges: what servers meet in the wild (an unknown parameter repeated, an
 * empty list from a framework, a negative or signed integer) and what clients write (an optional
 * parameter left undefined, a base URL with a path prefix or trailing slashes).
 */
import { describe, expect, it } from "vitest";
import { buildSyncUrl, parseSyncRequest } from "../src/index.js";

const invalid = (error: string) => ({ ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error } });

describe("parseSyncRequest", () => {
  it("ignores an unknown parameter however often it is repeated, as the README promises", () => {
    expect(parseSyncRequest("?foo=1&foo=2&since=s1")).toEqual({ ok: true, query: { since: "s1" } });
    expect(parseSyncRequest({ foo: ["1", "2"], since: "s1" })).toEqual({ ok: true, query: { since: "s1" } });
    expect(parseSyncRequest(new URLSearchParams("foo=1&foo=2&foo=3"))).toEqual({ ok: true, query: {} });
  });

  it("takes an empty list from a framework as a parameter not given", () => {
    expect(parseSyncRequest({ timeout: [], since: [] })).toEqual({ ok: true, query: {} });
  });

  it("reads signed and boundary integers, and refuses text that only contains digits", () => {
    expect(parseSyncRequest("timeout=-5")).toEqual({ ok: true, query: { timeout: -5 } });
    expect(parseSyncRequest({ timeout: -5 })).toEqual({ ok: true, query: { timeout: -5 } });
    expect(parseSyncRequest({ timeout: 2 ** 53 - 1 })).toEqual({ ok: true, query: { timeout: 9007199254740991 } });
    expect(parseSyncRequest("timeout=9007199254740991")).toEqual({ ok: true, query: { timeout: 9007199254740991 } });
    expect(parseSyncRequest("?timeout=-")).toEqual(invalid('timeout: must be an integer, not "-"'));
    expect(parseSyncRequest("?timeout=1a")).toEqual(invalid('timeout: must be an integer, not "1a"'));
    expect(parseSyncRequest("?timeout=a1")).toEqual(invalid('timeout: must be an integer, not "a1"'));
  });

  it("names the kind of a value no query parameter can hold", () => {
    expect(parseSyncRequest({ since: Symbol("s") })).toEqual(invalid("since: must be a string, not a symbol"));
    expect(parseSyncRequest({ since: () => "s1" })).toEqual(invalid("since: must be a string, not a function"));
  });
});

describe("buildSyncUrl", () => {
  it("leaves out a parameter given as undefined, never sending since=undefined", () => {
    expect(buildSyncUrl("https://example.org", { since: undefined, timeout: 5 })).toBe(
      "https://example.org/_matrix/client/v2_alpha/sync?timeout=5",
    );
    expect(buildSyncUrl("https://example.org", { since: undefined })).toBe("https://example.org/_matrix/client/v2_alpha/sync");
  });

  it("keeps a path prefix and drops trailing slashes before adding the base path", () => {
    expect(buildSyncUrl("https://example.org/prefix/")).toBe("https://example.org/prefix/_matrix/client/v2_alpha/sync");
    expect(buildSyncUrl("https://example.org/prefix//")).toBe("https://example.org/prefix/_matrix/client/v2_alpha/sync");
    expect(buildSyncUrl("https://example.org//")).toBe("https://example.org/_matrix/client/v2_alpha/sync");
  });

  it("does not repeat a base path or endpoint that a prefixed base URL already ends with", () => {
    expect(buildSyncUrl("https://example.org/prefix/_matrix/client/v2_alpha//")).toBe(
      "https://example.org/prefix/_matrix/client/v2_alpha/sync",
    );
    expect(buildSyncUrl("https://example.org/prefix/_matrix/client/v2_alpha/sync/")).toBe(
      "https://example.org/prefix/_matrix/client/v2_alpha/sync",
    );
  });

  it("adds the whole endpoint after a prefix that ends with the path alone", () => {
    expect(buildSyncUrl("https://example.org/a/sync")).toBe("https://example.org/a/sync/_matrix/client/v2_alpha/sync");
  });
});
