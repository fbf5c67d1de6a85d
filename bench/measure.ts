/**
 * Side-by-side timing. The machine is shared and noisy, so candidates are never timed one after the
 * other: every round times each candidate once, in an order that rotates from round to round, and
 * each figure is read against the baseline sample of the same round.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export interface Candidate {
  name: string;
  /** One operation; its result is kept so the engine cannot drop the work. */
  run: () => unknown;
  /** Untimed work before each sample, such as removing what the operation writes. */
  prepare?: () => void;
}

export interface Timing {
  name: string;
  /** Milliseconds per operation: median and quartiles over the rounds. */
  median: number;
  p25: number;
  p75: number;
  /** Median over the rounds of (this sample / the baseline's sample in the same round). */
  ratio: number;
  /** Milliseconds per operation, one per round, in round order. */
  samples: number[];
}

export interface Plan {
  warmupRounds: number;
  rounds: number;
  /** Repeat an operation until one sample takes at least this long (0 for commands: one run each). */
  minSampleMs: number;
}

setFlagsFromString("--expose-gc");
/**
 * Collecting before each sample keeps one candidate's garbage from being charged to the next. The
 * previous result is let go first: a parsed 26 MB payload left in `sink` would stay live, and every
 * collection the next candidate's allocations start would mark it again.
 */
const collectGarbage = runInNewContext("gc") as () => void;

/** Where results go, so that no operation's work is dead code the engine may drop. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- written, never read, on purpose
let sink: unknown;

function timeBatch(candidate: Candidate, batch: number): number {
  candidate.prepare?.();
  sink = undefined;
  collectGarbage();
  const start = performance.now();
  for (let i = 0; i < batch; i++) sink = candidate.run();
  return (performance.now() - start) / batch;
}

/** How many operations make one sample of at least `minSampleMs`. */
function calibrate(candidate: Candidate, minSampleMs: number): number {
  let batch = 1;
  while (timeBatch(candidate, batch) * batch < minSampleMs && batch < 1 << 20) batch *= 2;
  return batch;
}

export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** The median over the rounds of a's time over b's: each pair ran in the same round, under the same load. */
export function pairedRatio(a: Timing, b: Timing): number {
  const ratios = a.samples.map((time, round) => time / b.samples[round]!);
  return quantile(
    ratios.sort((x, y) => x - y),
    0.5,
  );
}

/** The median over the rounds of a's time minus b's, in milliseconds: what a adds to b. */
export function pairedDifference(a: Timing, b: Timing): number {
  const differences = a.samples.map((time, round) => time - b.samples[round]!);
  return quantile(
    differences.sort((x, y) => x - y),
    0.5,
  );
}

/** Times the candidates side by side; the first is the baseline. */
export function compare(candidates: readonly Candidate[], plan: Plan): Timing[] {
  // Short operations are repeated so that a sample is long enough to time.
  const batches = candidates.map((candidate) => (plan.minSampleMs > 0 ? calibrate(candidate, plan.minSampleMs) : 1));
  const samples = candidates.map((): number[] => []);
  for (let round = -plan.warmupRounds; round < plan.rounds; round++) {
    for (let k = 0; k < candidates.length; k++) {
      const i = (k + Math.max(round, 0)) % candidates.length;
      const time = timeBatch(candidates[i]!, batches[i]!);
      if (round >= 0) samples[i]!.push(time);
    }
  }
  const timings = candidates.map((candidate, i): Timing => {
    const sorted = [...samples[i]!].sort((a, b) => a - b);
    const [median, p25, p75] = [0.5, 0.25, 0.75].map((q) => quantile(sorted, q)) as [number, number, number];
    return { name: candidate.name, median, p25, p75, ratio: 1, samples: samples[i]! };
  });
  for (const timing of timings) timing.ratio = pairedRatio(timing, timings[0]!);
  return timings;
}
