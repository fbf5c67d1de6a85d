#!/usr/bin/env node
/**
 * The `matrix-sync-contract` command: `validate` checks fixtures against the contract for CI,
 * `example` prints a starting point for a new fixture, `rules` lists the rules checked beside the schema.
 * In a worker thread, this same module serves checks for `validate`, so the command is one file wherever it is bundled.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { parseCommand, usageHint, UsageError } from "./cli/args.js";
import { findConfig } from "./cli/config.js";
import { COMMAND, helpText } from "./cli/help.js";
import { WORKER_ROLE, type WorkerSetup } from "./cli/protocol.js";
import { EXIT_USAGE, EXIT_VALID } from "./cli/exit-codes.js";
import { displayText, escapeControls } from "../lib/display-text.js";

const isWorker = (data: unknown): data is WorkerSetup => !isMainThread && (data as Partial<WorkerSetup> | null)?.role === WORKER_ROLE;

/**
 * One line on standard error. Lines name files and echo arguments, and GitHub's runner reads workflow
 * commands from standard error too: control characters are escaped here, where every line passes.
 */
const warn = (line: string) => process.stderr.write(`${COMMAND}: ${escapeControls(line)}\n`);

/**
 * Aborted when the reader of standard output goes away (`| head`) during `validate`, which then stops
 * checking and exits with the code its results so far call for: a run cut short never passes; or
 * during `mock` or `proxy`, which go on serving without their log, until a signal stops them.
 */
const readerGone = new AbortController();
let readerWatched = false;

async function run(argv: readonly string[]): Promise<number> {
  // The servers read their own options.
  if (argv[0] === "mock" || argv[0] === "proxy") {
    readerWatched = true;
    const io = { stdout: process.stdout, signals: process, readerGone: readerGone.signal };
    if (argv[0] === "mock") return (await import("./cli/mock.js")).mock(argv.slice(1), io);
    return (await import("./cli/proxy.js")).proxy(argv.slice(1), { ...io, warn });
  }
  const command = parseCommand(argv, () => findConfig(process.cwd()));
  switch (command.kind) {
    case "help":
      process.stdout.write(helpText());
      return EXIT_VALID;
    case "version": {
      const { packageVersion } = await import("./cli/version.js");
      process.stdout.write(`${packageVersion(new URL(import.meta.url))}\n`);
      return EXIT_VALID;
    }
    case "example": {
      const { exampleText } = await import("./cli/example.js");
      process.stdout.write(await exampleText(command.schema));
      return EXIT_VALID;
    }
    case "rules": {
      const { rulesText } = await import("./cli/rules-command.js");
      process.stdout.write(rulesText(command.format));
      return EXIT_VALID;
    }
    case "validate": {
      const { validate } = await import("./cli/validate.js");
      readerWatched = true;
      const workerEntry = new URL(import.meta.url);
      return validate(command.options, { stdout: process.stdout, warn, stdin: process.stdin, workerEntry, readerGone: readerGone.signal });
    }
  }
}

/**
 * Ends the process once what was written has reached the operating system. Letting the event loop
 * run dry instead would also wait for V8's background compilation, which can outlast a short run.
 */
function exitWhenWritten(code: number): void {
  let pending = 2;
  const written = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", written);
  process.stderr.write("", written);
}

async function main(): Promise<void> {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    // A reader that stops early (`| head`) is no error of ours: validate stops checking, the servers go on; the other commands end.
    if (error.code === "EPIPE") return readerWatched ? readerGone.abort() : process.exit(process.exitCode ?? EXIT_VALID);
    warn(`cannot write the report: ${error.message}`);
    process.exit(EXIT_USAGE);
  });
  // Warnings nobody reads any more are dropped; the run and its exit code go on.
  process.stderr.on("error", () => {});
  let code: number;
  try {
    code = await run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      warn(error.message);
      process.stderr.write(`${usageHint}\n`);
    } else {
      // A bug, not the user's mistake: one line to report, without a stack trace unless asked for.
      warn(`internal error: ${displayText(error instanceof Error ? error.message : String(error))}`);
      if (process.env.DEBUG) console.error(error);
    }
    code = EXIT_USAGE;
  }
  process.exitCode = code;
  exitWhenWritten(code);
}

if (isWorker(workerData)) {
  const { serveChecks } = await import("./cli/worker.js");
  serveChecks(workerData, parentPort!);
} else {
  await main();
}
