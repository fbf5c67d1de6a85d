/**
 * The validating reverse proxy: every request forwarded to the upstream homeserver unchanged (but its
 * Host), every answer streamed back unchanged, and each exchange told to `onExchange` once the answer
 * has gone out, with the `/sync` request and response checked against the contract.
 */
import { Agent as HttpAgent, type IncomingMessage, type ServerResponse } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { CheckOptions } from "../issues.js";
import { createCheckPool } from "./check-pool.js";
import { exchangeOf, viewRequest, type Exchange, type RequestView } from "./exchange.js";
import { forward } from "./forward.js";
import { InOrder } from "./in-order.js";

export interface ProxyOptions {
  /** The homeserver: its origin, and a path prefix if it serves under one. */
  upstream: URL;
  /** Told each exchange once its answer has gone out and been checked, in the order the answers were complete. */
  onExchange: (exchange: Exchange) => void;
  check?: CheckOptions;
  /** How long the upstream has to start answering, beyond the long-poll `timeout` the request asks for (default 30,000 ms). */
  graceMs?: number;
  /** The largest `/sync` body checked, in bytes (default 128 MiB); a larger one is forwarded and reported unchecked. */
  maxCheckBytes?: number;
  /** Give each exchange a `record`: its `/sync` payload as one line of JSON. */
  record?: boolean;
  /** Told what went wrong inside the proxy while reporting an exchange (a bug, or `onExchange` throwing). */
  onError?: (error: unknown) => void;
}

export interface Proxy {
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** Aborts what is still waiting for the upstream; the clients get a 502. */
  close(): void;
  /** Resolves once every exchange begun so far has been told to `onExchange`. */
  idle(): Promise<void>;
  /** Ends the checking thread and the kept-alive connections to the upstream; for after `idle()`. */
  dispose(): void;
}

const DEFAULT_GRACE_MS = 30_000;
const DEFAULT_MAX_CHECK_BYTES = 128 * 1024 * 1024;

/** Only origin-form targets (`/path?query`): any other form would let a client pick another host. */
function upstreamUrl(upstream: URL, requestTarget: string): URL | undefined {
  if (!requestTarget.startsWith("/")) return undefined;
  const prefix = upstream.pathname.replace(/\/+$/, "");
  // Joined as text: `new URL("//other/x", base)` would read a path that starts with two slashes as a host.
  try {
    return new URL(`${upstream.origin}${prefix}${requestTarget}`);
  } catch {
    return undefined;
  }
}

const NOT_A_PATH = JSON.stringify({ errcode: "M_UNRECOGNIZED", error: "the request target is not a path" });

export function createProxy(options: ProxyOptions): Proxy {
  const { upstream, onExchange, check = {}, record = false, onError = () => {} } = options;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const keepBytes = options.maxCheckBytes ?? DEFAULT_MAX_CHECK_BYTES;
  const stopping = new AbortController();
  const agent = upstream.protocol === "https:" ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const pool = createCheckPool();
  const order = new InOrder(onExchange, onError);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const target = req.url ?? "/";
    const url = upstreamUrl(upstream, target);
    if (url === undefined) {
      res.writeHead(400, { "content-type": "application/json" }).end(NOT_A_PATH);
      return order.abandon();
    }
    let view: RequestView | undefined;
    const viewed = () => (view ??= viewRequest(req.method ?? "GET", new URL(`http://proxy.invalid${target}`)));
    const forwarded = await forward(req, res, url, {
      // Read once the request has gone on: parsing the query is no part of the path of its bytes.
      plan: () => ({ timeoutMs: viewed().timeoutMs + graceMs, keepBytes: viewed().sync ? keepBytes : 0 }),
      agent,
      signal: stopping.signal,
    });
    const ms = performance.now() - started;
    const place = order.place();
    // The bytes have gone to the client; the check comes after them.
    setImmediate(() => {
      exchangeOf(viewed(), forwarded, ms, { check, keepBytes, record, checkBody: pool.check }).then(
        (exchange) => order.fill(place, exchange),
        (error: unknown) => {
          onError(error);
          order.fill(place, undefined);
        },
      );
    });
  }

  return {
    listener: (req, res) => {
      order.begin();
      // forward() settles every way a request can end: a throw here comes before any answer was placed.
      handle(req, res).catch((error: unknown) => {
        onError(error);
        order.abandon();
      });
    },
    close: () => stopping.abort(),
    dispose: () => {
      pool.close();
      agent.destroy();
    },
    idle: () => order.idle(),
  };
}
