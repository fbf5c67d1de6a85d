/**
 * Benchmark 4: the `validate` command on many fixture files and on an NDJSON capture, against
 * ajv-cli 5 on the same responses and the same schema. Like for like, our command runs with
 * `--no-rules` (schema only, as ajv-cli); the row with the prose rules is shown for information.
 */
import { join } from "node:path";
import { bundlePackage, type BuiltCommand } from "./builds.js";
import { compare, type Plan, type Timing } from "./measure.js";
import { fixtureFolder, ndjsonCapture, repoRoot } from "./payloads.js";
import { commandCandidate, displayCommand, peakRss, type Command } from "./processes.js";
import { byName, formatBytes, formatRatio, markdownTable, timingTable, type Section } from "./report.js";

const CAPTURE_SEED = 2015;
const AJV_CLI = "ajv-cli 5";
const OURS = "matrix-sync-contract validate --no-rules";
const OURS_WITH_RULES = "matrix-sync-contract validate (schema + prose rules)";
const OURS_ONE_THREAD = "matrix-sync-contract validate --no-rules --jobs 1 (the main thread alone)";
const FLOOR = "for scale: a bare loop reading, parsing and validating each file";
const FLOOR_TWO_THREADS = "for scale: the same loop, the files split between 2 threads";
/** The speed-up on many files that a second core is to bring: the command against the single-threaded loop. */
const SECOND_CORE_TARGET = 1.6;

interface Sizes {
  files: number;
  lines: number;
  /** NDJSON lengths whose peak RSS is compared: the memory must not grow with the stream. */
  rssLines: [number, number];
  plan: Plan;
}

const SIZES: Record<"quick" | "full", Sizes> = {
  quick: { files: 20, lines: 20, rssLines: [20, 200], plan: { warmupRounds: 0, rounds: 1, minSampleMs: 0 } },
  full: { files: 10_000, lines: 1_000, rssLines: [1_000, 10_000], plan: { warmupRounds: 1, rounds: 5, minSampleMs: 0 } },
};

const ours = (cli: BuiltCommand, ...args: string[]): Command => ({ program: process.execPath, args: [cli.path, "validate", ...args] });

/** ajv-cli as its README shows it, run by this Node; `-c` declares the OpenAPI `example` keyword. */
const ajvCli = (dataGlob: string): Command => ({
  program: process.execPath,
  args: [
    join(repoRoot, "node_modules", "ajv-cli", "dist", "index.js"),
    "validate",
    "-c",
    join(repoRoot, "bench", "ajv-cli-keywords.cjs"),
    "-s",
    join(repoRoot, "generated", "schemas", "SyncResponse.json"),
    "-d",
    dataGlob,
  ],
});

function sideBySide(label: string, commands: [string, Command][], plan: Plan): { table: string; timings: Timing[]; shown: string } {
  const timings = compare(
    commands.map(([name, command]) => commandCandidate(name, command)),
    plan,
  );
  const table = `**${label}**\n\n${timingTable(timings, [{ header: "times faster than ajv-cli", cell: (timing, i) => (i === 0 ? "" : `${(1 / timing.ratio).toFixed(1)}×`) }])}`;
  const shown = commands.map(([name, command]) => `- ${name}: \`${displayCommand(command)}\``).join("\n");
  return { table, timings, shown };
}

export async function runCommandBenchmark(quick: boolean, cli: BuiltCommand): Promise<Section> {
  const sizes = SIZES[quick ? "quick" : "full"];
  await bundlePackage();
  const folder = fixtureFolder(CAPTURE_SEED, sizes.files);
  // The capture's first lines are the first fixture files: the same responses, one a line.
  const capture = ndjsonCapture(CAPTURE_SEED, sizes.lines);
  const captureAsFiles = fixtureFolder(CAPTURE_SEED, sizes.lines);

  const files = sideBySide(
    `${sizes.files.toLocaleString("en")} fixture files`,
    [
      [AJV_CLI, ajvCli(join(folder, "*.json"))],
      [OURS, ours(cli, "--no-rules", folder)],
      [OURS_WITH_RULES, ours(cli, folder)],
      [OURS_ONE_THREAD, ours(cli, "--no-rules", "--jobs", "1", folder)],
      [FLOOR, { program: process.execPath, args: [join(repoRoot, "bench", "command-floor.mjs"), folder] }],
      [FLOOR_TWO_THREADS, { program: process.execPath, args: [join(repoRoot, "bench", "command-floor.mjs"), folder, "2"] }],
    ],
    sizes.plan,
  );
  const stream = sideBySide(
    `NDJSON capture of ${sizes.lines.toLocaleString("en")} responses (ajv-cli, which reads no NDJSON, gets the same responses as ${sizes.lines.toLocaleString("en")} files)`,
    [
      [AJV_CLI, ajvCli(join(captureAsFiles, "*.json"))],
      [OURS, ours(cli, "--no-rules", capture)],
      [OURS_WITH_RULES, ours(cli, capture)],
    ],
    sizes.plan,
  );

  const captures = sizes.rssLines.map((lines) => ndjsonCapture(CAPTURE_SEED, lines));
  const [fewer, more] = captures.map((capture) => peakRss(ours(cli, "--no-rules", capture)));
  const [floorFewer, floorMore] = captures.map((capture) =>
    peakRss({ program: process.execPath, args: [join(repoRoot, "bench", "ndjson-floor.mjs"), capture] }),
  );
  const rssTable = markdownTable(
    ["NDJSON lines", "peak RSS", "ratio to the shorter stream", "for scale: bare loop's peak RSS", "its ratio"],
    [
      [sizes.rssLines[0].toLocaleString("en"), formatBytes(fewer!), "1× (baseline)", formatBytes(floorFewer!), "1× (baseline)"],
      [
        sizes.rssLines[1].toLocaleString("en"),
        formatBytes(more!),
        formatRatio(more! / fewer!),
        formatBytes(floorMore!),
        formatRatio(floorMore! / floorFewer!),
      ],
    ],
  );
  const speedUp = (timings: Timing[]) => 1 / byName(timings, OURS).ratio;
  // Both ratios are to ajv-cli in the same rounds, so their quotient compares the two directly.
  const overFloor = (name: string) => byName(files.timings, FLOOR).ratio / byName(files.timings, name).ratio;
  return {
    title: "4. The command",
    notes: [
      `The command is ${cli.how}. Fixture files are incremental syncs from the seeded generator, pretty-printed, one a file; ` +
        "the NDJSON capture holds the same kind of responses, compact, one a line. Each row is a fresh process, timed from spawn to exit, " +
        "its output discarded. Our command checks on worker threads, as it does by default (one per core for many files); " +
        "the `--jobs 1` row checks on the main thread alone, for what the second core adds. " +
        "ajv-cli keeps its defaults (strict mode, first error only); `-c bench/ajv-cli-keywords.cjs` declares OpenAPI's `example` " +
        "keyword for it, as the package's generator does. The last two rows of the first table are no command but bench/command-floor.mjs: " +
        "a single-threaded loop that lists the folder, then reads, `JSON.parse`s and validates each file with the bundled package, " +
        "for what reading and parsing alone cost; the row below it runs the same loop with the files split in two halves, " +
        "one checked on the main thread and one on a worker thread, reporting nothing: the most two cores can give on this " +
        "machine at the time of the run, which bounds the command's speed-up over the loop. Exactly what ran:",
      `On the fixture files:\n\n${files.shown}`,
      `On the capture:\n\n${stream.shown}`,
      "Peak RSS is the command's own (`process.resourceUsage().maxRSS`, read by bench/peak-rss.mjs, preloaded with `node --import`). " +
        "For scale beside it, bench/ndjson-floor.mjs: a bare loop that reads the capture in chunks and parses and validates each " +
        "line, holding nothing else. Its peak grows too: `JSON.parse` makes every object key a string in V8's old generation, " +
        "and the room and event IDs that key a sync's maps are new on every line, so they pile up until a full collection, " +
        "which V8 puts off longer as the heap grows.",
    ],
    tables: [files.table, stream.table, rssTable],
    targets: [
      {
        target: `validate --no-rules ≥ 3× as fast as ajv-cli (${sizes.files.toLocaleString("en")} files)`,
        measured: `${speedUp(files.timings).toFixed(1)}×`,
        met: speedUp(files.timings) >= 3,
      },
      {
        target: `validate --no-rules ≥ 3× as fast as ajv-cli (NDJSON, ${sizes.lines.toLocaleString("en")} lines)`,
        measured: `${speedUp(stream.timings).toFixed(1)}×`,
        met: speedUp(stream.timings) >= 3,
      },
      {
        target: `validate --no-rules ≥ ${SECOND_CORE_TARGET}× as fast as the single-threaded loop (${sizes.files.toLocaleString("en")} files)`,
        measured:
          `${overFloor(OURS).toFixed(2)}×; with --jobs 1: ${overFloor(OURS_ONE_THREAD).toFixed(2)}×; ` +
          `the loop on 2 threads: ${overFloor(FLOOR_TWO_THREADS).toFixed(2)}×`,
        met: overFloor(OURS) >= SECOND_CORE_TARGET,
      },
      {
        target: `peak RSS flat on NDJSON: ${sizes.rssLines[1].toLocaleString("en")} lines ≤ 1.25× ${sizes.rssLines[0].toLocaleString("en")} lines`,
        measured: `${formatBytes(more!)} vs ${formatBytes(fewer!)} (${formatRatio(more! / fewer!)}; the bare loop: ${formatRatio(floorMore! / floorFewer!)})`,
        met: more! <= 1.25 * fewer!,
      },
    ],
  };
}
