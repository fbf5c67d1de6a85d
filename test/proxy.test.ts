/**
 * createProxy between a client and an upstream on loopback: byte-identical forwarding both ways, the
 * reports of each exchange, the upstream's failures as 502s, and the access token kept out of all of it.
 */
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { buildSyncUrl, examples } from "../src/index.js";
import { createSyncHandler, faults, toNodeHandler } from "../src/mock/index.js";
import type { Exchange } from "../src/proxy/exchange.js";
import { createProxy, type ProxyOptions } from "../src/proxy/proxy.js";
import { judge } from "../src/proxy/verdict.js";
import { listenOnLoopback, type Loopback } from "./support/loopback.js";

const TOKEN = "RECOGNISABLE-proxy-token-9f3e";
const SYNC = "/_matrix/client/v2_alpha/sync";
const open: { close(): Promise<void> | void }[] = [];

afterEach(async () => {
  for (const server of open.splice(0).reverse()) await server.close();
});

async function upstreamServer(listener: Parameters<typeof listenOnLoopback>[0]): Promise<string> {
  const server = await listenOnLoopback(listener);
  open.push(server);
  return server.origin;
}

/** A proxy in front of `upstream`; its exchanges, each once it is reported. */
async function proxyTo(upstream: string, options: Partial<ProxyOptions> = {}) {
  const exchanges: Exchange[] = [];
  let arrived: (() => void)[] = [];
  const proxy = createProxy({
    upstream: new URL(upstream),
    onExchange: (exchange) => {
      exchanges.push(exchange);
      for (const resolve of arrived.splice(0)) resolve();
    },
    ...options,
  });
  const server: Loopback = await listenOnLoopback(proxy.listener);
  open.push({ close: () => (proxy.close(), proxy.dispose(), server.close()) });
  const reported = async (count: number) => {
    while (exchanges.length < count) await new Promise<void>((resolve) => arrived.push(resolve));
    arrived = [];
    return exchanges;
  };
  return { origin: server.origin, proxy, reported };
}

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

/** The answer as bytes, with nothing decoded: fetch would undo a content coding. */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? "GET", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject).end(init.body);
  });
}

/** The end-to-end headers, without those Node adds or that concern one connection. */
const endToEnd = (rawHeaders: string[]) =>
  rawHeaders
    .map((value, i) => (i % 2 === 0 ? value.toLowerCase() : value))
    .reduce<[string, string][]>((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value, all[i + 1]!]] : pairs), [])
    .filter(([name]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(name));

describe("forwarding", () => {
  it("streams the status, headers and bytes back exactly as the upstream sent them", async () => {
    const body = Buffer.from('{"weird":  "spacing\\u00e9", "bytes": "\u00ff"}\n');
    const upstream = await upstreamServer((_req, res) => {
      res.writeHead(
        203,
        "Custom Reason",
        [
          ["Content-Type", "application/json; charset=utf-8"],
          ["X-Custom", "a, b"],
          ["Set-Cookie", "a=1"],
          ["Set-Cookie", "b=2"],
        ].flat(),
      );
      res.end(body);
    });
    const { origin } = await proxyTo(upstream);
    const [direct, proxied] = [await raw(`${upstream}${SYNC}?access_token=${TOKEN}`), await raw(`${origin}${SYNC}?access_token=${TOKEN}`)];
    expect(proxied.status).toBe(203);
    expect(proxied.body.equals(body)).toBe(true);
    expect(endToEnd(proxied.rawHeaders)).toEqual(endToEnd(direct.rawHeaders));
    expect(endToEnd(proxied.rawHeaders)).toEqual([
      ["content-type", "application/json; charset=utf-8"],
      ["x-custom", "a, b"],
      ["set-cookie", "a=1"],
      ["set-cookie", "b=2"],
    ]);
  });

  it("forwards the method, target, headers and body unchanged, the Host header made the upstream's", async () => {
    let seen: unknown;
    const upstream = await upstreamServer((req, res) => {
      let text = "";
      req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      req.on("end", () => {
        seen = { method: req.method, url: req.url, host: req.headers.host, test: req.headers["x-test"], text };
        res.end("ok");
      });
    });
    const { origin } = await proxyTo(`${upstream}/prefix/`);
    await raw(`${origin}/_matrix/client/v2_alpha/account?x=1&access_token=${TOKEN}`, {
      method: "PUT",
      headers: { "x-test": "yes" },
      body: "payload",
    });
    expect(seen).toEqual({
      method: "PUT",
      url: `/prefix/_matrix/client/v2_alpha/account?x=1&access_token=${TOKEN}`,
      host: new URL(upstream).host,
      test: "yes",
      text: "payload",
    });
  });

  it("forwards a gzipped /sync answer as it came, and checks what it holds", async () => {
    const compressed = gzipSync(JSON.stringify(examples.SyncResponse));
    const upstream = await upstreamServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(compressed),
    );
    const { origin, reported } = await proxyTo(upstream);
    const answer = await raw(`${origin}${SYNC}?access_token=${TOKEN}`, { headers: { "accept-encoding": "gzip" } });
    expect(answer.body.equals(compressed)).toBe(true);
    expect((await reported(1))[0]).toMatchObject({ response: { valid: true, issues: [], truncated: false } });
  });
});

describe("the reports", () => {
  async function mockBehindProxy(options: Parameters<typeof createSyncHandler>[0] = {}, proxyOptions: Partial<ProxyOptions> = {}) {
    const handler = createSyncHandler({ source: "examples", ...options });
    open.push({ close: () => handler.close() });
    return proxyTo(await upstreamServer(toNodeHandler(handler)), proxyOptions);
  }

  it("reports a /sync exchange, checked, without the token", async () => {
    const { origin, reported } = await mockBehindProxy({}, { record: true });
    const answer = await fetch(buildSyncUrl(origin, { timeout: 0 }, { accessToken: TOKEN }));
    const text = await answer.text();
    const [exchange] = await reported(1);
    expect(exchange).toEqual({
      method: "GET",
      target: `${SYNC}?timeout=0`,
      sync: true,
      status: 200,
      bytes: Buffer.byteLength(text),
      ms: expect.any(Number),
      requestIssues: [],
      response: { valid: true, issues: [], truncated: false },
      record: text,
    });
  });

  it.each([...faults.keys()])("%s: reports exactly the fault's issue, and forwards the bytes", async (name) => {
    const { origin, reported } = await mockBehindProxy({ fault: name });
    const direct = createSyncHandler({ source: "examples", fault: name });
    const text = await (await fetch(buildSyncUrl(origin, {}, { accessToken: TOKEN }))).text();
    expect(text).toBe(await (await direct(new Request(buildSyncUrl("http://mock.test", {}, { accessToken: TOKEN })))).text());
    const [exchange] = await reported(1);
    expect(exchange!.response!.issues).toEqual([expect.objectContaining(faults.get(name)!.breaks)]);
    expect(judge(exchange!).passed).toBe(faults.get(name)!.breaks.severity === "warning");
  });

  it("reports a /sync request whose query breaks the contract, and forwards it all the same", async () => {
    const { origin, reported } = await mockBehindProxy();
    const answer = await fetch(`${origin}${SYNC}?timeout=soon&access_token=${TOKEN}`);
    expect(answer.status).toBe(400);
    const [exchange] = await reported(1);
    expect(exchange).toMatchObject({
      target: `${SYNC}?timeout=soon`,
      status: 400,
      requestIssues: [{ pointer: "", message: 'timeout: must be an integer, not "soon"', rule: "request:query", severity: "error" }],
    });
    expect(exchange!.response).toBeUndefined();
    expect(judge(exchange!)).toMatchObject({ counted: true, passed: false });
  });

  it("checks with the options it is given: the issue cap, and the prose rules or not", async () => {
    const twoErrors = { next_batch: 1, rooms: { joined: { r: { timeline: { events: ["$missing"] } } } } };
    const upstream = await upstreamServer((_req, res) => res.end(JSON.stringify(twoErrors)));
    const capped = await proxyTo(upstream, { check: { maxIssues: 1 } });
    await (await fetch(buildSyncUrl(capped.origin, {}, { accessToken: TOKEN }))).text();
    expect((await capped.reported(1))[0]!.response).toEqual({
      valid: false,
      truncated: true,
      issues: [{ pointer: "/next_batch", message: "must be string", rule: "schema:type", severity: "error" }],
    });
    const schemaOnly = await proxyTo(upstream, { check: { rules: false } });
    await (await fetch(buildSyncUrl(schemaOnly.origin, {}, { accessToken: TOKEN }))).text();
    expect((await schemaOnly.reported(1))[0]!.response!.issues.map((issue) => issue.rule)).toEqual(["schema:type"]);
    const levels = await proxyTo(upstream, { check: { rules: { "event-map-reference": "warning" } } });
    await (await fetch(buildSyncUrl(levels.origin, {}, { accessToken: TOKEN }))).text();
    expect((await levels.reported(1))[0]!.response!.issues.map(({ rule, severity }) => [rule, severity])).toEqual([
      ["schema:type", "error"],
      ["event-map-reference", "warning"],
    ]);
  });

  it("reports the keys the spec does not name in strict mode", async () => {
    const upstream = await upstreamServer((_req, res) => res.end(JSON.stringify({ next_batch: "n", account_data: {} })));
    const strict = await proxyTo(upstream, { check: { strict: true } });
    await (await fetch(buildSyncUrl(strict.origin, {}, { accessToken: TOKEN }))).text();
    expect((await strict.reported(1))[0]!.response!.issues).toEqual([
      expect.objectContaining({ pointer: "/account_data", rule: "unknown-key", severity: "warning" }),
    ]);
  });

  it("forwards other paths unchecked", async () => {
    const { origin, reported } = await mockBehindProxy();
    expect((await fetch(`${origin}/_matrix/client/v2_alpha/other?access_token=${TOKEN}`)).status).toBe(404);
    const [exchange] = await reported(1);
    expect(exchange).toMatchObject({ target: "/_matrix/client/v2_alpha/other", sync: false, status: 404 });
    expect(judge(exchange!).counted).toBe(false);
  });

  it("keeps the token out of every report and record, even where the upstream echoes it", async () => {
    const echo = { next_batch: TOKEN, rooms: { joined: { [`!${TOKEN}`]: { timeline: { events: [TOKEN] } } } } };
    const upstream = await upstreamServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(echo)),
    );
    const { origin, reported } = await proxyTo(upstream, { record: true });
    await (await fetch(buildSyncUrl(origin, { filter: TOKEN }, { accessToken: TOKEN }))).text();
    await (await fetch(`${origin}${SYNC}?timeout=${TOKEN}&access_token=${TOKEN}`)).text();
    const exchanges = await reported(2);
    const written = JSON.stringify(exchanges);
    expect(written).not.toContain(TOKEN);
    expect(exchanges[0]!.target).toBe(`${SYNC}?filter=[redacted]`);
    expect(exchanges[0]!.response!.issues).toEqual([
      expect.objectContaining({ pointer: "/rooms/joined/![redacted]/timeline/events/0", rule: "event-map-reference" }),
    ]);
    expect(JSON.parse(exchanges[0]!.record!)).toEqual({
      next_batch: "[redacted]",
      rooms: { joined: { "![redacted]": { timeline: { events: ["[redacted]"] } } } },
    });
    expect(exchanges[1]!.requestIssues[0]!.message).toBe('timeout: must be an integer, not "[redacted]"');
  });
});

describe("the upstream's failures", () => {
  const badGateway = (failure: string) => ({ errcode: "M_UNKNOWN", error: `the upstream homeserver failed: ${failure}` });

  it("answers 502 when the upstream refuses the connection", async () => {
    const closed = await listenOnLoopback(() => {});
    await closed.close();
    const { origin, reported } = await proxyTo(closed.origin);
    const answer = await fetch(buildSyncUrl(origin, {}, { accessToken: TOKEN }));
    expect([answer.status, answer.headers.get("content-type"), await answer.json()]).toEqual([
      502,
      "application/json",
      badGateway("connection refused (ECONNREFUSED)"),
    ]);
    const [exchange] = await reported(1);
    expect(exchange).toMatchObject({ status: 502, upstreamFailure: "connection refused (ECONNREFUSED)" });
    expect(judge(exchange!)).toMatchObject({ counted: true, passed: false });
  });

  it("answers 502 when the upstream does not start answering within the long-poll timeout and the grace", async () => {
    const upstream = await upstreamServer(() => {});
    const { origin, reported } = await proxyTo(upstream, { graceMs: 40 });
    const answer = await fetch(buildSyncUrl(origin, { timeout: 10 }, { accessToken: TOKEN }));
    expect([answer.status, await answer.json()]).toEqual([502, badGateway("no answer within 50 ms")]);
    expect((await reported(1))[0]).toMatchObject({ upstreamFailure: "no answer within 50 ms" });
  });

  it("answers 502 when what comes back is not HTTP", async () => {
    const garbage = createTcpServer((socket) => socket.end("this is not HTTP\r\n\r\n"));
    await new Promise<void>((resolve) => garbage.listen(0, "127.0.0.1", resolve));
    open.push({ close: () => void garbage.close() });
    const { origin, reported } = await proxyTo(`http://127.0.0.1:${(garbage.address() as AddressInfo).port}`);
    const answer = await fetch(buildSyncUrl(origin, {}, { accessToken: TOKEN }));
    expect(answer.status).toBe(502);
    expect((await reported(1))[0]!.upstreamFailure).toMatch(/^the answer is not HTTP \(HPE_[A-Z_]+\)$/);
  });

  it("forwards a /sync 200 that is not JSON as it is, and fails the exchange with a json issue", async () => {
    const upstream = await upstreamServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>gateway</html>"));
    const { origin, reported } = await proxyTo(upstream, { record: true });
    const answer = await fetch(buildSyncUrl(origin, {}, { accessToken: TOKEN }));
    expect([answer.status, await answer.text()]).toEqual([200, "<html>gateway</html>"]);
    const [exchange] = await reported(1);
    expect(exchange!.response).toEqual({
      valid: false,
      truncated: false,
      issues: [expect.objectContaining({ pointer: "", rule: "json", line: 1, column: 1 })],
    });
    expect(exchange!.record).toBeUndefined();
  });

  it("forwards a body larger than it checks, and says it was not checked", async () => {
    const upstream = await upstreamServer((_req, res) => res.end(JSON.stringify(examples.SyncResponse)));
    const { origin, reported } = await proxyTo(upstream, { maxCheckBytes: 100 });
    expect(await (await fetch(buildSyncUrl(origin, {}, { accessToken: TOKEN }))).json()).toEqual(examples.SyncResponse);
    const [exchange] = await reported(1);
    expect(exchange).toMatchObject({ unchecked: "the body is larger than the 100 bytes the proxy checks" });
    expect(judge(exchange!).passed).toBe(false);
  });

  it("counts an exchange the client walked away from as interrupted, not failed", async () => {
    const upstream = await upstreamServer(() => {});
    const { origin, reported } = await proxyTo(upstream);
    const client = new AbortController();
    const pending = fetch(buildSyncUrl(origin, { timeout: 60_000 }, { accessToken: TOKEN }), { signal: client.signal }).catch(
      () => "aborted",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.abort();
    expect(await pending).toBe("aborted");
    const [exchange] = await reported(1);
    expect(exchange).toMatchObject({ interrupted: "the client went away before the answer was complete" });
    expect(judge(exchange!).counted).toBe(false);
  });
});

describe("the verdict", () => {
  const exchange = (issues: Exchange["requestIssues"], more: Partial<Exchange> = {}): Exchange => ({
    method: "GET",
    target: SYNC,
    sync: true,
    status: 200,
    bytes: 1,
    ms: 1,
    requestIssues: [],
    response: { valid: true, issues, truncated: false },
    ...more,
  });
  const warning = { pointer: "/a", message: "m", rule: "event-map-unreferenced", severity: "warning" } as const;
  const error = { pointer: "/b", message: "m", rule: "event-map-reference", severity: "error" } as const;

  it("fails an exchange on an error, a failed upstream or an unchecked answer, never on warnings alone", () => {
    expect(judge(exchange([warning, warning]))).toEqual({ counted: true, passed: true, warnings: 2 });
    expect(judge(exchange([error, warning]))).toEqual({ counted: true, passed: false, warnings: 1 });
    expect(judge(exchange([], { requestIssues: [{ ...error, rule: "request:query" }] })).passed).toBe(false);
    expect(judge(exchange([], { upstreamFailure: "refused" })).passed).toBe(false);
    expect(judge(exchange([], { unchecked: "too large" })).passed).toBe(false);
  });

  it("counts /sync exchanges only, and not those cut short", () => {
    expect(judge(exchange([], { sync: false })).counted).toBe(false);
    expect(judge(exchange([], { interrupted: "the client went away" })).counted).toBe(false);
  });
});
