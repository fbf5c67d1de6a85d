/**
 * An exchange as the proxy reports it: the request read with `parseSyncRequest`, the `/sync` answer
 * checked with `checkSyncResponse`, and nothing that holds the access token.
 */
import { operation } from "../../generated/contract.js";
import type { CheckOptions, Issue } from "../issues.js";
import { parseSyncRequest } from "../request.js";
import type { BodyJob, BodyResult } from "./body-check.js";
import type { Forwarded } from "./forward.js";
import { redacted, targetWithoutToken } from "./target.js";

export interface Exchange {
  method: string;
  /** The path and query, without the access token. */
  target: string;
  /** Whether the target is the operation's path, so that the exchange is checked. */
  sync: boolean;
  /** What the client was answered (502 when the upstream failed). */
  status: number;
  bytes: number;
  /** From the request to the last byte of the answer. */
  ms: number;
  /** What is wrong with the request's query (rule `request:query`). */
  requestIssues: Issue[];
  /** The check of a `/sync` answer with status 200. */
  response?: { valid: boolean; issues: Issue[]; truncated: boolean };
  /** Why the upstream gave no answer, or broke off (the client got a 502 when nothing had been sent). */
  upstreamFailure?: string;
  /** Why the exchange was cut short by the client or by the proxy stopping: it is neither passed nor failed. */
  interrupted?: string;
  /** Why a `/sync` answer with status 200 could not be checked. */
  unchecked?: string;
  /** The `/sync` payload as one line of JSON, for a record. */
  record?: string;
}

const SYNC_PATH = operation.basePath + operation.path;

/** What the proxy knows of a request before forwarding it. */
export interface RequestView {
  method: string;
  target: string;
  sync: boolean;
  requestIssues: Issue[];
  /** The long-poll `timeout` the request asks for, in milliseconds (0 when none, or the query is bad). */
  timeoutMs: number;
  /** Kept only to take it out of what is reported. */
  token: string | undefined;
}

export function viewRequest(method: string, url: URL): RequestView {
  const sync = url.pathname === SYNC_PATH;
  const token = operation.accessTokenParameter === null ? undefined : (url.searchParams.get(operation.accessTokenParameter) ?? undefined);
  const requestIssues: Issue[] = [];
  let timeoutMs = 0;
  if (sync) {
    const parsed = parseSyncRequest(url);
    if (parsed.ok) timeoutMs = Math.max(0, parsed.query.timeout ?? 0);
    else requestIssues.push({ pointer: "", message: redacted(parsed.body.error, token), rule: "request:query", severity: "error" });
  }
  return { method, target: redacted(targetWithoutToken(url), token), sync, requestIssues, timeoutMs, token };
}

export interface CheckSettings {
  check: CheckOptions;
  /** The largest body checked, in bytes. */
  keepBytes: number;
  /** Whether to give each `/sync` payload as one line of JSON, for a record. */
  record: boolean;
  /** Where the body is checked: checkBody itself, or a worker thread running it. */
  checkBody: (job: BodyJob) => Promise<BodyResult>;
}

/** The whole exchange, the answer checked when it is a `/sync` 200. */
export async function exchangeOf(view: RequestView, forwarded: Forwarded, ms: number, settings: CheckSettings): Promise<Exchange> {
  const { method, target, sync, requestIssues, token } = view;
  const base = { method, target, sync, requestIssues, status: forwarded.status, bytes: forwarded.bytes, ms };
  if (!forwarded.ok) {
    return { ...base, ...(forwarded.interrupted ? { interrupted: forwarded.failure } : { upstreamFailure: forwarded.failure }) };
  }
  if (!view.sync || forwarded.status !== 200) return base;
  if (forwarded.body === undefined)
    return { ...base, unchecked: `the body is larger than the ${settings.keepBytes} bytes the proxy checks` };
  const coding = forwarded.headers["content-encoding"];
  return {
    ...base,
    ...(await settings.checkBody({ body: forwarded.body, coding, check: settings.check, record: settings.record, token })),
  };
}
