import { describe, expect, it } from "vitest";
import { buildSyncUrl, ContractError, parseSyncRequest, type SyncQuery } from "../src/index.js";

const BASE = "https://matrix.example.org";
const invalid = (error: string) => ({ ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error } });

describe("buildSyncUrl", () => {
  it("joins the base URL, the spec's base path and path, and encodes the query and the access token", () => {
    expect(
      buildSyncUrl(
        BASE,
        { since: "s72594_4483_1934", timeout: 30000, set_presence: "offline", filter: "a b&c" },
        { accessToken: "tok/en+=" },
      ),
    ).toBe(
      "https://matrix.example.org/_matrix/client/v2_alpha/sync?since=s72594_4483_1934&timeout=30000&set_presence=offline&filter=a+b%26c&access_token=tok%2Fen%2B%3D",
    );
  });

  it("builds the bare URL with no query", () => {
    expect(buildSyncUrl(`${BASE}/`)).toBe("https://matrix.example.org/_matrix/client/v2_alpha/sync");
  });

  it("keeps a path prefix of the homeserver and does not repeat the base path", () => {
    expect(buildSyncUrl("https://example.org/matrix", { timeout: 0 })).toBe(
      "https://example.org/matrix/_matrix/client/v2_alpha/sync?timeout=0",
    );
    expect(buildSyncUrl(`${BASE}/_matrix/client/v2_alpha`)).toBe("https://matrix.example.org/_matrix/client/v2_alpha/sync");
  });

  it("throws a ContractError for a query that breaks SyncQuery", () => {
    const bad = { set_presence: "online", timeout: "soon" } as unknown as SyncQuery;
    expect(() => buildSyncUrl(BASE, bad)).toThrow(ContractError);
    expect(() => buildSyncUrl(BASE, bad)).toThrow(
      'SyncQuery breaks the contract (2 errors):\n  /set_presence: must be equal to one of the allowed values: "offline" (schema:enum)\n  /timeout: must be integer (schema:type)',
    );
    expect(() => buildSyncUrl(BASE, { timeout: 1.5 })).toThrow("/timeout: must be integer (schema:type)");
  });
});

describe("parseSyncRequest", () => {
  it("reads a URL, a URL string, a path, URLSearchParams and a query object alike", () => {
    const expected = { ok: true, query: { since: "s1", timeout: 30000 }, accessToken: "abc" };
    expect(parseSyncRequest(new URL(`${BASE}/_matrix/client/v2_alpha/sync?since=s1&timeout=30000&access_token=abc`))).toEqual(expected);
    expect(parseSyncRequest(`${BASE}/sync?since=s1&timeout=30000&access_token=abc`)).toEqual(expected);
    expect(parseSyncRequest("/_matrix/client/v2_alpha/sync?since=s1&timeout=30000&access_token=abc")).toEqual(expected);
    expect(parseSyncRequest(new URLSearchParams("since=s1&timeout=30000&access_token=abc"))).toEqual(expected);
    expect(parseSyncRequest({ since: "s1", timeout: ["30000"], access_token: "abc" })).toEqual(expected);
  });

  it("returns no accessToken key when none is given, and ignores unknown parameters", () => {
    expect(parseSyncRequest("?set_presence=offline&foo=bar&filter=")).toEqual({ ok: true, query: { set_presence: "offline", filter: "" } });
    expect(parseSyncRequest({})).toEqual({ ok: true, query: {} });
    expect(parseSyncRequest({ since: undefined })).toEqual({ ok: true, query: {} });
  });

  it.each([
    ["?timeout=soon", 'timeout: must be an integer, not "soon"'],
    ["?timeout=1.5", 'timeout: must be an integer, not "1.5"'],
    ["?timeout=", 'timeout: must be an integer, not ""'],
    ["?timeout=9007199254740993", 'timeout: must be an integer from -(2^53 - 1) to 2^53 - 1, not "9007199254740993"'],
    ["?set_presence=online", 'set_presence: must be equal to one of the allowed values: "offline"'],
    ["?since=a&since=b", "since: the parameter is given 2 times; give it once"],
    ["?access_token=a&access_token=b", "access_token: the parameter is given 2 times; give it once"],
  ])("rejects %s with a 400 in the Matrix error format", (query, error) => {
    expect(parseSyncRequest(query)).toEqual(invalid(error));
  });

  it("rejects a repeated parameter given as an array", () => {
    expect(parseSyncRequest({ timeout: ["1", "2"] })).toEqual(invalid("timeout: the parameter is given 2 times; give it once"));
  });

  it("round-trips what buildSyncUrl builds", () => {
    const query: SyncQuery = { filter: "66696p746572", since: "s72594_4483_1934", set_presence: "offline", timeout: 30000 };
    expect(parseSyncRequest(buildSyncUrl(BASE, query, { accessToken: "secret token" }))).toEqual({
      ok: true,
      query,
      accessToken: "secret token",
    });
    expect(parseSyncRequest(buildSyncUrl(BASE, { since: "ü/&?=#" }))).toEqual({ ok: true, query: { since: "ü/&?=#" } });
  });
});
