/**
 * One request forwarded to the upstream and its answer streamed back as it comes: the status, the
 * headers (but those that only concern one connection) and the bytes, unchanged. A copy of the body
 * is kept, when asked, for a check that runs after the last byte has gone to the client.
 */
import { request as httpRequest, type Agent, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { MatrixError } from "../request.js";

/** Headers about one connection (RFC 9110, 7.6.1), which a proxy does not pass on. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);

export type Forwarded =
  | { ok: true; status: number; headers: IncomingMessage["headers"]; bytes: number; body?: Uint8Array }
  | { ok: false; failure: string; status: number; bytes: number; interrupted: boolean };

/** What the request calls for, worked out off the path of its bytes. */
export interface Plan {
  /** How long the upstream has to start answering. */
  timeoutMs: number;
  /** Keep a copy of the body up to this many bytes (0: keep none). */
  keepBytes: number;
}

export interface ForwardOptions {
  /** Asked once, when the request has gone on to the upstream (or its answer begins, if that is sooner). */
  plan: () => Plan;
  /** Keeps the connections to the upstream open from one request to the next: the agent for the upstream's protocol. */
  agent: Agent;
  /** Aborts the upstream request (the proxy is stopping). */
  signal: AbortSignal;
}

/**
 * The raw headers, flat as Node gives them, without the hop-by-hop ones and those the Connection header
 * names; `host`, when given, takes the place of the Host header.
 */
function passedOn(raw: readonly string[], connection: string | undefined, host?: string): string[] {
  const named = connection === undefined ? undefined : new Set(connection.split(",").map((name) => name.trim().toLowerCase()));
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named?.has(lower)) continue;
    kept.push(name, lower === "host" && host !== undefined ? host : raw[i + 1]!);
  }
  return kept;
}

function describeFailure(error: NodeJS.ErrnoException, timeoutMs: number): string {
  if (error.code === "ETIMEDOUT") return `no answer within ${timeoutMs} ms`;
  if (error.code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  if (error.code?.startsWith("HPE_")) return `the answer is not HTTP (${error.code})`;
  return error.code === undefined ? error.message : `${error.message.split("\n")[0]} (${error.code})`;
}

function badGateway(res: ServerResponse, failure: string): number {
  const body: MatrixError = { errcode: "M_UNKNOWN", error: `the upstream homeserver failed: ${failure}` };
  const text = JSON.stringify(body);
  if (!res.headersSent) res.writeHead(502, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
  else res.destroy();
  return Buffer.byteLength(text);
}

export function forward(req: IncomingMessage, res: ServerResponse, target: URL, options: ForwardOptions): Promise<Forwarded> {
  return new Promise((resolve) => {
    const headers = passedOn(req.rawHeaders, req.headers.connection, target.host);
    if (req.headers.host === undefined) headers.push("Host", target.host);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method, headers, agent: options.agent, signal: options.signal });
    let plan: Plan | undefined;
    const planned = () => (plan ??= options.plan());
    let settled = false;
    let answered = false;
    let clientGone = false;
    const fail = (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      // Cut short by the client or by the proxy stopping: no fault of the upstream's.
      const interrupted = clientGone || options.signal.aborted;
      const failure = clientGone
        ? "the client went away before the answer was complete"
        : options.signal.aborted
          ? "the proxy stopped before the answer was complete"
          : describeFailure(error, planned().timeoutMs);
      resolve({ ok: false, failure, status: res.headersSent ? res.statusCode : 502, bytes: badGateway(res, failure), interrupted });
    };
    let timer: NodeJS.Timeout | undefined;
    // The request's bytes leave on the next tick; what it calls for is read after them.
    setImmediate(() => {
      if (!settled && !answered)
        timer = setTimeout(() => upstream.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), planned().timeoutMs);
    });
    upstream.on("error", fail);
    // The client went away before the whole answer: nothing more is owed upstream.
    res.once("close", () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
    upstream.on("response", (answer) => {
      answered = true;
      clearTimeout(timer);
      const { keepBytes } = planned();
      const kept: Buffer[] = [];
      let bytes = 0;
      let overflow = false;
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, passedOn(answer.rawHeaders, answer.headers.connection));
      answer.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= keepBytes) kept.push(chunk);
        else overflow = keepBytes > 0;
      });
      answer.pipe(res);
      answer.on("error", fail);
      answer.on("end", () => {
        if (settled) return;
        settled = true;
        const whole = keepBytes > 0 && !overflow;
        resolve({
          ok: true,
          status: answer.statusCode ?? 502,
          headers: answer.headers,
          bytes,
          ...(whole && { body: Buffer.concat(kept, bytes) }),
        });
      });
    });
    req.pipe(upstream);
  });
}
