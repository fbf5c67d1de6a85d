/**
 * `createSyncClient`: `/sync` as one checked call, and as a stream of successive syncs that passes
 * each `next_batch` as `since`, waits and tries again after a failure, and ends when aborted.
 */
import { operation } from "../../generated/contract.js";
import type { SyncResponse } from "../../generated/types.js";
import { ContractError, type CheckOptions, type Issue } from "../issues.js";
import { buildSyncUrl, type SyncQueryInput } from "../request.js";
import { parseSyncResponse } from "../response.js";
import { SyncHttpError } from "./http-error.js";

export interface SyncClientOptions {
  /** The homeserver, e.g. `https://matrix.example.org`; the spec's base path is added unless it ends with it. */
  baseUrl: string | URL;
  accessToken: string;
  /** Defaults to the global `fetch`. */
  fetch?: ((input: string, init: RequestInit) => Promise<Response>) | undefined;
  /** Told the issues of each response that has any, warnings included, before an invalid one is thrown. */
  onIssues?: ((issues: readonly Issue[]) => void) | undefined;
  /** How responses are checked (the prose rules, the issue cap). */
  check?: CheckOptions | undefined;
}

/** Milliseconds to wait before the next try after `attempt` failures in a row, or `false` to give up and throw. */
export type Backoff = (attempt: number, error: unknown) => number | false;

export interface StreamOptions {
  /** Ends the stream: the pending request is aborted and the iteration finishes. */
  signal?: AbortSignal | undefined;
  /** The long-poll `timeout` of each request, in milliseconds (default 30,000). */
  timeout?: number | undefined;
  filter?: string | undefined;
  /** Where to start; by default an initial sync. */
  since?: string | undefined;
  /** Default: give up on a `ContractError` and on a 4xx other than 429; otherwise 0.5 s, doubling to 30 s. */
  backoff?: Backoff | undefined;
}

export interface SyncClient {
  /** One request; the checked response, or a `SyncHttpError`, a `ContractError`, or what `fetch` threw. */
  sync(query?: SyncQueryInput, init?: { signal?: AbortSignal | undefined }): Promise<SyncResponse>;
  stream(options?: StreamOptions): AsyncGenerator<SyncResponse, void, undefined>;
}

export const defaultBackoff: Backoff = (attempt, error) => {
  if (error instanceof ContractError) return false;
  if (error instanceof SyncHttpError && error.status >= 400 && error.status < 500 && error.status !== 429) return false;
  return Math.min(500 * 2 ** (attempt - 1), 30_000);
};

/** Resolves after `ms`, or at once when the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const end = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", end);
      resolve();
    };
    const timer = setTimeout(end, ms);
    signal?.addEventListener("abort", end, { once: true });
  });
}

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { baseUrl, accessToken, onIssues, check } = options;
  const request = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));

  async function sync(query: SyncQueryInput = {}, init: { signal?: AbortSignal | undefined } = {}): Promise<SyncResponse> {
    const response = await request(buildSyncUrl(baseUrl, query, { accessToken }), {
      signal: init.signal,
      headers: { accept: "application/json" },
    });
    const text = await response.text();
    if (response.status !== 200) throw new SyncHttpError(response.status, text);
    const result = parseSyncResponse(text, check);
    if (result.issues.length > 0) onIssues?.(result.issues);
    if (!result.valid) throw new ContractError(operation.responseName, result.issues);
    return result.value;
  }

  async function* stream(streamOptions: StreamOptions = {}): AsyncGenerator<SyncResponse, void, undefined> {
    const { signal, timeout = 30_000, filter, backoff = defaultBackoff } = streamOptions;
    let since = streamOptions.since;
    let failures = 0;
    while (!signal?.aborted) {
      let batch: SyncResponse;
      try {
        batch = await sync({ ...(since !== undefined && { since }), ...(filter !== undefined && { filter }), timeout }, { signal });
      } catch (error) {
        if (signal?.aborted) return;
        const delay = backoff(++failures, error);
        if (delay === false) throw error;
        await pause(delay, signal);
        continue;
      }
      failures = 0;
      since = batch.next_batch ?? since;
      yield batch;
    }
  }

  return { sync, stream };
}
