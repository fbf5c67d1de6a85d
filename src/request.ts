/**
 * The request side of the operation: a client builds the URL, a server reads the query. What the
 * parameters are and how each is typed comes from the spec through generated/contract.ts.
 */
import { operation } from "../generated/contract.js";
import { checkSyncQuery } from "./checks.generated.js";
import type { SyncQuery } from "../generated/types.js";
import { ContractError } from "./issues.js";

/** Query values: what `parseSyncRequest` accepts besides URLs, as Express and Fastify hand them over. */
export type QueryRecord = Record<string, string | readonly string[] | undefined>;

export interface BuildUrlOptions {
  /** Sent as the spec's access token query parameter. */
  accessToken?: string;
}

/** The body of a 400 response, in the Matrix error format. */
export interface MatrixError {
  errcode: string;
  error: string;
}

export type ParsedRequest = { ok: true; query: SyncQuery; accessToken?: string } | { ok: false; status: 400; body: MatrixError };

/**
 * The full URL of the operation on a homeserver: `baseUrl` (for example `https://matrix.example.org`),
 * the spec's base path and path, and the query. Throws a `ContractError` for a query that breaks
 * `SyncQuery`.
 */
export function buildSyncUrl(baseUrl: string | URL, query: SyncQuery = {}, options: BuildUrlOptions = {}): string {
  const result = checkSyncQuery(query, { rules: false });
  if (!result.valid) throw new ContractError(operation.queryName, result.issues);
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/+$/, "");
  url.pathname = (prefix.endsWith(operation.basePath) ? prefix : prefix + operation.basePath) + operation.path;
  url.search = "";
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.append(name, String(value));
  }
  if (options.accessToken !== undefined) {
    if (operation.accessTokenParameter === null) throw new TypeError("the spec declares no query parameter for an access token");
    url.searchParams.append(operation.accessTokenParameter, options.accessToken);
  }
  return url.href;
}

function queryValues(input: URL | string | URLSearchParams | QueryRecord): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const add = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), value]);
  if (input instanceof URLSearchParams || input instanceof URL || typeof input === "string") {
    const params =
      input instanceof URLSearchParams
        ? input
        : input instanceof URL
          ? input.searchParams
          : new URL(input, "http://localhost").searchParams;
    for (const [name, value] of params) add(name, value);
  } else {
    for (const [name, value] of Object.entries(input)) {
      for (const item of typeof value === "string" ? [value] : (value ?? [])) add(name, String(item));
    }
  }
  return values;
}

/** A query string value read as its parameter's declared type, or a message saying why it can't be. */
function coerce(text: string, type: string | null): { value: unknown } | { problem: string } {
  switch (type) {
    case "integer":
      if (!/^-?\d+$/.test(text)) return { problem: "must be an integer" };
      // Beyond 2^53 - 1 a JSON number no longer holds every integer: 2^53 + 1 would be read as 2^53.
      return Number.isSafeInteger(Number(text)) ? { value: Number(text) } : { problem: "must be an integer from -(2^53 - 1) to 2^53 - 1" };
    case "number":
      return text.trim() !== "" && Number.isFinite(Number(text)) ? { value: Number(text) } : { problem: "must be a number" };
    case "boolean":
      return text === "true" || text === "false" ? { value: text === "true" } : { problem: 'must be "true" or "false"' };
    default:
      return { value: text };
  }
}

const badRequest = (error: string): ParsedRequest => ({ ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error } });

/**
 * Reads the query of a request: a URL, a URL string (a path with a query will do), `URLSearchParams`
 * or a plain query object. Values are read as their parameter's type; unknown parameters are ignored,
 * as HTTP servers do; the access token is returned apart, for the server to check.
 */
export function parseSyncRequest(input: URL | string | URLSearchParams | QueryRecord): ParsedRequest {
  let values: Map<string, string[]>;
  try {
    values = queryValues(input);
  } catch {
    return badRequest("the request URL cannot be parsed");
  }
  const declared: Record<string, { type: string | null }> = operation.query;
  const tokenName = operation.accessTokenParameter;
  const query: Record<string, unknown> = {};
  for (const [name, texts] of values) {
    const parameter = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (!parameter && name !== tokenName) continue;
    if (texts.length > 1) return badRequest(`${name}: the parameter is given ${texts.length} times; give it once`);
    if (!parameter) continue;
    const read = coerce(texts[0]!, parameter.type);
    if ("problem" in read) return badRequest(`${name}: ${read.problem}, not ${JSON.stringify(texts[0])}`);
    query[name] = read.value;
  }
  const result = checkSyncQuery(query, { rules: false });
  if (!result.valid) {
    const [issue] = result.issues;
    return badRequest(`${issue!.pointer.slice(1) || "query"}: ${issue!.message}`);
  }
  const accessToken = tokenName === null ? undefined : values.get(tokenName)?.[0];
  return accessToken === undefined ? { ok: true, query: result.value } : { ok: true, query: result.value, accessToken };
}
