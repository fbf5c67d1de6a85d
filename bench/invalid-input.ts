/**
 * Benchmark 2: a payload broken at every event. The issue cap (`maxIssues`, 100 by default) must
 * bound the work, so checking it stays within 2× checking the valid payload of the same size.
 */
import { checkSyncResponse } from "../src/index.js";
import type { SyncResponse } from "../generated/types.js";
import { breakEveryEvent, PAYLOAD_SIZES, type PayloadShape } from "../test/support/sync-payloads.js";
import { compare, type Plan } from "./measure.js";
import { generatedPayload } from "./payloads.js";
import { byName, formatBytes, formatRatio, timingTable, type Section } from "./report.js";

const VALID = "checkSyncResponse, valid payload";
const BROKEN = "checkSyncResponse, every event broken (default maxIssues)";
const UNCAPPED = "checkSyncResponse, every event broken, maxIssues: Infinity";

export function runInvalidInputBenchmark(quick: boolean): Section {
  const [label, shape]: [string, PayloadShape] = quick
    ? ["3 rooms × 20 events", { seed: 5, joinedRooms: 3, eventsPerRoom: 20, invitedRooms: 1, archivedRooms: 1 }]
    : ["500 rooms × 200 events", PAYLOAD_SIZES.fiveHundredRooms];
  const payload = generatedPayload(label, shape);
  const valid = JSON.parse(payload.text) as SyncResponse;
  const broken = breakEveryEvent(valid);
  const capped = checkSyncResponse(broken);
  if (capped.valid || !capped.truncated) throw new Error("the broken payload should give more issues than the cap");

  const plan: Plan = quick ? { warmupRounds: 1, rounds: 2, minSampleMs: 2 } : { warmupRounds: 2, rounds: 11, minSampleMs: 50 };
  const timings = compare(
    [
      { name: VALID, run: () => checkSyncResponse(valid) },
      { name: BROKEN, run: () => checkSyncResponse(broken) },
      { name: UNCAPPED, run: () => checkSyncResponse(broken, { maxIssues: Infinity }) },
    ],
    plan,
  );
  const ratio = byName(timings, BROKEN).ratio;
  const errors = checkSyncResponse(broken, { maxIssues: Infinity }).issues.length;
  return {
    title: "2. Invalid input",
    notes: [
      `The ${label} payload (${formatBytes(Buffer.byteLength(payload.text))}) with every event of every \`event_map\` given a number as \`type\` ` +
        `and a string as \`content\`: ${errors.toLocaleString("en")} schema errors in all, of which the default cap reports 100. ` +
        "The uncapped row shows what the cap saves.",
    ],
    tables: [timingTable(timings)],
    targets: [
      { target: `checkSyncResponse on the broken payload ≤ 2× on the valid one (${label})`, measured: formatRatio(ratio), met: ratio <= 2 },
    ],
  };
}
