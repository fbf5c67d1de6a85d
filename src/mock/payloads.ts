/**
 * Where the mock's payloads come from, and the one gate they all pass: each gets the mock's own
 * `next_batch` and must pass `checkSyncResponse` with no issue at all, warnings included, before it
 * is served (a fault is put in after the check).
 */
import { examples } from "../../generated/examples.js";
import type { SyncResponse } from "../../generated/types.js";
import { checkSyncResponse } from "../checks.generated.js";
import { formatIssues } from "../issues.js";

/** What the caller's function is asked for: the step of the chain, and the `since` that asked for it. */
export interface BatchRequest {
  step: number;
  since: string | undefined;
}

/**
 * `"arbitrary"`: drawn from the contract's arbitraries, seeded (needs fast-check); `"examples"`: the
 * spec's example every time; a list: one payload per step, in order; a function: called for each request.
 */
export type PayloadSource =
  "arbitrary" | "examples" | readonly SyncResponse[] | ((batch: BatchRequest) => SyncResponse | Promise<SyncResponse>);

/** The payload with `next_batch` set, or a TypeError that lists every issue it has. */
export function cleanPayload(payload: SyncResponse, nextBatch: string, label: string): SyncResponse {
  const served: SyncResponse = { next_batch: nextBatch, ...payload };
  served.next_batch = nextBatch;
  const { issues } = checkSyncResponse(served);
  if (issues.length > 0) throw new TypeError(`${label} is not a payload the contract accepts without issues:\n${formatIssues(issues)}`);
  return served;
}

export interface Drawn {
  draw: (batch: BatchRequest) => Promise<SyncResponse>;
  /** Whether the same step always gives the same payload, so its text may be kept. */
  repeatable: boolean;
  /** Settles when the source can draw: rejects when the arbitraries cannot be loaded. */
  ready: Promise<void>;
}

/** The source as one function; the arbitraries are imported here, on first use. */
export function drawFrom(source: PayloadSource, seed: number): Drawn {
  const ready = Promise.resolve();
  if (source === "examples") return { draw: async () => examples.SyncResponse, repeatable: true, ready };
  if (typeof source === "function") return { draw: async (batch) => source(batch), repeatable: false, ready };
  if (source !== "arbitrary") return { draw: async ({ step }) => source[step]!, repeatable: true, ready };
  const loading = import("./arbitrary-payloads.js").then(({ arbitraryPayloads }) => arbitraryPayloads(seed));
  // Awaited by every request, and by `ready` if the caller asks; until then a failure must not go unhandled.
  loading.catch(() => {});
  const loaded = loading.then(() => undefined);
  loaded.catch(() => {});
  return { draw: async ({ step }) => (await loading)(step), repeatable: true, ready: loaded };
}
