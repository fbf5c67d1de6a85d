/**
 * The mock's default payloads: drawn from the contract's fast-check arbitraries with a seed per step,
 * so the same seed and step always give the same payload. Loaded only when used: fast-check is an
 * optional peer dependency.
 */
import fc from "fast-check";
import type { SyncResponse } from "../../generated/types.js";
import { arbitrarySyncResponse } from "../testing/index.js";
import { derivedSeed } from "./batch-tokens.js";

// A client reads UTF-8 from the wire, which a lone surrogate cannot be written in; the sizes keep
// an initial sync to a few kilobytes and an incremental one to about half that.
const initial = arbitrarySyncResponse({ maxEntries: 4, loneSurrogates: false });
const incremental = arbitrarySyncResponse({ maxEntries: 2, maxDepth: 1, loneSurrogates: false });

/** The payload of each step for `seed`: step 0 is the initial sync, the others incremental ones. */
export function arbitraryPayloads(seed: number): (step: number) => SyncResponse {
  return (step) => fc.sample(step === 0 ? initial : incremental, { seed: derivedSeed(seed, `payload:${step}`), numRuns: 1 })[0]!;
}
