// Must type-check under exactOptionalPropertyTypes: every option may be given as undefined, meaning "not given".
// The mock entry's declarations name node:http, so this file needs Node's types.
/// <reference types="node" />
import { buildSyncUrl, checkSyncResponse, type CheckOptions } from "matrix-sync-contract";
import { createSyncClient, syncContract } from "matrix-sync-contract/client";
import { createSyncHandler, toNodeHandler } from "matrix-sync-contract/mock";
import { arbitraries } from "matrix-sync-contract/testing";

declare const since: string | undefined;
declare const token: string | undefined;
declare const limit: number | undefined;
declare const signal: AbortSignal | undefined;

export const url: string = buildSyncUrl("https://matrix.example.org", { since, timeout: 30_000 }, { accessToken: token });
const options: CheckOptions = { rules: { "unknown-key": undefined }, strict: undefined, maxIssues: limit };
export const valid: boolean = checkSyncResponse({}, options).valid;

const client = createSyncClient({
  baseUrl: "https://matrix.example.org",
  accessToken: "t",
  fetch: undefined,
  onIssues: undefined,
  check: undefined,
});
export const first = client.sync({ since, filter: undefined }, { signal });
export const stream = client.stream({ since, signal, timeout: limit, filter: undefined, backoff: undefined });
export const middleware = syncContract({ accessToken: token, onIssues: undefined, check: options });

export const handler = createSyncHandler({
  source: undefined,
  seed: limit,
  batches: limit,
  longPollCapMs: limit,
  accessToken: token,
  fault: undefined,
});
export const nodeHandler = toNodeHandler(handler, { onAnswered: undefined });
export const events = arbitraries.Event({ maxDepth: limit, loneSurrogates: undefined });
