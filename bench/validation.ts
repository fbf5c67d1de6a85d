/**
 * Benchmark 1: validating a parsed response, against `JSON.parse` of the same text (the cost every
 * client pays anyway) and against ajv and @exodus/schemasafe compiling the exported schema; and
 * strict mode against the default `checkSyncResponse`.
 */
import { checkSyncResponse, validateSyncResponse } from "../src/index.js";
import { PAYLOAD_SIZES } from "../test/support/sync-payloads.js";
import { compare, pairedRatio, type Plan, type Timing } from "./measure.js";
import { bundledExample, generatedPayload, type Payload } from "./payloads.js";
import { keepsProseRules } from "./floor-rules.js";
import { visitEveryValue } from "./floor-walk.js";
import { ajvAtRunTime, schemasafeAtRunTime, type BooleanValidator } from "./peers.js";
import { byName, formatBytes, formatRatio, timingTable, type Section, type Target } from "./report.js";

const PARSE = "JSON.parse";
const VALIDATE = "validateSyncResponse";
const CHECK = "checkSyncResponse (schema + prose rules)";
const STRICT = "checkSyncResponse, strict: true";
const AJV = "ajv, compiled at run time";
const SCHEMASAFE = "@exodus/schemasafe, compiled at run time";
const FLOOR = "for scale: a hand-written walk visiting every value (bench/floor-walk.ts)";
const RULES_FLOOR = "for scale: validateSyncResponse, then the prose rules written out by hand (bench/floor-rules.ts)";

function payloads(quick: boolean): Payload[] {
  if (quick)
    return [
      bundledExample(),
      generatedPayload("3 rooms × 20 events", { seed: 5, joinedRooms: 3, eventsPerRoom: 20, invitedRooms: 1, archivedRooms: 1 }),
    ];
  return [
    bundledExample(),
    generatedPayload("about 1 MB", PAYLOAD_SIZES.oneMegabyte),
    generatedPayload("500 rooms × 200 events", PAYLOAD_SIZES.fiveHundredRooms),
  ];
}

interface Peers {
  ajv: BooleanValidator;
  schemasafe: BooleanValidator;
}

function measurePayload(payload: Payload, { ajv, schemasafe }: Peers, plan: Plan): Timing[] {
  const value: unknown = JSON.parse(payload.text);
  // A benchmark of validators that reject the payload would measure the wrong path.
  if (!validateSyncResponse(value) || !checkSyncResponse(value).valid || !ajv(value) || !schemasafe(value) || !keepsProseRules(value)) {
    throw new Error(`the ${payload.label} payload does not validate`);
  }
  // Strict mode is timed on a payload it has nothing to say about, as the default check is.
  if (checkSyncResponse(value, { strict: true }).issues.length > 0) throw new Error(`strict mode reports on the ${payload.label} payload`);
  return compare(
    [
      { name: PARSE, run: () => JSON.parse(payload.text) },
      { name: VALIDATE, run: () => validateSyncResponse(value) },
      { name: CHECK, run: () => checkSyncResponse(value) },
      { name: STRICT, run: () => checkSyncResponse(value, { strict: true }) },
      { name: AJV, run: () => ajv(value) },
      { name: SCHEMASAFE, run: () => schemasafe(value) },
      { name: FLOOR, run: () => visitEveryValue(value) },
      { name: RULES_FLOOR, run: () => validateSyncResponse(value) && keepsProseRules(value) },
    ],
    plan,
  );
}

/** Strict mode's cost, paired round by round with the default check in the same run. */
function strictTarget(timings: Timing[], label: string): Target {
  const ratio = pairedRatio(byName(timings, STRICT), byName(timings, CHECK));
  return { target: `checkSyncResponse strict ≤ 1.5× the default (${label})`, measured: formatRatio(ratio), met: ratio <= 1.5 };
}

/** What the prose rules add: the check against the schema alone, paired round by round. */
function checkTarget(timings: Timing[], label: string): Target {
  const ratio = pairedRatio(byName(timings, CHECK), byName(timings, VALIDATE));
  const floor = pairedRatio(byName(timings, RULES_FLOOR), byName(timings, VALIDATE));
  return {
    target: `checkSyncResponse ≤ 2× validateSyncResponse (${label})`,
    measured: `${formatRatio(ratio)} (the rules by hand: ${formatRatio(floor)})`,
    met: ratio <= 2,
  };
}

/** The targets, judged on the largest payload; strict mode's and the check's over validation on the smaller ones too. */
function targets(timings: Timing[], label: string): Target[] {
  const validate = byName(timings, VALIDATE);
  const check = byName(timings, CHECK);
  const floor = byName(timings, FLOOR);
  const versus = (peer: string) => pairedRatio(validate, byName(timings, peer));
  return [
    {
      target: `validateSyncResponse ≤ 0.12× JSON.parse (${label})`,
      measured: `${formatRatio(validate.ratio)} (a walk visiting every value: ${formatRatio(floor.ratio)})`,
      met: validate.ratio <= 0.12,
    },
    { target: `checkSyncResponse ≤ 0.25× JSON.parse (${label})`, measured: formatRatio(check.ratio), met: check.ratio <= 0.25 },
    {
      target: `validateSyncResponse no slower than ajv (${label})`,
      measured: `${formatRatio(versus(AJV))} ajv's time`,
      met: versus(AJV) <= 1.05,
    },
    {
      target: `validateSyncResponse no slower than @exodus/schemasafe (${label})`,
      measured: `${formatRatio(versus(SCHEMASAFE))} schemasafe's time`,
      met: versus(SCHEMASAFE) <= 1.05,
    },
    strictTarget(timings, label),
  ];
}

export function runValidationBenchmark(quick: boolean): Section {
  const plan: Plan = quick ? { warmupRounds: 1, rounds: 2, minSampleMs: 2 } : { warmupRounds: 3, rounds: 15, minSampleMs: 50 };
  const tables: string[] = [];
  // Compiled once and used for every size, as an application would, and as our validators are.
  const peers = { ajv: ajvAtRunTime(), schemasafe: schemasafeAtRunTime() };
  const measured: { timings: Timing[]; label: string }[] = [];
  for (const payload of payloads(quick)) {
    const timings = measurePayload(payload, peers, plan);
    tables.push(`**${payload.label}** (${formatBytes(Buffer.byteLength(payload.text))})\n\n${timingTable(timings)}`);
    measured.push({ timings, label: payload.label });
  }
  const first = measured[0]!;
  const last = measured.at(-1)!;
  return {
    title: "1. Validation",
    notes: [
      "Time per operation on an already parsed payload, except the baseline, which parses the same text. " +
        "The peers compile the package's exported `schemas.SyncResponse` once, before timing, with their default options " +
        '(ajv: `new Ajv()` plus `addKeyword("example")`; schemasafe: `validator(schema)`). ' +
        "The peers check the schema only, as `validateSyncResponse` does; `checkSyncResponse` also applies the prose rules. " +
        '"No slower than a peer" compares `validateSyncResponse` with each, allowing 5% for noise. ' +
        "Strict mode (`{ strict: true }`, rule `unknown-key`) is compared with the default check round by round, and so is the " +
        "default check with `validateSyncResponse`. The last row is no validator but a hand-written walk (bench/floor-walk.ts) that " +
        "visits every value of the payload once and looks at its type: what a validator of the whole payload cannot do without. " +
        "The row before it is `validateSyncResponse` followed by the prose rules written out by hand for this spec " +
        "(bench/floor-rules.ts, answering only whether every rule holds): the least a check with every rule on can cost.",
    ],
    tables,
    targets: [
      strictTarget(first.timings, first.label),
      // On the largest payload the check is judged against JSON.parse instead.
      ...measured.slice(0, -1).map(({ timings, label }) => checkTarget(timings, label)),
      ...targets(last.timings, last.label),
    ],
  };
}
