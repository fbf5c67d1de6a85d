/** `validate`: find the inputs, check them, report in the chosen format, and say how it went. */
import type { ValidateOptions } from "./args.js";
import { EXIT_INVALID, EXIT_USAGE, EXIT_VALID } from "./exit-codes.js";
import { githubReporter } from "./formats/github.js";
import { jsonReporter } from "./formats/json.js";
import { junitReporter } from "./formats/junit.js";
import { prettyReporter } from "./formats/pretty.js";
import type { Reporter, ReportSettings } from "./formats/reporter.js";
import { discoverInputs } from "./inputs.js";
import { Output, type Sink } from "./output.js";
import { OrderedResults } from "./results.js";
import { Scheduler } from "./scheduler.js";

export interface ValidateIo {
  stdout: Sink;
  /** One line at a time, for problems with the run itself. */
  warn: (line: string) => void;
  stdin: AsyncIterable<Buffer>;
  workerEntry: URL;
}

const REPORTERS = { pretty: prettyReporter, json: jsonReporter, junit: junitReporter, github: githubReporter } satisfies Record<
  ValidateOptions["format"],
  (out: Output, settings: ReportSettings) => Reporter
>;

/** Runs the command and answers its exit code. */
export async function validate(options: ValidateOptions, io: ValidateIo): Promise<number> {
  const { schema, rules, maxIssues, quiet, format } = options;
  const settings = { schema, rules, maxIssues, excerpts: format === "pretty" };
  const scheduler = new Scheduler(settings, {
    workerEntry: io.workerEntry,
    stdin: io.stdin,
    ...(options.jobs !== undefined && { jobs: options.jobs }),
  });
  const out = new Output(io.stdout);
  try {
    const { units, problems } = await discoverInputs(options.paths, (files) => scheduler.anticipate(files));
    for (const problem of problems) io.warn(problem);
    if (units.length === 0) {
      io.warn("no input matched: nothing to validate");
      return EXIT_USAGE;
    }
    const reporter = REPORTERS[format](out, { schema, rules, maxIssues, quiet });
    const results = new OrderedResults(units, reporter, io.warn);
    await scheduler.checkAll(units, (event) => results.accept(event));
    reporter.end(results.totals);
    if (problems.length > 0 || results.unreadable > 0) return EXIT_USAGE;
    return results.totals.failed > 0 ? EXIT_INVALID : EXIT_VALID;
  } finally {
    scheduler.stop();
    // What was reported before a failure still reaches the reader.
    out.flush();
  }
}
