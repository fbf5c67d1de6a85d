/**
 * The request side of the operation: a client builds the URL, a server reads the query from whatever
 * shape its framework hands over. What the parameters are and how each is typed comes from the spec
 * through generated/contract.ts.
 */
import { operation } from "../generated/contract.js";
import { checkSyncQuery } from "./checks.generated.js";
import type { SyncQuery } from "../generated/types.js";
import { ContractError, quoted } from "./issues.js";
import { childPointer } from "../lib/json-pointer.js";

export interface BuildUrlOptions {
  /** Sent as the spec's access token query parameter. */
  accessToken?: string | undefined;
}

/** A `SyncQuery` as a caller writes it: a parameter given as `undefined` is left out, as if absent. */
export type SyncQueryInput = { [Name in keyof SyncQuery]?: SyncQuery[Name] | undefined };

/** The body of an error response, in the Matrix error format. */
export interface MatrixError {
  errcode: string;
  error: string;
}

export type ParsedRequest = { ok: true; query: SyncQuery; accessToken?: string } | { ok: false; status: 400 | 414; body: MatrixError };

/**
 * The longest query `parseSyncRequest` reads, in characters: of the query string, or of the names and
 * values of a query object. Node's HTTP server takes at most 16 KiB of headers, request line included.
 */
export const MAX_QUERY_LENGTH = 16_384;
/** The most parameters it reads, each value of a repeated parameter counted. */
export const MAX_QUERY_PARAMETERS = 100;

type Answer = Extract<ParsedRequest, { ok: false }>;
const badRequest = (error: string): Answer => ({ ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error } });
const tooLarge = (error: string): Answer => ({ ok: false, status: 414, body: { errcode: "M_TOO_LARGE", error } });
// Made per request, so no caller can change an answer another caller gets.
const tooLong = (): Answer => tooLarge(`the query is longer than ${MAX_QUERY_LENGTH} characters`);
const tooMany = (): Answer => tooLarge(`the query has more than ${MAX_QUERY_PARAMETERS} parameters`);

const SAFE_INTEGER = "must be an integer from -(2^53 - 1) to 2^53 - 1";

/** The type the spec declares for a query parameter (`null` for none), or `undefined` for a parameter it does not declare. */
function declaredType(name: string): string | null | undefined {
  const declared: Readonly<Record<string, { type: string | null }>> = operation.query;
  return Object.hasOwn(declared, name) ? declared[name]!.type : undefined;
}

/** What a value is, for a message that says it does not fit: a number or boolean as written, else its kind. */
function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return quoted(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Throws a `ContractError` with one issue: `buildSyncUrl` refuses what it cannot send as asked. */
function refuse(name: string, pointer: string, rule: string, message: string): never {
  throw new ContractError(name, [{ pointer, message, rule, severity: "error" }]);
}

/**
 * The homeserver URL with the spec's base path and path, given the base URL as written: a path
 * prefix is kept, a base path or the whole endpoint already there is not repeated, the fragment is
 * dropped. A base URL that is not http(s) or that carries a query of its own is refused.
 */
function endpointUrl(baseUrl: string | URL): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return refuse("baseUrl", "", "url:base", `cannot be parsed as a URL: ${quoted(String(baseUrl))}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    refuse("baseUrl", "", "url:base", `must be an http: or https: URL, not ${quoted(url.protocol)}`);
  }
  if (url.search !== "") refuse("baseUrl", "", "url:base", `has a query, ${quoted(url.search)}; give parameters in the query argument`);
  url.search = "";
  url.hash = "";
  const prefix = url.pathname.replace(/\/+$/, "");
  const { basePath, path } = operation;
  url.pathname = prefix.endsWith(basePath + path) ? prefix : (prefix.endsWith(basePath) ? prefix : prefix + basePath) + path;
  return url;
}

/** A query value as URL text that `parseSyncRequest` reads back as the same value. */
function urlText(name: string, value: unknown): string {
  if (typeof value === "number" && declaredType(name) === "integer" && !Number.isSafeInteger(value)) {
    refuse(operation.queryName, childPointer("", name), "url:value", `${SAFE_INTEGER}, not ${value}`);
  }
  if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))
    return String(value);
  return refuse(operation.queryName, childPointer("", name), "url:value", `cannot go in a URL: ${describeValue(value)}`);
}

/**
 * The full URL of the operation on a homeserver: `baseUrl` (for example `https://matrix.example.org`),
 * the spec's base path and path, and the query. Throws a `ContractError` for a query that breaks
 * `SyncQuery`, a value a URL cannot carry as it is, a base URL it cannot build on, or an access token
 * that is not a string or is given twice (in the query and as the option).
 */
export function buildSyncUrl(baseUrl: string | URL, query: SyncQueryInput = {}, options: BuildUrlOptions = {}): string {
  const result = checkSyncQuery(query, { rules: false });
  if (!result.valid) throw new ContractError(operation.queryName, result.issues);
  const url = endpointUrl(baseUrl);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.append(name, urlText(name, value));
  }
  const { accessToken } = options;
  if (accessToken !== undefined) {
    const tokenName = operation.accessTokenParameter;
    if (tokenName === null) throw new TypeError("the spec declares no query parameter for an access token");
    if (typeof accessToken !== "string") {
      refuse("BuildUrlOptions", "/accessToken", "url:value", `must be a string, not ${describeValue(accessToken)}`);
    }
    if (url.searchParams.has(tokenName)) {
      refuse(
        operation.queryName,
        childPointer("", tokenName),
        "url:duplicate",
        "the access token is also given as the accessToken option; give it once",
      );
    }
    url.searchParams.append(tokenName, accessToken);
  }
  return url.href;
}

const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * The query string in a string or URL: a string with a scheme is a full URL; one that starts with
 * `/` is a path, its query after the first `?`; anything else is a query string, with or without
 * its `?`. A `#` ends the query, as in a URL. `undefined` when a full URL cannot be parsed.
 */
function queryString(input: string | URL): string | undefined {
  if (input instanceof URL) return input.search.slice(1);
  if (HAS_SCHEME.test(input)) {
    try {
      return new URL(input).search.slice(1);
    } catch {
      return undefined;
    }
  }
  const start = input.startsWith("/") ? input.indexOf("?") + 1 : input.startsWith("?") ? 1 : 0;
  if (start === 0 && input.startsWith("/")) return "";
  const end = input.indexOf("#", start);
  return input.slice(start, end === -1 ? undefined : end);
}

/** A query object as frameworks hand it over: a plain object (`{}` or `Object.create(null)`), from this realm or another. */
function isQueryObject(input: unknown): input is Readonly<Record<string, unknown>> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return false;
  const prototype: unknown = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** The parameters of the input as name and value pairs, or the answer when there are too many to read. */
function parameters(input: unknown): Iterable<readonly [string, unknown]> | Answer {
  if (typeof input === "string" || input instanceof URL) {
    const text = queryString(input);
    if (text === undefined) return badRequest("the request URL cannot be parsed");
    return text.length > MAX_QUERY_LENGTH ? tooLong() : new URLSearchParams(text);
  }
  if (input instanceof URLSearchParams) return input;
  if (!isQueryObject(input)) {
    const kind =
      typeof input === "object" && input !== null && !Array.isArray(input) ? "an object that is not plain" : describeValue(input);
    return badRequest(`the query cannot be read from ${kind}: expected a URL, a string, URLSearchParams or a plain object`);
  }
  const names = Object.keys(input);
  return names.length > MAX_QUERY_PARAMETERS ? tooMany() : names.map((name) => [name, input[name]] as const);
}

/**
 * The values of the parameters the server reads, in one pass that stops at the caps. Other
 * parameters are counted and measured, never kept.
 */
function collect(pairs: Iterable<readonly [string, unknown]>, wanted: (name: string) => boolean): Map<string, unknown[]> | Answer {
  const values = new Map<string, unknown[]>();
  let count = 0;
  let length = 0;
  for (const [name, value] of pairs) {
    const items: readonly unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
    count += Math.max(1, items.length);
    if (count > MAX_QUERY_PARAMETERS) return tooMany();
    length += name.length;
    for (const item of items) if (typeof item === "string") length += item.length;
    if (length > MAX_QUERY_LENGTH) return tooLong();
    if (!wanted(name) || items.length === 0) continue;
    const kept = values.get(name);
    if (kept) kept.push(...items);
    else values.set(name, [...items]);
  }
  return values;
}

/** A query string value read as its parameter's declared type, or a message saying why it can't be. */
function coerce(text: string, type: string | null): { value: unknown } | { problem: string } {
  switch (type) {
    case "integer":
      if (!/^-?\d+$/.test(text)) return { problem: "must be an integer" };
      // Beyond 2^53 - 1 a JSON number no longer holds every integer: 2^53 + 1 would be read as 2^53.
      return Number.isSafeInteger(Number(text)) ? { value: Number(text) } : { problem: SAFE_INTEGER };
    case "number":
      return text.trim() !== "" && Number.isFinite(Number(text)) ? { value: Number(text) } : { problem: "must be a number" };
    case "boolean":
      return text === "true" || text === "false" ? { value: text === "true" } : { problem: 'must be "true" or "false"' };
    default:
      return { value: text };
  }
}

const EXPECTED: Readonly<Record<string, string>> = { integer: "an integer", number: "a number", boolean: "a boolean" };

/**
 * A value as its parameter's declared type: text is read as that type, and a number or boolean a
 * framework has already converted (Fastify with a schema) is taken where the type is a number or a
 * boolean. Anything else (a nested object from `filter[a]=b`, `null`) is a problem.
 */
function readValue(value: unknown, type: string | null): { value: unknown } | { problem: string } {
  if (typeof value === "string") {
    const read = coerce(value, type);
    return "problem" in read ? { problem: `${read.problem}, not ${quoted(value)}` } : read;
  }
  if (typeof value === "number" && type === "integer" && Number.isInteger(value)) {
    return Number.isSafeInteger(value) ? { value } : { problem: `${SAFE_INTEGER}, not ${value}` };
  }
  if ((typeof value === "number" && type === "number" && Number.isFinite(value)) || (typeof value === "boolean" && type === "boolean")) {
    return { value };
  }
  return { problem: `must be ${EXPECTED[type ?? ""] ?? "a string"}, not ${describeValue(value)}` };
}

/**
 * Reads the query of a request: a full URL (a `URL` or a string with a scheme), a path with an
 * optional query (a string from `/`, such as `req.url`), a query string with or without its `?`,
 * `URLSearchParams`, or the query object a framework hands over (Express, Fastify, Koa, Hono).
 * Values are read as their parameter's type; unknown parameters are ignored, as HTTP servers do; the
 * access token is returned apart, for the server to check. A query longer than `MAX_QUERY_LENGTH`
 * characters or with more than `MAX_QUERY_PARAMETERS` parameters gets a 414 before any is read; a
 * value that does not fit gets a 400 naming its parameter, and an input of none of these kinds (the
 * request object itself, say) a 400 saying so: whatever a framework hands over gets an answer.
 */
export function parseSyncRequest(input: unknown): ParsedRequest {
  const pairs = parameters(input);
  if ("ok" in pairs) return pairs;
  const tokenName = operation.accessTokenParameter;
  const values = collect(pairs, (name) => declaredType(name) !== undefined || name === tokenName);
  if (!(values instanceof Map)) return values;
  const query: Record<string, unknown> = {};
  let accessToken: string | undefined;
  for (const [name, items] of values) {
    if (items.length > 1) return badRequest(`${name}: the parameter is given ${items.length} times; give it once`);
    const read = readValue(items[0], declaredType(name) ?? "string");
    if ("problem" in read) return badRequest(`${name}: ${read.problem}`);
    if (name === tokenName) accessToken = read.value as string;
    else query[name] = read.value;
  }
  const result = checkSyncQuery(query, { rules: false });
  if (!result.valid) {
    const [issue] = result.issues;
    return badRequest(`${issue!.pointer.slice(1) || "query"}: ${issue!.message}`);
  }
  return accessToken === undefined ? { ok: true, query: result.value } : { ok: true, query: result.value, accessToken };
}
