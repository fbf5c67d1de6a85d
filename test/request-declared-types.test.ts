/**
 * Query parameters of types the spec of today does not declare: a number, a boolean, an untyped one,
 * and no access token parameter at all. The request helpers take these from generated/contract.ts,
 * so this file hands them a small contract of its own instead of regenerating from an edited spec.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";

const contract = vi.hoisted(() => ({ accessTokenParameter: "access_token" as string | null }));

vi.mock("../generated/contract.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../generated/contract.js")>();
  const query = {
    ...original.operation.query,
    ratio: { type: "number", required: false },
    full_state: { type: "boolean", required: false },
    note: { type: null, required: false },
  };
  const operation = {
    ...original.operation,
    query,
    get accessTokenParameter() {
      return contract.accessTokenParameter;
    },
  };
  return { ...original, operation };
});

const { buildSyncUrl, parseSyncRequest } = await import("../src/request.js");

const invalid = (error: string) => ({ ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error } });

beforeEach(() => {
  contract.accessTokenParameter = "access_token";
});

describe("a number parameter", () => {
  it("reads decimal, signed and exponent text, and a number a framework already converted", () => {
    expect(parseSyncRequest("?ratio=0.5")).toEqual({ ok: true, query: { ratio: 0.5 } });
    expect(parseSyncRequest("?ratio=-2e3")).toEqual({ ok: true, query: { ratio: -2000 } });
    expect(parseSyncRequest({ ratio: 1.25 })).toEqual({ ok: true, query: { ratio: 1.25 } });
  });

  it("answers empty, blank, non-numeric and infinite values with a 400", () => {
    expect(parseSyncRequest("?ratio=")).toEqual(invalid('ratio: must be a number, not ""'));
    expect(parseSyncRequest("?ratio=%20")).toEqual(invalid('ratio: must be a number, not " "'));
    expect(parseSyncRequest("?ratio=half")).toEqual(invalid('ratio: must be a number, not "half"'));
    expect(parseSyncRequest("?ratio=Infinity")).toEqual(invalid('ratio: must be a number, not "Infinity"'));
    expect(parseSyncRequest({ ratio: Infinity })).toEqual(invalid("ratio: must be a number, not Infinity"));
    expect(parseSyncRequest({ ratio: true })).toEqual(invalid("ratio: must be a number, not true"));
  });

  it("is sent as written, and refused when it is not finite", () => {
    expect(buildSyncUrl("https://example.org", { ratio: 0.5 } as never)).toBe("https://example.org/_matrix/client/v2_alpha/sync?ratio=0.5");
    expect(() => buildSyncUrl("https://example.org", { ratio: Number.NaN } as never)).toThrow(
      "SyncQuery breaks the contract (1 error):\n  /ratio: cannot go in a URL: NaN (url:value)",
    );
  });
});

describe("a boolean parameter", () => {
  it('reads "true" and "false", and a boolean a framework already converted', () => {
    expect(parseSyncRequest("?full_state=true")).toEqual({ ok: true, query: { full_state: true } });
    expect(parseSyncRequest("?full_state=false")).toEqual({ ok: true, query: { full_state: false } });
    expect(parseSyncRequest({ full_state: false })).toEqual({ ok: true, query: { full_state: false } });
  });

  it("answers any other text, or a number, with a 400 naming the parameter", () => {
    expect(parseSyncRequest("?full_state=1")).toEqual(invalid('full_state: must be "true" or "false", not "1"'));
    expect(parseSyncRequest("?full_state=TRUE")).toEqual(invalid('full_state: must be "true" or "false", not "TRUE"'));
    expect(parseSyncRequest({ full_state: 1 })).toEqual(invalid("full_state: must be a boolean, not 1"));
  });

  it("round-trips through buildSyncUrl", () => {
    const url = buildSyncUrl("https://example.org", { full_state: true, ratio: 2 } as never);
    expect(url).toBe("https://example.org/_matrix/client/v2_alpha/sync?full_state=true&ratio=2");
    expect(parseSyncRequest(url)).toEqual({ ok: true, query: { full_state: true, ratio: 2 } });
  });
});

describe("a parameter with no declared type", () => {
  it("is read as text, and only text is taken", () => {
    expect(parseSyncRequest("?note=12")).toEqual({ ok: true, query: { note: "12" } });
    expect(parseSyncRequest({ note: 12 })).toEqual(invalid("note: must be a string, not 12"));
  });
});

describe("a spec without an access token parameter", () => {
  it("buildSyncUrl refuses the accessToken option with a TypeError saying so", () => {
    contract.accessTokenParameter = null;
    expect(() => buildSyncUrl("https://example.org", {}, { accessToken: "secret" })).toThrow(
      new TypeError("the spec declares no query parameter for an access token"),
    );
    expect(buildSyncUrl("https://example.org", {})).toBe("https://example.org/_matrix/client/v2_alpha/sync");
  });

  it("parseSyncRequest ignores an access_token parameter like any unknown one", () => {
    contract.accessTokenParameter = null;
    expect(parseSyncRequest("?access_token=a&access_token=b&since=s1")).toEqual({ ok: true, query: { since: "s1" } });
  });
});
