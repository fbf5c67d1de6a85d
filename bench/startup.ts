/**
 * Benchmark 3: start-up in fresh processes. What matters is what each way of validating adds to a
 * bare `node`: importing the package and checking one response, against importing a validator,
 * compiling the exported schema and validating once.
 */
import { join } from "node:path";
import { bundlePackage } from "./builds.js";
import { compare, pairedDifference, type Plan, type Timing } from "./measure.js";
import { repoRoot } from "./payloads.js";
import { commandCandidate, displayCommand, type Command } from "./processes.js";
import { byName, formatMs, formatRatio, timingTable, type Section } from "./report.js";

const BARE = "bare node";
const PACKAGE = "import the package, check one response";
const AJV = "import ajv, compile the exported schema, validate once";
const SCHEMASAFE = "import @exodus/schemasafe, compile the exported schema, validate once";

const script = (name: string): Command => ({ program: process.execPath, args: [join(repoRoot, "bench", "startup", name)] });
const SCRIPTS: [string, Command][] = [
  [BARE, script("bare.mjs")],
  [PACKAGE, script("package.mjs")],
  [AJV, script("ajv.mjs")],
  [SCHEMASAFE, script("schemasafe.mjs")],
];

export async function runStartupBenchmark(quick: boolean): Promise<Section> {
  await bundlePackage();
  const plan: Plan = quick ? { warmupRounds: 1, rounds: 2, minSampleMs: 0 } : { warmupRounds: 3, rounds: 30, minSampleMs: 0 };
  const timings = compare(
    SCRIPTS.map(([name, command]) => commandCandidate(name, command)),
    plan,
  );
  const bare = byName(timings, BARE);
  const added = (timing: Timing) => pairedDifference(timing, bare);
  const ours = added(byName(timings, PACKAGE));
  const ajv = added(byName(timings, AJV));
  return {
    title: "3. Start-up",
    notes: [
      "Each row is a fresh `node` process running one of the scripts in bench/startup/, timed from spawn to exit; " +
        "\"added\" is the median over the rounds of the row's time minus bare node's in the same round. " +
        "The package is `src/index.ts` bundled by esbuild into one ES module (platform node), as a consumer's bundler makes it; " +
        "`package.mjs` imports that bundle. Every script reads the example response from generated/examples/; the peers compile " +
        "generated/schemas/SyncResponse.json, the schema the package exports.",
      `Commands: ${SCRIPTS.map(([, command]) => `\`${displayCommand(command)}\``).join(", ")}.`,
    ],
    tables: [timingTable(timings, [{ header: "added to bare node", cell: (timing, i) => (i === 0 ? "" : formatMs(added(timing))) }])],
    targets: [
      { target: "the package adds ≤ 25 ms to bare node", measured: formatMs(ours), met: ours <= 25 },
      {
        target: "the package adds ≤ half what ajv's run-time compilation adds",
        measured: `${formatRatio(ours / ajv)} (${formatMs(ours)} vs ${formatMs(ajv)})`,
        met: ours <= ajv / 2,
      },
    ],
  };
}
