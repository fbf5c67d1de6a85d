/** createSyncClient against the mock homeserver over loopback HTTP: one sync, the stream, errors, faults and back-off. */
import { afterEach, describe, expect, it } from "vitest";
import { ContractError, examples, type Issue } from "../src/index.js";
import { createSyncClient, defaultBackoff, SyncHttpError } from "../src/client/index.js";
import { createSyncHandler, faults, toNodeHandler, type SyncHandler, type SyncHandlerOptions } from "../src/mock/index.js";
import { listenOnLoopback, type Loopback } from "./support/loopback.js";

const TOKEN = "client-test-token";
const open: { server: Loopback; handler: SyncHandler }[] = [];

async function serve(options: SyncHandlerOptions = {}): Promise<string> {
  const handler = createSyncHandler({ accessToken: TOKEN, ...options });
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

const example = (next_batch: string) => ({ ...examples.SyncResponse, next_batch });

describe("sync()", () => {
  it("returns the checked payload, typed, and follows next_batch when given it as since", async () => {
    const client = createSyncClient({ baseUrl: await serve({ source: "examples", batches: 2 }), accessToken: TOKEN });
    const first = await client.sync();
    expect(first).toEqual(example(expect.stringMatching(/^s1_/)));
    const second = await client.sync({ since: first.next_batch! });
    expect(second).toEqual(example(expect.stringMatching(/^s2_/)));
  });

  it("throws a SyncHttpError with the status and the Matrix error of any other answer", async () => {
    const origin = await serve({ source: "examples" });
    const wrongToken = createSyncClient({ baseUrl: origin, accessToken: "wrong" });
    await expect(wrongToken.sync()).rejects.toThrow(
      new SyncHttpError(401, '{"errcode":"M_UNKNOWN_TOKEN","error":"Unrecognised access token"}'),
    );
    const error = await createSyncClient({ baseUrl: origin, accessToken: TOKEN })
      .sync({ since: "s9_00000000" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncHttpError);
    expect(error).toMatchObject({
      status: 400,
      errcode: "M_INVALID_PARAM",
      error: "since: not a next_batch token that this server gave out",
      message: "/sync answered 400 M_INVALID_PARAM: since: not a next_batch token that this server gave out",
    });
  });

  it.each([...faults.keys()])("sees exactly the issue of the fault %s", async (name) => {
    const { breaks } = faults.get(name)!;
    const told: (readonly Issue[])[] = [];
    const client = createSyncClient({
      baseUrl: await serve({ seed: 9, fault: name }),
      accessToken: TOKEN,
      onIssues: (issues) => told.push(issues),
    });
    const outcome = await client.sync().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    expect(told).toEqual([[expect.objectContaining(breaks)]]);
    if (breaks.severity === "warning") {
      expect(outcome).toEqual({ value: expect.objectContaining({ next_batch: expect.stringMatching(/^s1_/) }) });
    } else {
      expect(outcome).toEqual({ error: expect.any(ContractError) });
      expect((outcome as { error: ContractError }).error.issues).toEqual([expect.objectContaining(breaks)]);
    }
  });
});

describe("stream()", () => {
  it("passes each next_batch as since, keeps long-polling after the last batch, and ends on abort", async () => {
    const client = createSyncClient({ baseUrl: await serve({ seed: 4, batches: 3, longPollCapMs: 0 }), accessToken: TOKEN });
    const abort = new AbortController();
    const tokens: string[] = [];
    for await (const batch of client.stream({ signal: abort.signal, timeout: 5 })) {
      tokens.push(batch.next_batch!);
      if (tokens.length === 5) abort.abort();
    }
    expect(tokens).toEqual([
      expect.stringMatching(/^s1_/),
      expect.stringMatching(/^s2_/),
      expect.stringMatching(/^s3_/),
      tokens[2],
      tokens[2],
    ]);
  });

  it("ends when aborted during a long-poll, without waiting for it", async () => {
    const client = createSyncClient({
      baseUrl: await serve({ source: "examples", batches: 1, longPollCapMs: 600_000 }),
      accessToken: TOKEN,
    });
    const abort = new AbortController();
    const seen: string[] = [];
    for await (const batch of client.stream({ signal: abort.signal, timeout: 600_000 })) {
      seen.push(batch.next_batch!);
      // The next request long-polls for ten minutes: the abort must end it and the loop.
      setTimeout(() => abort.abort(), 50);
    }
    expect(seen).toEqual([expect.stringMatching(/^s1_/)]);
  });

  it("sends since, filter and timeout, and starts from the since it is given", async () => {
    const origin = await serve({ source: "examples", batches: 3 });
    const start = (await createSyncClient({ baseUrl: origin, accessToken: TOKEN }).sync()).next_batch!;
    const urls: string[] = [];
    const client = createSyncClient({
      baseUrl: origin,
      accessToken: TOKEN,
      fetch: (input, init) => {
        urls.push(input);
        return fetch(input, init);
      },
    });
    const abort = new AbortController();
    for await (const batch of client.stream({ signal: abort.signal, since: start, filter: "f1", timeout: 0 })) {
      if (batch.next_batch !== start) abort.abort();
    }
    expect(urls.map((url) => url.replace(origin, ""))).toEqual([
      `/_matrix/client/v2_alpha/sync?since=${start}&filter=f1&timeout=0&access_token=${TOKEN}`,
    ]);
  });

  it("waits as backoff says after each failure in a row, then goes on", async () => {
    const origin = await serve({ source: "examples", batches: 2 });
    let failuresLeft = 2;
    const client = createSyncClient({
      baseUrl: origin,
      accessToken: TOKEN,
      fetch: (input, init) => (failuresLeft-- > 0 ? Promise.reject(new TypeError("fetch failed")) : fetch(input, init)),
    });
    const asked: [number, string][] = [];
    const abort = new AbortController();
    const tokens: string[] = [];
    const backoff = (attempt: number, error: unknown) => (asked.push([attempt, (error as Error).message]), 0);
    for await (const batch of client.stream({ signal: abort.signal, backoff, timeout: 0 })) {
      tokens.push(batch.next_batch!);
      if (tokens.length === 2) abort.abort();
    }
    expect(asked).toEqual([
      [1, "fetch failed"],
      [2, "fetch failed"],
    ]);
    expect(tokens).toEqual([expect.stringMatching(/^s1_/), expect.stringMatching(/^s2_/)]);
  });

  it("gives up by default on a payload that breaks the contract, and on a 4xx", async () => {
    const broken = createSyncClient({ baseUrl: await serve({ fault: "type:Timeline.limited" }), accessToken: TOKEN });
    await expect(broken.stream({ timeout: 0 }).next()).rejects.toThrow(ContractError);
    const refused = createSyncClient({ baseUrl: await serve({ source: "examples" }), accessToken: "wrong" });
    await expect(refused.stream({ timeout: 0 }).next()).rejects.toMatchObject({ name: "SyncHttpError", status: 401 });
  });

  it("backs off by default 0.5 s doubling to 30 s on network errors, 5xx and 429", () => {
    const network = new TypeError("fetch failed");
    expect([1, 2, 3, 7, 8, 20].map((attempt) => defaultBackoff(attempt, network))).toEqual([500, 1000, 2000, 30_000, 30_000, 30_000]);
    expect(defaultBackoff(1, new SyncHttpError(502, ""))).toBe(500);
    expect(defaultBackoff(1, new SyncHttpError(429, ""))).toBe(500);
    expect(defaultBackoff(1, new SyncHttpError(404, ""))).toBe(false);
    expect(defaultBackoff(1, new ContractError("SyncResponse", []))).toBe(false);
  });
});
