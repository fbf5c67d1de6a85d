/** `validate`: find the inputs, check them, report in the chosen format, and say how it went. */
import { availableParallelism } from "node:os";
import type { ValidateOptions } from "./args.js";
import { EXIT_INVALID, EXIT_USAGE, EXIT_VALID } from "./exit-codes.js";
import { githubReporter } from "./formats/github.js";
import { jsonReporter } from "./formats/json.js";
import { junitReporter } from "./formats/junit.js";
import { prettyReporter } from "./formats/pretty.js";
import { sarifReporter } from "./formats/sarif.js";
import { colourWanted, styleFor } from "./formats/style.js";
import type { Reporter, ReportSettings } from "./formats/reporter.js";
import { discoverInputs, shardOf } from "./inputs.js";
import { Output, type Sink } from "./output.js";
import { OrderedResults } from "./results.js";
import type { InputUnit } from "./protocol.js";
import { Scheduler } from "./scheduler.js";

export interface ValidateIo {
  stdout: Sink;
  /** One line at a time, for problems with the run itself. */
  warn: (line: string) => void;
  stdin: AsyncIterable<Buffer>;
  workerEntry: URL;
  /** Aborted when the reader of the report has gone: checking stops, and the run cannot pass. */
  readerGone?: AbortSignal;
}

const REPORTERS = {
  pretty: (out: Output, settings: ReportSettings, sink: Sink) =>
    prettyReporter(out, settings, styleFor(colourWanted(process.env, sink.isTTY === true))),
  json: jsonReporter,
  junit: junitReporter,
  github: githubReporter,
  sarif: (out: Output, settings: ReportSettings) => sarifReporter(out, settings),
} satisfies Record<ValidateOptions["format"], (out: Output, settings: ReportSettings, sink: Sink) => Reporter>;

/** Says when `--jobs` asks for more worker threads than the run gets (one per core at most, and per file). */
function noteJobs({ jobs, quiet }: ValidateOptions, scheduler: Scheduler, units: readonly InputUnit[], warn: (line: string) => void): void {
  if (jobs === undefined || jobs === 1 || quiet) return;
  const files = units.filter((unit) => unit.format !== "stdin").length;
  const { workers } = scheduler.plan(files);
  if (workers >= jobs) return;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const cores = availableParallelism();
  warn(`--jobs ${jobs}: checking on ${count(workers, "worker thread")}, for ${count(cores, "available core")} and ${count(files, "file")}`);
}

/** Runs the command and answers its exit code. */
export async function validate(options: ValidateOptions, io: ValidateIo): Promise<number> {
  const { schema, rules, strict, maxIssues, quiet, format, maxInputSize, maxWarnings } = options;
  const settings = { schema, rules, strict, maxIssues, excerpts: format === "pretty", forPeople: format !== "json", maxInputSize };
  const scheduler = new Scheduler(settings, {
    workerEntry: io.workerEntry,
    stdin: io.stdin,
    ...(options.jobs !== undefined && { jobs: options.jobs }),
  });
  const out = new Output(io.stdout);
  try {
    const { shard } = options;
    const found = await discoverInputs(options.paths, (files) => scheduler.anticipate(Math.ceil(files / (shard?.count ?? 1))));
    const { problems } = found;
    for (const problem of problems) io.warn(problem);
    if (found.units.length === 0) {
      io.warn("no input matched: nothing to validate");
      return EXIT_USAGE;
    }
    const units = shard === undefined ? found.units : shardOf(found.units, shard);
    // More shards than inputs leaves some empty: they pass, as the inputs are all checked elsewhere.
    if (units.length === 0 && !quiet) io.warn(`shard ${shard!.index}/${shard!.count} holds none of the ${found.units.length} inputs`);
    noteJobs(options, scheduler, units, io.warn);
    const reporter = REPORTERS[format](out, { schema, rules, strict, maxIssues, quiet }, io.stdout);
    const results = new OrderedResults(units, reporter, io.warn);
    await scheduler.checkAll(units, (event) => results.accept(event), io.readerGone);
    const complete = results.finished === units.length;
    if (complete) reporter.end(results.totals);
    if (problems.length > 0 || results.unreadable > 0) return EXIT_USAGE;
    const { warnings, failed } = results.totals;
    const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
    if (tooManyWarnings) io.warn(`${warnings} warnings, more than --max-warnings ${maxWarnings}`);
    // Cut short, a run never passes: what was not checked may fail.
    return failed > 0 || tooManyWarnings || !complete ? EXIT_INVALID : EXIT_VALID;
  } finally {
    scheduler.stop();
    // What was reported before a failure still reaches the reader.
    out.flush();
  }
}
