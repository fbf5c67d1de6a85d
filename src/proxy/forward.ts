/**
 * One request forwarded to the upstream and its answer streamed back as it comes: the status, the
 * headers (but those that only concern one connection) and the bytes, unchanged. A copy of the body
 * is kept, when asked, for a check that runs after the last byte has gone to the client.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { MatrixError } from "../request.js";

/** Headers about one connection (RFC 9110, 7.6.1), which a proxy does not pass on. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);

export type Forwarded =
  | { ok: true; status: number; headers: IncomingMessage["headers"]; bytes: number; body?: Uint8Array }
  | { ok: false; failure: string; status: number; bytes: number; interrupted: boolean };

export interface ForwardOptions {
  /** How long the upstream has to start answering. */
  timeoutMs: number;
  /** Keep a copy of the body up to this many bytes (0: keep none). */
  keepBytes: number;
  /** Aborts the upstream request (the proxy is stopping). */
  signal: AbortSignal;
}

function passedOn(raw: readonly string[], drop: ReadonlySet<string>): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (!drop.has(name.toLowerCase())) pairs.push([name, raw[i + 1]!]);
  }
  return pairs;
}

/** The hop-by-hop headers, and those the Connection header names. */
function hopByHop(headers: IncomingMessage["headers"]): Set<string> {
  const named = (headers.connection ?? "").split(",").map((name) => name.trim().toLowerCase());
  return new Set([...HOP_BY_HOP, ...named.filter(Boolean)]);
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
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of passedOn(req.rawHeaders, new Set([...hopByHop(req.headers), "host"]))) {
      const key = name.toLowerCase();
      const known = headers[key];
      headers[key] = known === undefined ? value : [...(Array.isArray(known) ? known : [String(known)]), value];
    }
    headers.host = target.host;
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method, headers, signal: options.signal });
    let settled = false;
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
          : describeFailure(error, options.timeoutMs);
      resolve({ ok: false, failure, status: res.headersSent ? res.statusCode : 502, bytes: badGateway(res, failure), interrupted });
    };
    const timer = setTimeout(() => upstream.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), options.timeoutMs);
    upstream.on("error", fail);
    // The client went away before the whole answer: nothing more is owed upstream.
    res.once("close", () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
    upstream.on("response", (answer) => {
      clearTimeout(timer);
      const kept: Buffer[] = [];
      let bytes = 0;
      let overflow = false;
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, passedOn(answer.rawHeaders, hopByHop(answer.headers)).flat());
      answer.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= options.keepBytes) kept.push(chunk);
        else overflow = options.keepBytes > 0;
      });
      answer.pipe(res);
      answer.on("error", fail);
      answer.on("end", () => {
        if (settled) return;
        settled = true;
        const body = options.keepBytes > 0 && !overflow ? Buffer.concat(kept, bytes) : undefined;
        resolve({ ok: true, status: answer.statusCode ?? 502, headers: answer.headers, bytes, ...(body && { body }) });
      });
    });
    req.pipe(upstream);
  });
}
