import { describe, expect, it } from "vitest";
import { buildSyncUrl, ContractError, parseSyncRequest, type SyncQuery } from "../src/index.js";
import { MAX_QUERY_LENGTH, MAX_QUERY_PARAMETERS } from "../src/request.js";

const BASE = "https://matrix.example.org";
const ENDPOINT = `${BASE}/_matrix/client/v2_alpha/sync`;
const invalid = (error: string) => ({ ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error } });
const tooLarge = (error: string) => ({ ok: false, status: 414, body: { errcode: "M_TOO_LARGE", error } });

/** What buildSyncUrl threw: the error's name, schema, message and issues. */
function refusal(build: () => unknown) {
  try {
    build();
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    return { schema: error.schema, message: error.message, issues: error.issues };
  }
  throw new Error("buildSyncUrl did not throw");
}

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

  it("does not repeat an endpoint the base URL already ends with, and drops the base URL's fragment", () => {
    expect(buildSyncUrl(`${ENDPOINT}`, { timeout: 5 })).toBe(`${ENDPOINT}?timeout=5`);
    expect(buildSyncUrl(`${ENDPOINT}//`)).toBe(ENDPOINT);
    expect(buildSyncUrl(`https://example.org/matrix/_matrix/client/v2_alpha/sync#top`)).toBe(
      "https://example.org/matrix/_matrix/client/v2_alpha/sync",
    );
    expect(buildSyncUrl(`${BASE}/#fragment`, { since: "s1" })).toBe(`${ENDPOINT}?since=s1`);
    expect(buildSyncUrl(`${BASE}/?`)).toBe(ENDPOINT);
    expect(buildSyncUrl(new URL(`${BASE}/x/`))).toBe(`${BASE}/x/_matrix/client/v2_alpha/sync`);
  });

  it.each([
    ["javascript:alert(1)", 'must be an http: or https: URL, not "javascript:"'],
    ["file:///etc/passwd", 'must be an http: or https: URL, not "file:"'],
    ["matrix.example.org", 'cannot be parsed as a URL: "matrix.example.org"'],
    [`${BASE}/?since=s0`, 'has a query, "?since=s0"; give parameters in the query argument'],
    ["http://[::1\u0085", 'cannot be parsed as a URL: "http://[::1\\x85"'],
  ])("refuses the base URL %j with a ContractError naming the problem", (baseUrl, message) => {
    expect(refusal(() => buildSyncUrl(baseUrl))).toEqual({
      schema: "baseUrl",
      message: `baseUrl breaks the contract (1 error):\n  (root): ${message} (url:base)`,
      issues: [{ pointer: "", message, rule: "url:base", severity: "error" }],
    });
  });

  it("refuses an access token that is not a string, or that the query gives as well", () => {
    expect(refusal(() => buildSyncUrl(BASE, {}, { accessToken: null as unknown as string }))).toEqual({
      schema: "BuildUrlOptions",
      message: "BuildUrlOptions breaks the contract (1 error):\n  /accessToken: must be a string, not null (url:value)",
      issues: [{ pointer: "/accessToken", message: "must be a string, not null", rule: "url:value", severity: "error" }],
    });
    const both = { access_token: "a" } as SyncQuery;
    expect(refusal(() => buildSyncUrl(BASE, both, { accessToken: "b" })).issues).toEqual([
      {
        pointer: "/access_token",
        message: "the access token is also given as the accessToken option; give it once",
        rule: "url:duplicate",
        severity: "error",
      },
    ]);
    expect(buildSyncUrl(BASE, both)).toBe(`${ENDPOINT}?access_token=a`);
    expect(buildSyncUrl(BASE, {}, { accessToken: "" })).toBe(`${ENDPOINT}?access_token=`);
  });

  it("refuses a value parseSyncRequest could not read back as it was", () => {
    expect(refusal(() => buildSyncUrl(BASE, { timeout: 1e21 })).issues).toEqual([
      { pointer: "/timeout", message: "must be an integer from -(2^53 - 1) to 2^53 - 1, not 1e+21", rule: "url:value", severity: "error" },
    ]);
    const extra = (value: unknown) => refusal(() => buildSyncUrl(BASE, { since: "s1", "x/y": value } as SyncQuery)).issues;
    expect(extra({ a: 1 })).toEqual([{ pointer: "/x~1y", message: "cannot go in a URL: an object", rule: "url:value", severity: "error" }]);
    expect(extra(null)).toEqual([{ pointer: "/x~1y", message: "cannot go in a URL: null", rule: "url:value", severity: "error" }]);
    expect(extra(NaN)).toEqual([{ pointer: "/x~1y", message: "cannot go in a URL: NaN", rule: "url:value", severity: "error" }]);
    expect(buildSyncUrl(BASE, { "x/y": true, z: 1.5 } as SyncQuery)).toBe(`${ENDPOINT}?x%2Fy=true&z=1.5`);
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

  it("reads a string by its form: a full URL by its scheme, a path from /, and anything else as a query string", () => {
    expect(parseSyncRequest("timeout=soon")).toEqual(invalid('timeout: must be an integer, not "soon"'));
    expect(parseSyncRequest("since=s1&timeout=5")).toEqual({ ok: true, query: { since: "s1", timeout: 5 } });
    expect(parseSyncRequest("?since=a?b")).toEqual({ ok: true, query: { since: "a?b" } });
    expect(parseSyncRequest("since=a?b")).toEqual({ ok: true, query: { since: "a?b" } });
    expect(parseSyncRequest("since=s1#timeout=soon")).toEqual({ ok: true, query: { since: "s1" } });
    expect(parseSyncRequest("/sync?since=s1#timeout=soon")).toEqual({ ok: true, query: { since: "s1" } });
    expect(parseSyncRequest("/_matrix/client/v2_alpha/sync")).toEqual({ ok: true, query: {} });
    expect(parseSyncRequest("/sync?")).toEqual({ ok: true, query: {} });
    expect(parseSyncRequest("HTTP://h/sync?since=s1")).toEqual({ ok: true, query: { since: "s1" } });
    expect(parseSyncRequest("")).toEqual({ ok: true, query: {} });
  });

  it("takes numbers where the parameter's type is a number, and answers any other value with a 400 naming the parameter", () => {
    expect(parseSyncRequest({ timeout: 30000, since: "s1" })).toEqual({ ok: true, query: { timeout: 30000, since: "s1" } });
    expect(parseSyncRequest({ timeout: [0] })).toEqual({ ok: true, query: { timeout: 0 } });
    expect(parseSyncRequest({ timeout: 1.5 })).toEqual(invalid("timeout: must be an integer, not 1.5"));
    expect(parseSyncRequest({ timeout: 2 ** 53 })).toEqual(
      invalid("timeout: must be an integer from -(2^53 - 1) to 2^53 - 1, not 9007199254740992"),
    );
    expect(parseSyncRequest({ timeout: true })).toEqual(invalid("timeout: must be an integer, not true"));
    expect(parseSyncRequest({ since: 5 })).toEqual(invalid("since: must be a string, not 5"));
    expect(parseSyncRequest({ filter: { a: "b" } })).toEqual(invalid("filter: must be a string, not an object"));
    expect(parseSyncRequest({ filter: [["a"]] })).toEqual(invalid("filter: must be a string, not a list"));
    expect(parseSyncRequest({ since: null })).toEqual(invalid("since: must be a string, not null"));
    expect(parseSyncRequest({ access_token: 5 })).toEqual(invalid("access_token: must be a string, not 5"));
    expect(parseSyncRequest({ other: { deeply: { nested: [1] } }, since: "s1" })).toEqual({ ok: true, query: { since: "s1" } });
  });

  it("answers an input that is no query at all with a 400 saying what it takes", () => {
    const expected = (what: string) =>
      invalid(`the query cannot be read from ${what}: expected a URL, a string, URLSearchParams or a plain object`);
    expect(parseSyncRequest(5)).toEqual(expected("5"));
    expect(parseSyncRequest(null)).toEqual(expected("null"));
    expect(parseSyncRequest(undefined)).toEqual(expected("undefined"));
    expect(parseSyncRequest([["since", "s1"]])).toEqual(expected("a list"));
    expect(parseSyncRequest(new Map([["since", "s1"]]))).toEqual(expected("an object that is not plain"));
    expect(parseSyncRequest(Object.assign(Object.create(null), { since: "s1" }))).toEqual({ ok: true, query: { since: "s1" } });
  });

  it(`reads up to ${MAX_QUERY_LENGTH} characters and ${MAX_QUERY_PARAMETERS} parameters, and answers more with a 414`, () => {
    const longest = `since=${"s".repeat(MAX_QUERY_LENGTH - 6)}`;
    expect(parseSyncRequest(`/sync?${longest}#${"x".repeat(MAX_QUERY_LENGTH)}`)).toMatchObject({ ok: true });
    const tooLong = tooLarge(`the query is longer than ${MAX_QUERY_LENGTH} characters`);
    expect(parseSyncRequest(`/sync?${longest}s`)).toEqual(tooLong);
    expect(parseSyncRequest(`${longest}s`)).toEqual(tooLong);
    expect(parseSyncRequest(new URL(`${ENDPOINT}?${longest}s`))).toEqual(tooLong);
    // Of a parsed query, the names and values count.
    const value = "s".repeat(MAX_QUERY_LENGTH - "since".length);
    expect(parseSyncRequest(new URLSearchParams({ since: value }))).toMatchObject({ ok: true });
    expect(parseSyncRequest({ since: value })).toMatchObject({ ok: true });
    expect(parseSyncRequest(new URLSearchParams({ since: `${value}s` }))).toEqual(tooLong);
    expect(parseSyncRequest({ since: `${value}s` })).toEqual(tooLong);
    expect(parseSyncRequest({ since: [`${value}s`] })).toEqual(tooLong);
    const most = Array.from({ length: MAX_QUERY_PARAMETERS - 1 }, (_, i) => `x${i}=1`).join("&");
    expect(parseSyncRequest(`${most}&since=s1`)).toEqual({ ok: true, query: { since: "s1" } });
    const tooMany = tooLarge(`the query has more than ${MAX_QUERY_PARAMETERS} parameters`);
    expect(parseSyncRequest(`${most}&since=s1&x=1`)).toEqual(tooMany);
    expect(parseSyncRequest(`${most}&x=1&x=2`)).toEqual(tooMany);
    expect(parseSyncRequest({ x: Array.from({ length: MAX_QUERY_PARAMETERS + 1 }, () => "1") })).toEqual(tooMany);
    expect(parseSyncRequest(Object.fromEntries(Array.from({ length: MAX_QUERY_PARAMETERS + 1 }, (_, i) => [`x${i}`, undefined])))).toEqual(
      tooMany,
    );
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
