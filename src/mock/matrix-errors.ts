/** Answers in the Matrix error format, `{ errcode, error }`, and the JSON responses they share. */
import type { MatrixError } from "../request.js";

const JSON_HEADERS = { "content-type": "application/json" };

export function jsonResponse(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function matrixErrorResponse(status: number, errcode: string, error: string, headers?: Record<string, string>): Response {
  const body: MatrixError = { errcode, error };
  return jsonResponse(status, JSON.stringify(body), headers);
}
