/**
 * Benchmark 2: a payload broken at every event. The issue cap (`maxIssues`, 100 by default) must
 * bound the work, so checking it stays within 2× checking the valid payload of the same size. And the
 * command's placing of those 100 issues at lines and columns (one scan of the text for them all) must
 * cost at most half as much again as parsing and checking.
 */
import { payloadChecker } from "../src/cli/payload.js";
import { checkSyncResponse } from "../src/index.js";
import type { SyncResponse } from "../generated/types.js";
import { breakEveryEvent, PAYLOAD_SIZES, type PayloadShape } from "../test/support/sync-payloads.js";
import { compare, type Plan } from "./measure.js";
import { generatedPayload } from "./payloads.js";
import { byName, formatBytes, formatRatio, timingTable, type Section, type Target } from "./report.js";

const VALID = "checkSyncResponse, valid payload";
const BROKEN = "checkSyncResponse, every event broken (default maxIssues)";
const UNCAPPED = "checkSyncResponse, every event broken, maxIssues: Infinity";
const PARSED_CHECK = "JSON.parse, then checkSyncResponse (every event broken)";
const LOCATED = "the command's payload check: parse, check, place 100 issues at lines and columns";

/** The text of the broken payload checked as the command checks a file, against parsing and checking it alone. */
function positionsTable(text: string, plan: Plan): { table: string; target: Target } {
  const check = payloadChecker({
    schema: "SyncResponse",
    rules: true,
    strict: false,
    maxIssues: 100,
    excerpts: true,
    forPeople: true,
    maxInputSize: Infinity,
  });
  const placed = check({ text });
  if (placed.issues.length !== 100) throw new Error(`the command's check placed ${placed.issues.length} issues, not 100`);
  const timings = compare(
    [
      { name: PARSED_CHECK, run: () => checkSyncResponse(JSON.parse(text)) },
      { name: LOCATED, run: () => check({ text }) },
    ],
    plan,
  );
  const ratio = byName(timings, LOCATED).ratio;
  return {
    table: timingTable(timings),
    target: {
      target: "100 issues placed at lines and columns ≤ 1.5× parsing and checking",
      measured: formatRatio(ratio),
      met: ratio <= 1.5,
    },
  };
}

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
  const positions = positionsTable(JSON.stringify(broken, null, 1), plan);
  const errors = checkSyncResponse(broken, { maxIssues: Infinity }).issues.length;
  return {
    title: "2. Invalid input",
    notes: [
      `The ${label} payload (${formatBytes(Buffer.byteLength(payload.text))}) with every event of every \`event_map\` given a number as \`type\` ` +
        `and a string as \`content\`: ${errors.toLocaleString("en")} schema errors in all, of which the default cap reports 100. ` +
        "The uncapped row shows what the cap saves.",
      "The second table times the same broken payload as text, pretty-printed (one space of indent), checked as the command checks " +
        "a file (`payloadChecker` of src/cli/payload.ts with the pretty format's settings: the first 100 issues, each placed at its line " +
        "and column with an excerpt), against `JSON.parse` and `checkSyncResponse` of the same text.",
    ],
    tables: [timingTable(timings), positions.table],
    targets: [
      { target: `checkSyncResponse on the broken payload ≤ 2× on the valid one (${label})`, measured: formatRatio(ratio), met: ratio <= 2 },
      { ...positions.target, target: `${positions.target.target} (${label})` },
    ],
  };
}
