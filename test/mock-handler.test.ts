/**
 * createSyncHandler served by toNodeHandler on a loopback port, read by fetch: the Matrix errors, the
 * chain of next_batch tokens, determinism, the payload sources and the long-poll.
 */
import { afterEach, describe, expect, it } from "vitest";
import { buildSyncUrl, checkSyncResponse, examples, type SyncQuery } from "../src/index.js";
import { createSyncHandler, toNodeHandler, type SyncHandler, type SyncHandlerOptions } from "../src/mock/index.js";
import { listenOnLoopback, type Loopback } from "./support/loopback.js";

const TOKEN = "mock-test-token";
const open: { server: Loopback; handler: SyncHandler }[] = [];

async function serve(options: SyncHandlerOptions = {}): Promise<string> {
  const handler = createSyncHandler(options);
  const server = await listenOnLoopback(toNodeHandler(handler));
  open.push({ server, handler });
  return server.origin;
}

afterEach(async () => {
  for (const { server, handler } of open.splice(0)) {
    handler.close();
    await server.close();
  }
});

async function get(url: string, init?: RequestInit): Promise<{ status: number; type: string | null; body: unknown; text: string }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), body: JSON.parse(text), text };
}

const sync = (origin: string, query: SyncQuery = {}) => get(buildSyncUrl(origin, query, { accessToken: TOKEN }));

/** The next_batch of each step of a chain: the initial sync, then each token as since, `steps` syncs in all. */
async function chain(origin: string, steps: number): Promise<{ texts: string[]; tokens: string[] }> {
  const texts: string[] = [];
  const tokens: string[] = [];
  let since: string | undefined;
  for (let i = 0; i < steps; i++) {
    const answer = await sync(origin, since === undefined ? {} : { since });
    expect(answer.status).toBe(200);
    texts.push(answer.text);
    since = (answer.body as { next_batch: string }).next_batch;
    tokens.push(since);
  }
  return { texts, tokens };
}

describe("the Matrix errors", () => {
  it("answers a request without an access token with 401 M_MISSING_TOKEN", async () => {
    const origin = await serve({ source: "examples" });
    expect(await get(`${origin}/_matrix/client/v2_alpha/sync`)).toMatchObject({
      status: 401,
      type: "application/json",
      body: { errcode: "M_MISSING_TOKEN", error: "Missing access token" },
    });
  });

  it("answers another token than the configured one with 401 M_UNKNOWN_TOKEN, and the right one with 200", async () => {
    const origin = await serve({ source: "examples", accessToken: TOKEN });
    expect(await get(buildSyncUrl(origin, {}, { accessToken: "other" }))).toMatchObject({
      status: 401,
      type: "application/json",
      body: { errcode: "M_UNKNOWN_TOKEN", error: "Unrecognised access token" },
    });
    expect((await sync(origin)).status).toBe(200);
  });

  it("answers a bad query with parseSyncRequest's 400 M_INVALID_PARAM", async () => {
    const origin = await serve({ source: "examples" });
    expect(await get(`${origin}/_matrix/client/v2_alpha/sync?timeout=soon&access_token=${TOKEN}`)).toEqual({
      status: 400,
      type: "application/json",
      body: { errcode: "M_INVALID_PARAM", error: 'timeout: must be an integer, not "soon"' },
      text: '{"errcode":"M_INVALID_PARAM","error":"timeout: must be an integer, not \\"soon\\""}',
    });
  });

  it("answers any other path with 404 M_UNRECOGNIZED, and another method with 405", async () => {
    const origin = await serve({ source: "examples" });
    const unrecognized = {
      errcode: "M_UNRECOGNIZED",
      error: "Unrecognized request: this server answers /_matrix/client/v2_alpha/sync only",
    };
    for (const path of ["/", "/_matrix/client/v2_alpha/sync/", "/_matrix/client/r0/sync", "//_matrix/client/v2_alpha/sync"]) {
      expect(await get(`${origin}${path}?access_token=${TOKEN}`), path).toMatchObject({
        status: 404,
        type: "application/json",
        body: unrecognized,
      });
    }
    const post = await fetch(buildSyncUrl(origin, {}, { accessToken: TOKEN }), { method: "POST", body: "{}" });
    expect([post.status, post.headers.get("allow"), await post.json()]).toEqual([
      405,
      "GET",
      { errcode: "M_UNRECOGNIZED", error: "/_matrix/client/v2_alpha/sync takes GET only" },
    ]);
  });

  it("answers a since that this server never gave out with 400 M_INVALID_PARAM", async () => {
    const origin = await serve({ seed: 1, batches: 3 });
    const { tokens } = await chain(origin, 1);
    const otherSeed = await serve({ seed: 2, batches: 3 });
    const error = { errcode: "M_INVALID_PARAM", error: "since: not a next_batch token that this server gave out" };
    for (const since of ["s1_00000000", "nonsense", tokens[0]!.replace(/^s1/, "s01"), tokens[0]!.replace(/^s1/, "s4")]) {
      expect(await sync(origin, { since }), since).toMatchObject({ status: 400, type: "application/json", body: error });
    }
    expect(await sync(otherSeed, { since: tokens[0]! })).toMatchObject({ status: 400, body: error });
  });
});

describe("the chain of batches", () => {
  it("gives a new next_batch for each scripted batch, then long-polls with the last one and an empty payload", async () => {
    const origin = await serve({ seed: 7, batches: 3 });
    const { texts, tokens } = await chain(origin, 5);
    expect(tokens.slice(0, 3)).toEqual([
      expect.stringMatching(/^s1_[0-9a-f]{8}$/),
      expect.stringMatching(/^s2_/),
      expect.stringMatching(/^s3_/),
    ]);
    expect(new Set(tokens.slice(0, 3)).size).toBe(3);
    expect(texts.slice(3)).toEqual([JSON.stringify({ next_batch: tokens[2] }), JSON.stringify({ next_batch: tokens[2] })]);
    expect(tokens.slice(3)).toEqual([tokens[2], tokens[2]]);
  });

  it("answers the same seed with the same texts, step by step, and another seed with others", async () => {
    const first = await chain(await serve({ seed: 11, batches: 4 }), 4);
    const again = await chain(await serve({ seed: 11, batches: 4 }), 4);
    const other = await chain(await serve({ seed: 12, batches: 4 }), 4);
    expect(again).toEqual(first);
    expect(other.texts.filter((text, i) => text === first.texts[i])).toEqual([]);
  });

  it("answers a since asked again with the same batch", async () => {
    const origin = await serve({ seed: 3, batches: 3 });
    const { texts, tokens } = await chain(origin, 3);
    expect((await sync(origin, { since: tokens[0]! })).text).toBe(texts[1]);
    expect((await sync(origin)).text).toBe(texts[0]);
  });

  it("serves payloads that pass checkSyncResponse with no issue at all, across seeds and steps", async () => {
    for (let seed = 0; seed < 40; seed++) {
      const handler = createSyncHandler({ seed, batches: 3 });
      let since: string | undefined;
      for (let step = 0; step < 4; step++) {
        const response = await handler(
          new Request(buildSyncUrl("http://mock.test", since === undefined ? {} : { since }, { accessToken: TOKEN })),
        );
        const payload = await response.json();
        expect([response.status, checkSyncResponse(payload).issues], `seed ${seed}, step ${step}`).toEqual([200, []]);
        since = payload.next_batch;
      }
    }
  });
});

describe("the payload sources", () => {
  const exampleRest = { ...examples.SyncResponse, next_batch: undefined };

  it("\"examples\" serves the spec's example with the mock's own next_batch", async () => {
    const origin = await serve({ source: "examples", batches: 2 });
    const { texts, tokens } = await chain(origin, 2);
    expect(texts.map((text) => JSON.parse(text))).toEqual([
      { ...exampleRest, next_batch: tokens[0] },
      { ...exampleRest, next_batch: tokens[1] },
    ]);
  });

  it("a list serves its payloads in order, as many batches as it holds", async () => {
    const origin = await serve({ source: [{ presence: { events: [] } }, { next_batch: "theirs", rooms: {} }] });
    const { texts, tokens } = await chain(origin, 3);
    expect(texts).toEqual([
      JSON.stringify({ next_batch: tokens[0], presence: { events: [] } }),
      JSON.stringify({ next_batch: tokens[1], rooms: {} }),
      JSON.stringify({ next_batch: tokens[1] }),
    ]);
  });

  it("a list with a payload that has any issue, even a warning, is refused when the handler is made", () => {
    expect(() => createSyncHandler({ source: [{}, { rooms: { joined: { "!r": { timeline: { limited: true } } } } }] })).toThrow(
      new TypeError(
        "payload 1 of the list is not a payload the contract accepts without issues:\n" +
          "warning /rooms/joined/!r/timeline: a limited timeline has no prev_batch to fetch the earlier events with (limited-prev-batch)",
      ),
    );
    expect(() => createSyncHandler({ source: [{ next_batch: "x", rooms: [] as never }] })).toThrow(
      /^payload 0 of the list .*\n\/rooms: must be object \(schema:type\)$/,
    );
  });

  it("a function is asked for each batch with its step and since, and a payload it gets wrong is a 500", async () => {
    const asked: unknown[] = [];
    const origin = await serve({
      batches: 2,
      source: (batch) => {
        asked.push(batch);
        return batch.step === 0 ? { rooms: {} } : ({ presence: "away" } as never);
      },
    });
    const first = await sync(origin);
    expect(first).toMatchObject({ status: 200, body: { rooms: {} } });
    const since = (first.body as { next_batch: string }).next_batch;
    expect(await sync(origin, { since })).toMatchObject({
      status: 500,
      type: "application/json",
      body: {
        errcode: "M_UNKNOWN",
        error: "the payload of batch 1 is not a payload the contract accepts without issues:\n/presence: must be object (schema:type)",
      },
    });
    expect(asked).toEqual([
      { step: 0, since: undefined },
      { step: 1, since },
    ]);
  });

  it("refuses options it cannot honour, naming them", () => {
    expect(() => createSyncHandler({ fault: "nope" })).toThrow(/^unknown fault "nope"; the faults are: type:SyncResponse, /);
    expect(() => createSyncHandler({ batches: 0 })).toThrow(new TypeError("batches must be an integer from 1 to 1000000"));
    expect(() => createSyncHandler({ source: [{}], batches: 2 })).toThrow(new TypeError("batches is 2, but the list holds 1 payloads"));
    expect(() => createSyncHandler({ seed: 1.5 })).toThrow(new TypeError("seed must be an integer, not 1.5"));
    expect(() => createSyncHandler({ longPollCapMs: -1 })).toThrow(new TypeError("longPollCapMs must be from 0 to 2147483647"));
  });
});

describe("the long-poll after the last batch", () => {
  async function lastToken(origin: string): Promise<string> {
    return (await chain(origin, 1)).tokens[0]!;
  }

  it("waits at most the cap, whatever timeout asks", async () => {
    const origin = await serve({ source: "examples", batches: 1, longPollCapMs: 30 });
    const since = await lastToken(origin);
    const started = performance.now();
    expect((await sync(origin, { since, timeout: 600_000 })).body).toEqual({ next_batch: since });
    // Timers never fire early, so only the lower bound is safe to assert on a loaded machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("waits timeout when it is under the cap, and not at all without one", async () => {
    const origin = await serve({ source: "examples", batches: 1, longPollCapMs: 600_000 });
    const since = await lastToken(origin);
    const started = performance.now();
    expect((await sync(origin, { since, timeout: 30 })).body).toEqual({ next_batch: since });
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect((await sync(origin, { since })).body).toEqual({ next_batch: since });
  });

  it("ends every pending wait when the handler is closed", async () => {
    const handler = createSyncHandler({ source: "examples", batches: 1, longPollCapMs: 600_000 });
    const server = await listenOnLoopback(toNodeHandler(handler));
    open.push({ server, handler });
    const since = await lastToken(server.origin);
    const waiting = [sync(server.origin, { since, timeout: 600_000 }), sync(server.origin, { since, timeout: 600_000 })];
    // The waits start once the requests arrive; closing before that must end them too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    handler.close();
    expect((await Promise.all(waiting)).map((answer) => answer.body)).toEqual([{ next_batch: since }, { next_batch: since }]);
  });

  it("ends a wait when its request is aborted", async () => {
    const handler = createSyncHandler({ source: "examples", batches: 1, longPollCapMs: 600_000 });
    const since = JSON.parse(
      await (await handler(new Request(buildSyncUrl("http://mock.test", {}, { accessToken: TOKEN })))).text(),
    ).next_batch;
    const abort = new AbortController();
    const pending = handler(
      new Request(buildSyncUrl("http://mock.test", { since, timeout: 600_000 }, { accessToken: TOKEN }), { signal: abort.signal }),
    );
    abort.abort();
    expect(await (await pending).json()).toEqual({ next_batch: since });
  });
});
