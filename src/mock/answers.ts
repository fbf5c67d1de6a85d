/**
 * The mock's answers as plain data, `{ status, headers, body }`: a Fetch API `Response` is made from
 * one at the edge, and `toNodeHandler` writes one straight to `node:http` without making any, which
 * is most of what a request costs. The registry says which handlers can answer that way.
 */
import type { MatrixError } from "../request.js";

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a handler answers a request with, given its method, URL and a signal that aborts when the client goes away. */
export type Answering = (method: string, url: URL, signal: AbortSignal) => Promise<Answer>;

export const jsonAnswer = (status: number, body: string, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body,
});

/** An answer in the Matrix error format, `{ errcode, error }`. */
export function matrixError(status: number, errcode: string, error: string, headers?: Record<string, string>): Answer {
  const body: MatrixError = { errcode, error };
  return jsonAnswer(status, JSON.stringify(body), headers);
}

export const toResponse = ({ status, headers, body }: Answer): Response => new Response(body, { status, headers });

/** The handlers made by createSyncHandler, each with its plain-data form. */
export const answering = new WeakMap<object, Answering>();
