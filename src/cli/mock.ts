/**
 * `mock`: the mock homeserver of matrix-sync-contract/mock on a port, one log line per request, until
 * SIGINT or SIGTERM. `--fault list` prints the faults instead.
 */
import { operation } from "../../generated/contract.js";
import { displayText } from "../../lib/display-text.js";
import { createSyncHandler, faults, toNodeHandler, type Answered } from "../mock/index.js";
import { targetWithoutToken } from "../proxy/target.js";
import { UsageError } from "./args.js";
import { EXIT_VALID } from "./exit-codes.js";
import { COMMAND } from "./help.js";
import { TimedOutput } from "./serve-output.js";
import { integerOption, listenOptions, parseServeArgs, serveUntilSignal, SERVE_OPTIONS, type ServeIo } from "./serve-server.js";

const OPTIONS = {
  ...SERVE_OPTIONS,
  seed: { type: "string" },
  source: { type: "string" },
  batches: { type: "string" },
  fault: { type: "string" },
} as const;

const SOURCES = ["arbitrary", "examples"] as const;
const DEFAULT_PORT = 8008;

const USAGE = `Usage: ${COMMAND} mock [options]

A homeserver's ${operation.basePath}${operation.path} for testing clients. Prints "listening on
http://HOST:PORT", then one line per request; stops on SIGINT or SIGTERM.

  --port <n>            The port (default ${DEFAULT_PORT}; 0 picks a free one).
  --host <host>         The address to listen on (default 127.0.0.1).
  --seed <n>            Seeds the payloads and the next_batch tokens (default 0).
  --source <source>     ${SOURCES.join(" or ")} (default ${SOURCES[0]}; arbitrary needs fast-check).
  --batches <n>         Batches before the long-poll, the initial sync included (default 5).
  --fault <name>        Put a fault into every payload; --fault list lists them.
`;

/** `GET /path?query 200 1234 bytes 5 ms`, the query without the access token, shortened and escaped. */
function logLine({ method, url, status, bytes, ms }: Answered): string {
  const target = url === undefined ? "(not a URL)" : displayText(targetWithoutToken(url));
  return `${displayText(method)} ${target} ${status} ${bytes} bytes ${Math.round(ms)} ms\n`;
}

function faultList(): string {
  const width = Math.max(...[...faults.keys()].map((name) => name.length)) + 2;
  const lines = [...faults.values()].map(
    ({ name, breaks }) => `${name.padEnd(width)}${breaks.pointer || "(root)"} (${breaks.rule}, ${breaks.severity})\n`,
  );
  return lines.join("");
}

async function loadedHandler(options: Parameters<typeof createSyncHandler>[0]) {
  const handler = createSyncHandler(options);
  try {
    await handler.ready;
  } catch (error) {
    const missing = error instanceof Error && /fast-check/.test(error.message);
    throw new UsageError(
      missing
        ? "--source arbitrary needs fast-check installed beside the package (npm install fast-check); or use --source examples"
        : `cannot load the arbitrary payloads: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return handler;
}

export async function mock(argv: readonly string[], io: ServeIo): Promise<number> {
  const { values } = parseServeArgs(argv, OPTIONS);
  if (values.help || values.fault === "list") {
    io.stdout.write(values.help ? USAGE : faultList());
    return EXIT_VALID;
  }
  if (values.fault !== undefined && !faults.has(values.fault)) {
    throw new UsageError(`unknown fault ${JSON.stringify(displayText(values.fault))}; ${COMMAND} mock --fault list lists them`);
  }
  const source = values.source ?? SOURCES[0];
  if (!(SOURCES as readonly string[]).includes(source)) {
    throw new UsageError(`unknown source ${JSON.stringify(displayText(source))}; the sources are: ${SOURCES.join(", ")}`);
  }
  const handler = await loadedHandler({
    source: source as (typeof SOURCES)[number],
    seed: values.seed === undefined ? 0 : integerOption("seed", values.seed, -(2 ** 31), 2 ** 31 - 1),
    ...(values.batches !== undefined && { batches: integerOption("batches", values.batches, 1, 1e6) }),
    ...(values.fault !== undefined && { fault: values.fault }),
  });
  const log = new TimedOutput(io.stdout, io.readerGone);
  const listener = toNodeHandler(handler, { onAnswered: (answered) => log.write(logLine(answered)) });
  await serveUntilSignal(listener, listenOptions(values, DEFAULT_PORT), io, () => handler.close());
  log.flush();
  return EXIT_VALID;
}
