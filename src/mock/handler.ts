/**
 * `createSyncHandler`: a homeserver's `/sync` for testing clients, as a Fetch API handler. The
 * operation (base path, path, access token parameter, query) is the generated contract's; the batches
 * are a deterministic chain of `next_batch` tokens, and the last one long-polls.
 */
import { operation } from "../../generated/contract.js";
import { parseSyncRequest } from "../request.js";
import { batchTokens } from "./batch-tokens.js";
import { faults } from "./faults.js";
import { LongPolls } from "./long-poll.js";
import { answering, jsonAnswer, matrixError, toResponse, type Answer } from "./answers.js";
import { cleanPayload, drawFrom, type PayloadSource } from "./payloads.js";

export interface SyncHandlerOptions {
  /** Where the payloads come from (default `"arbitrary"`). */
  source?: PayloadSource | undefined;
  /** Seeds the payloads and the `next_batch` tokens (default 0). */
  seed?: number | undefined;
  /** How many batches the chain holds, the initial sync included (default 5; a list's length for a list). */
  batches?: number | undefined;
  /** The longest a long-poll waits, whatever `timeout` asks, in milliseconds (default 30,000). */
  longPollCapMs?: number | undefined;
  /** The only access token accepted; by default any token is. */
  accessToken?: string | undefined;
  /** A fault from `faults`, put into every payload served. */
  fault?: string | undefined;
}

export interface SyncHandler {
  (request: Request): Promise<Response>;
  /** Settles when payloads can be drawn; rejects, for `source: "arbitrary"`, when fast-check cannot be loaded. */
  readonly ready: Promise<void>;
  /** Ends every long-poll now (each answers at once), so a server can close. */
  close(): void;
}

const SYNC_PATH = operation.basePath + operation.path;
const DEFAULTS = { seed: 0, batches: 5, longPollCapMs: 30_000 };
/** Texts kept per handler: a long chain is drawn again rather than held whole. */
const KEPT_TEXTS = 64;

function settings(options: SyncHandlerOptions) {
  const { source = "arbitrary", fault } = options;
  const seed = options.seed ?? DEFAULTS.seed;
  const batches = options.batches ?? (Array.isArray(source) ? source.length : DEFAULTS.batches);
  const longPollCapMs = options.longPollCapMs ?? DEFAULTS.longPollCapMs;
  if (!Number.isSafeInteger(seed)) throw new TypeError(`seed must be an integer, not ${String(seed)}`);
  if (!Number.isSafeInteger(batches) || batches < 1 || batches > 1e6) throw new TypeError(`batches must be an integer from 1 to 1000000`);
  if (Array.isArray(source) && batches > source.length)
    throw new TypeError(`batches is ${batches}, but the list holds ${source.length} payloads`);
  if (!(longPollCapMs >= 0 && longPollCapMs <= 2 ** 31 - 1)) throw new TypeError(`longPollCapMs must be from 0 to 2147483647`);
  if (fault !== undefined && !faults.has(fault))
    throw new TypeError(`unknown fault ${JSON.stringify(fault)}; the faults are: ${[...faults.keys()].join(", ")}`);
  return { source, seed, batches, longPollCapMs, fault: fault === undefined ? undefined : faults.get(fault) };
}

export function createSyncHandler(options: SyncHandlerOptions = {}): SyncHandler {
  const { source, seed, batches, longPollCapMs, fault } = settings(options);
  const tokens = batchTokens(seed, batches);
  const { draw, repeatable, ready } = drawFrom(source, seed);
  const polls = new LongPolls();
  const kept = new Map<number, string>();

  /** The text served for a step: a scripted batch, or the empty one that ends the chain. */
  async function text(step: number): Promise<string> {
    const known = kept.get(step);
    if (known !== undefined) return known;
    const since = step === 0 ? undefined : tokens.token(step);
    const drawn = step < batches ? await draw({ step, since }) : {};
    const payload = cleanPayload(drawn, tokens.token(Math.min(step + 1, batches)), `the payload of batch ${step}`);
    const served = fault === undefined ? JSON.stringify(payload) : fault.apply(payload);
    if (repeatable) {
      if (kept.size >= KEPT_TEXTS) kept.delete(kept.keys().next().value!);
      kept.set(step, served);
    }
    return served;
  }

  async function answer(method: string, url: URL, signal: AbortSignal | undefined): Promise<Answer> {
    if (url.pathname !== SYNC_PATH)
      return matrixError(404, "M_UNRECOGNIZED", `Unrecognized request: this server answers ${SYNC_PATH} only`);
    if (method !== "GET") return matrixError(405, "M_UNRECOGNIZED", `${SYNC_PATH} takes GET only`, { allow: "GET" });
    const parsed = parseSyncRequest(url);
    if (!parsed.ok) return jsonAnswer(parsed.status, JSON.stringify(parsed.body));
    if (parsed.accessToken === undefined) return matrixError(401, "M_MISSING_TOKEN", "Missing access token");
    if (options.accessToken !== undefined && parsed.accessToken !== options.accessToken) {
      return matrixError(401, "M_UNKNOWN_TOKEN", "Unrecognised access token");
    }
    const { since, timeout = 0 } = parsed.query;
    const step = since === undefined ? 0 : tokens.stepOf(since);
    if (step === undefined) return matrixError(400, "M_INVALID_PARAM", "since: not a next_batch token that this server gave out");
    if (step >= batches) await polls.wait(Math.min(timeout, longPollCapMs), signal);
    try {
      return jsonAnswer(200, await text(step));
    } catch (error) {
      return matrixError(500, "M_UNKNOWN", error instanceof Error ? error.message : String(error));
    }
  }

  const handle = async (request: Request) => toResponse(await answer(request.method, new URL(request.url), request.signal));
  answering.set(handle, answer);
  if (Array.isArray(source))
    source.forEach((payload, step) => cleanPayload(payload, tokens.token(step + 1), `payload ${step} of the list`));
  return Object.assign(handle, { ready, close: () => polls.close() });
}
