/**
 * `toNodeHandler`: a Fetch API handler served by `node:http` (or `node:https`, or anything with the
 * same request and response objects). The request's signal aborts when the client goes away; the
 * response body is streamed with back-pressure. Nothing here imports Node's modules, so the entry
 * that holds it still loads in workers and browsers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { matrixErrorResponse } from "./matrix-errors.js";

export type FetchHandler = (request: Request) => Response | Promise<Response>;

// A Host header is used as the URL's authority only when it is one: anything else could move the path.
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function requestUrl(req: IncomingMessage): URL {
  const secure = "encrypted" in req.socket && req.socket.encrypted === true;
  const host = req.headers.host !== undefined && HOST.test(req.headers.host) ? req.headers.host : "localhost";
  const target = req.url ?? "/";
  // Joined as text: `new URL("//other/x", base)` would read a path that starts with two slashes as a host.
  return new URL(target.startsWith("/") ? `${secure ? "https" : "http"}://${host}${target}` : target);
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    // Pseudo-headers (HTTP/2) and names the Fetch API refuses are left out rather than fail the request.
    try {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    } catch {
      continue;
    }
  }
  return headers;
}

function requestBody(req: IncomingMessage): ReadableStream<Uint8Array> | undefined {
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = (await chunks.next()) as IteratorResult<Buffer>;
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    },
    cancel: () => void req.destroy(),
  });
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: string[] = [];
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers.push(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) headers.push("set-cookie", cookie);
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (response.body === null) return void res.end();
  const reader = response.body.getReader();
  const closed = new Promise<void>((resolve) => res.once("close", resolve));
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!res.write(value)) await Promise.race([new Promise((resolve) => res.once("drain", resolve)), closed]);
      if (res.destroyed) return void (await reader.cancel());
    }
    res.end();
  } finally {
    reader.releaseLock();
  }
}

/** `(req, res) => void` for `http.createServer`, answering each request with `handler`. */
export function toNodeHandler(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const gone = new AbortController();
    // "close" on the response also comes after a complete answer: only an unfinished one means the client left.
    res.once("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    const answer = async () => {
      let url: URL;
      try {
        url = requestUrl(req);
      } catch {
        return writeResponse(matrixErrorResponse(400, "M_UNRECOGNIZED", "the request target is not a URL"), res);
      }
      const body = requestBody(req);
      const init = { method: req.method, headers: requestHeaders(req), signal: gone.signal, body, ...(body && { duplex: "half" }) };
      return writeResponse(await handler(new Request(url, init)), res);
    };
    answer().catch(() => {
      // The handler failed, or the client left while the body was written: answer if there is still time.
      if (!res.headersSent) void writeResponse(matrixErrorResponse(500, "M_UNKNOWN", "the handler failed"), res).catch(() => res.destroy());
      else res.destroy();
    });
  };
}
