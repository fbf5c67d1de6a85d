/**
 * `proxy`: the validating reverse proxy on a port, in front of `--upstream`. Each exchange is reported
 * as it happens, each `/sync` payload optionally appended to an NDJSON record; on SIGINT or SIGTERM the
 * summary, and exit code 1 if any exchange failed (or the warnings went over `--max-warnings`).
 */
import { createWriteStream, openSync, closeSync } from "node:fs";
import { once } from "node:events";
import { displayText } from "../../lib/display-text.js";
import { operation } from "../../generated/contract.js";
import { DEFAULT_MAX_ISSUES } from "../issues.js";
import { createProxy } from "../proxy/proxy.js";
import { judge } from "../proxy/verdict.js";
import { ruleLevels, UsageError } from "./args.js";
import { findConfig } from "./config.js";
import { choose } from "./read-args.js";
import type { ValidateConfig } from "./config-check.js";
import { EXIT_INVALID, EXIT_VALID } from "./exit-codes.js";
import { COMMAND, CONFIG_FILE } from "./help.js";
import { proxyReporter, PROXY_FORMATS, type ProxyFormat, type ProxyTotals } from "./proxy-report.js";
import { TimedOutput } from "./serve-output.js";
import { integerOption, listenOptions, parseServeArgs, serveUntilSignal, SERVE_OPTIONS, type ServeIo } from "./serve-server.js";

const OPTIONS = {
  ...SERVE_OPTIONS,
  upstream: { type: "string" },
  record: { type: "string" },
  format: { type: "string" },
  "no-rules": { type: "boolean" },
  "max-issues": { type: "string" },
  strict: { type: "boolean" },
  rule: { type: "string", multiple: true },
  "max-warnings": { type: "string" },
} as const;

const DEFAULT_PORT = 8008;

const USAGE = `Usage: ${COMMAND} proxy --upstream <url> [options]

A reverse proxy for a homeserver that checks each ${operation.path} request and response against the
contract while forwarding every byte unchanged. Prints "listening on http://HOST:PORT", then each
exchange; on SIGINT or SIGTERM prints "N passed, N failed" and exits 1 if any failed.

  --upstream <url>      The homeserver, e.g. https://matrix.example.org (required).
  --port <n>            The port (default ${DEFAULT_PORT}; 0 picks a free one).
  --host <host>         The address to listen on (default 127.0.0.1).
  --record <file>       Append each ${operation.path} payload to the file as one line of JSON.
  --format <format>     ${PROXY_FORMATS.join(", ")} (default ${PROXY_FORMATS[0]}).
  --no-rules            Check the schema only, not the spec's prose rules.
  --max-issues <n>      Report at most n issues per payload (default ${DEFAULT_MAX_ISSUES}).
  --rule <id=level>     Set a rule to error, warning or off; repeatable.
  --strict              Also report each key the spec does not name (rule unknown-key).
  --max-warnings <n>    Exit 1 when more than n warnings were reported.

Config: proxy reads the config validate reads (${CONFIG_FILE} in the working
directory or, when there is none, the "${COMMAND}" key of ./package.json) for its
"rules", "strict", "maxWarnings" and "maxIssues"; flags win over it, and --rule over the
config's level for its rule. Its "schema" does not apply: the proxy checks ${operation.path} answers.
`;

function upstreamOption(value: string | undefined): URL {
  if (value === undefined) throw new UsageError("proxy needs --upstream <url>, the homeserver to forward to");
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:") || url.username !== "" || url.search !== "") {
    throw new UsageError(`--upstream takes an http or https URL without credentials or query, not ${JSON.stringify(displayText(value))}`);
  }
  return url;
}

const formatOption = (value: string = PROXY_FORMATS[0]): ProxyFormat => choose(value, PROXY_FORMATS, "format", "--format");

/** The record file, opened for appending now, so that a path that cannot be written stops the command before it listens. */
function recordStream(path: string | undefined) {
  if (path === undefined) return undefined;
  try {
    closeSync(openSync(path, "a"));
  } catch (error) {
    throw new UsageError(
      `cannot write the record ${JSON.stringify(displayText(path))}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return createWriteStream(path, { flags: "a" });
}

/** The most warnings an exit 0 allows, and where that number was given, for the message when there are more. */
function warningsLimit(flag: number | undefined, configured: number | undefined) {
  if (flag !== undefined) return { max: flag, given: `--max-warnings ${flag}` };
  return configured === undefined ? undefined : { max: configured, given: `maxWarnings ${configured} in the config` };
}

type Values = ReturnType<typeof parseServeArgs<typeof OPTIONS>>["values"];

/** Every option read and checked, over the config file's settings, before anything is opened or listened on. */
function settings(values: Values, file: ValidateConfig) {
  const count = (option: "max-warnings" | "max-issues", min: number) =>
    values[option] === undefined ? undefined : integerOption(option, values[option], min, Number.MAX_SAFE_INTEGER);
  return {
    upstream: upstreamOption(values.upstream),
    maxWarnings: warningsLimit(count("max-warnings", 0), file.maxWarnings),
    check: {
      rules: ruleLevels(values.rule ?? [], values["no-rules"] === true, file.rules),
      strict: values.strict === true || file.strict === true,
      maxIssues: count("max-issues", 1) ?? file.maxIssues ?? DEFAULT_MAX_ISSUES,
    },
    format: formatOption(values.format),
    listen: listenOptions(values, DEFAULT_PORT),
  };
}

export async function proxy(argv: readonly string[], io: ServeIo & { warn: (line: string) => void }): Promise<number> {
  const { values } = parseServeArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT_VALID;
  }
  const { upstream, maxWarnings, check, format, listen } = settings(values, findConfig(process.cwd()));
  const out = new TimedOutput(io.stdout, io.readerGone);
  const reporter = proxyReporter(format, out);
  const record = recordStream(values.record);
  record?.on("error", (error: NodeJS.ErrnoException) => io.warn(`cannot write the record: ${error.code ?? error.message}`));
  const totals: ProxyTotals = { passed: 0, failed: 0, warnings: 0 };
  const server = createProxy({
    upstream,
    check,
    record: record !== undefined,
    onExchange(exchange) {
      const verdict = judge(exchange);
      if (verdict.counted) {
        totals[verdict.passed ? "passed" : "failed"]++;
        totals.warnings += verdict.warnings;
      }
      reporter.exchange(exchange, verdict);
      if (exchange.record !== undefined) record?.write(`${exchange.record}\n`);
    },
    onError: (error) =>
      io.warn(`internal error while reporting an exchange: ${displayText(error instanceof Error ? error.message : String(error))}`),
  });
  await serveUntilSignal(server.listener, listen, io, () => server.close());
  await server.idle();
  server.dispose();
  if (record !== undefined) {
    record.end();
    await once(record, "close");
  }
  reporter.end(totals);
  out.flush();
  const tooManyWarnings = maxWarnings !== undefined && totals.warnings > maxWarnings.max;
  if (tooManyWarnings) io.warn(`${totals.warnings} warnings, more than ${maxWarnings.given}`);
  return totals.failed > 0 || tooManyWarnings ? EXIT_INVALID : EXIT_VALID;
}
