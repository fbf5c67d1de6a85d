/**
 * `toNodeHandler`: a Fetch API handler served by `node:http` (or `node:https`, or anything with the
 * same request and response objects). The request's signal aborts when the client goes away; the
 * response body is streamed with back-pressure. A handler from createSyncHandler is answered without
 * making a Request or a Response at all. Nothing here imports Node's modules, so the entry that holds
 * it still loads in workers and browsers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { answering, matrixError, type Answer } from "./answers.js";

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** One request answered: what a log line says about it. */
export interface Answered {
  method: string;
  /** Undefined when the request target was no URL (answered 400). */
  url: URL | undefined;
  status: number;
  /** Of the body. */
  bytes: number;
  /** From the request's arrival to the last byte written. */
  ms: number;
}

export interface NodeHandlerOptions {
  /** Told about each request once its answer is written. */
  onAnswered?: ((answered: Answered) => void) | undefined;
}

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

/** Writes the response; its body's size. */
async function writeResponse(response: Response, res: ServerResponse): Promise<number> {
  const headers: string[] = [];
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers.push(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) headers.push("set-cookie", cookie);
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (response.body === null) {
    res.end();
    return 0;
  }
  const reader = response.body.getReader();
  const closed = new Promise<void>((resolve) => res.once("close", resolve));
  let bytes = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (!res.write(value)) await Promise.race([new Promise((resolve) => res.once("drain", resolve)), closed]);
      if (res.destroyed) {
        await reader.cancel();
        return bytes;
      }
    }
    res.end();
    return bytes;
  } finally {
    reader.releaseLock();
  }
}

function writeAnswer({ status, headers, body }: Answer, res: ServerResponse): number {
  const bytes = Buffer.byteLength(body);
  res.writeHead(status, { ...headers, "content-length": String(bytes) }).end(body);
  return bytes;
}

/** `(req, res) => void` for `http.createServer`, answering each request with `handler`. */
export function toNodeHandler(
  handler: FetchHandler,
  options: NodeHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const direct = answering.get(handler);
  return (req, res) => {
    const started = performance.now();
    const gone = new AbortController();
    // "close" on the response also comes after a complete answer: only an unfinished one means the client left.
    res.once("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    const method = req.method ?? "GET";
    let url: URL | undefined;
    const answer = async (): Promise<number> => {
      try {
        url = requestUrl(req);
      } catch {
        return writeAnswer(matrixError(400, "M_UNRECOGNIZED", "the request target is not a URL"), res);
      }
      if (direct !== undefined) return writeAnswer(await direct(method, url, gone.signal), res);
      const body = requestBody(req);
      const init = { method, headers: requestHeaders(req), signal: gone.signal, body, ...(body && { duplex: "half" }) };
      return writeResponse(await handler(new Request(url, init)), res);
    };
    answer().then(
      (bytes) => options.onAnswered?.({ method, url, status: res.statusCode, bytes, ms: performance.now() - started }),
      () => {
        // The handler failed, or the client left while the body was written: answer if there is still time.
        if (!res.headersSent) writeAnswer(matrixError(500, "M_UNKNOWN", "the handler failed"), res);
        else res.destroy();
      },
    );
  };
}
