/** toNodeHandler on a loopback port: what the Fetch handler is given, and how its answer is written. */
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { buildSyncUrl } from "../src/index.js";
import { createSyncHandler, toNodeHandler, type Answered, type FetchHandler, type NodeHandlerOptions } from "../src/mock/index.js";
import { listenOnLoopback, type Loopback } from "./support/loopback.js";

const open: Loopback[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) await server.close();
});

async function serve(handler: FetchHandler, options?: NodeHandlerOptions): Promise<string> {
  const server = await listenOnLoopback(toNodeHandler(handler, options));
  open.push(server);
  return server.origin;
}

/** A raw request, so that the target and the Host header are sent exactly as written. */
function raw(origin: string, target: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: target, headers, setHost: false }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject).end();
  });
}

describe("toNodeHandler", () => {
  it("gives the handler the method, URL, headers and body of the request", async () => {
    let seen: unknown;
    const origin = await serve(async (request) => {
      seen = [request.method, request.url, request.headers.get("x-test"), await request.text()];
      return new Response("ok");
    });
    const response = await fetch(`${origin}/a/b?c=d`, { method: "PUT", headers: { "x-test": "yes" }, body: "the body" });
    expect([response.status, await response.text()]).toEqual([200, "ok"]);
    expect(seen).toEqual(["PUT", `${origin}/a/b?c=d`, "yes", "the body"]);
  });

  it("keeps a path that starts with two slashes a path, and a Host header that is not a host out of the URL", async () => {
    const seen: string[] = [];
    const origin = await serve((request) => {
      seen.push(request.url);
      return new Response(null, { status: 204 });
    });
    await raw(origin, "//evil.example/sync?x=1", { host: "mock.test:8008" });
    await raw(origin, "/sync", { host: "evil.example/other?" });
    expect(seen).toEqual(["http://mock.test:8008//evil.example/sync?x=1", "http://localhost/sync"]);
  });

  it("writes the status, every header (each set-cookie apart) and a streamed body in order", async () => {
    const origin = await serve(() => {
      const parts = ["one,", "two,", "three"];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const part = parts.shift();
          if (part === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(part));
        },
      });
      const headers = new Headers({ "content-type": "text/plain" });
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response(body, { status: 202, headers });
    });
    const response = await fetch(origin);
    expect([response.status, response.headers.get("content-type"), response.headers.getSetCookie(), await response.text()]).toEqual([
      202,
      "text/plain",
      ["a=1", "b=2"],
      "one,two,three",
    ]);
  });

  it("aborts the handler's request signal when the client goes away before the answer", async () => {
    let arrived!: () => void;
    let aborted!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const abortion = new Promise<void>((resolve) => (aborted = resolve));
    const origin = await serve((request) => {
      arrived();
      return new Promise<Response>((answer) =>
        request.signal.addEventListener("abort", () => {
          aborted();
          answer(new Response("late"));
        }),
      );
    });
    const client = new AbortController();
    const pending = fetch(origin, { signal: client.signal }).catch((error: Error) => error.name);
    await arrival;
    client.abort();
    expect(await pending).toBe("AbortError");
    // Without the abort, the handler would wait for ever and the test would time out here.
    await abortion;
  });

  it("answers 500 in the Matrix error format when the handler throws", async () => {
    const origin = await serve(() => {
      throw new Error("the secret reason");
    });
    const response = await fetch(origin);
    expect([response.status, response.headers.get("content-type"), await response.json()]).toEqual([
      500,
      "application/json",
      { errcode: "M_UNKNOWN", error: "the handler failed" },
    ]);
  });

  it("tells onAnswered the method, URL, status and body size of each answer", async () => {
    const told: Answered[] = [];
    const origin = await serve(() => new Response("four", { status: 201 }), { onAnswered: (answered) => told.push(answered) });
    await (await fetch(`${origin}/x?y=1`, { method: "DELETE" })).text();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(told).toEqual([{ method: "DELETE", url: new URL(`${origin}/x?y=1`), status: 201, bytes: 4, ms: expect.any(Number) }]);
  });
});

describe("toNodeHandler with a handler from createSyncHandler", () => {
  const TOKEN = "adapter-token";

  it("answers what the handler itself answers, status, headers and body, without making a Request", async () => {
    const handler = createSyncHandler({ seed: 3, batches: 2 });
    const told: Answered[] = [];
    const origin = await serve(handler, { onAnswered: (answered) => told.push(answered) });
    for (const path of [
      buildSyncUrl("http://x.test", {}, { accessToken: TOKEN }),
      "http://x.test/other",
      "http://x.test/_matrix/client/v2_alpha/sync?timeout=x",
    ]) {
      const target = new URL(path);
      const [viaHttp, direct] = [await fetch(`${origin}${target.pathname}${target.search}`), await handler(new Request(path))];
      const text = await viaHttp.text();
      expect([viaHttp.status, viaHttp.headers.get("content-type"), text]).toEqual([
        direct.status,
        direct.headers.get("content-type"),
        await direct.text(),
      ]);
      expect(viaHttp.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    }
    expect(told.map(({ status, bytes }) => [status, bytes > 0])).toEqual([
      [200, true],
      [404, true],
      [400, true],
    ]);
  });

  it("ends a long-poll when its client goes away", async () => {
    const handler = createSyncHandler({ source: "examples", batches: 1, longPollCapMs: 600_000 });
    let answered!: (value: Answered) => void;
    const polled = new Promise<Answered>((resolve) => (answered = resolve));
    const origin = await serve(handler, { onAnswered: (value) => value.url?.searchParams.has("since") && answered(value) });
    const since = (await (await fetch(buildSyncUrl(origin, {}, { accessToken: TOKEN }))).json()).next_batch;
    const client = new AbortController();
    const pending = fetch(buildSyncUrl(origin, { since, timeout: 600_000 }, { accessToken: TOKEN }), { signal: client.signal }).catch(
      () => "aborted",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.abort();
    expect(await pending).toBe("aborted");
    // Without the abort reaching the wait, this would come after ten minutes, long after the test's timeout.
    expect((await polled).status).toBe(200);
  });
});
