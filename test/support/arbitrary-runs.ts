/**
 * How many cases each property runs, and from which seed. CI runs the defaults written at each
 * property, from a fixed seed, so a run is repeatable; locally, to search much harder:
 *
 *   PROPERTY_RUNS=20000 PROPERTY_SEED=$RANDOM npx vitest run test/properties.test.ts test/differential.test.ts
 *
 * PROPERTY_RUNS replaces every property's run count (the differential test never goes below the
 * 10,000 payloads it promises); timeouts grow with it. A failure prints the seed and the path to
 * replay it.
 */
import type { Parameters } from "fast-check";

const DEFAULT_SEED = 20151015;

function positiveInteger(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(text)}`);
  return value;
}

export const runsOverride = positiveInteger("PROPERTY_RUNS");
const seed = positiveInteger("PROPERTY_SEED") ?? DEFAULT_SEED;

/** The run count for a property whose CI default is `ciRuns`. */
export function runsFor(ciRuns: number): number {
  return runsOverride ?? ciRuns;
}

/** fast-check parameters: the seed, and the run count for a property whose CI default is `ciRuns`. */
export function propertyParameters(ciRuns: number): Parameters<unknown> {
  return { seed, numRuns: runsFor(ciRuns) };
}

/** A vitest timeout for `runs` cases, given the one that suits `ciRuns` of them. */
export function timeoutFor(ciRuns: number, ciTimeout: number, runs = runsFor(ciRuns)): number {
  return Math.max(ciTimeout, Math.ceil((ciTimeout * runs) / ciRuns));
}
