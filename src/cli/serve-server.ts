/**
 * What `mock` and `proxy` share: a server on the given host and port (loopback unless told), the
 * `listening on` line, and a clean stop on SIGINT or SIGTERM.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ParseArgsConfig } from "node:util";
import { displayText } from "../../lib/display-text.js";
import { UsageError } from "./args.js";
import type { Sink } from "./output.js";
import { readArgs } from "./read-args.js";

export const DEFAULT_HOST = "127.0.0.1";

/** The options both commands take. */
export const SERVE_OPTIONS = {
  help: { type: "boolean", short: "h" },
  port: { type: "string" },
  host: { type: "string" },
} as const satisfies ParseArgsConfig["options"];

/** The command's options, every mistake a usage error. */
export function parseServeArgs<T extends NonNullable<ParseArgsConfig["options"]>>(argv: readonly string[], options: T) {
  return readArgs(argv, options, false);
}

/** A whole number from `min` to `max`, or a usage error naming the option. */
export function integerOption(option: string, value: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${option} takes a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

export interface Listen {
  host: string;
  port: number;
}

export function listenOptions(values: { port?: string; host?: string }, defaultPort: number): Listen {
  return {
    host: values.host ?? DEFAULT_HOST,
    port: values.port === undefined ? defaultPort : integerOption("port", values.port, 0, 65535),
  };
}

/** What stopping waits for before the remaining connections are cut. */
const GRACE_MS = 2000;

export interface ServeIo {
  stdout: Sink;
  /** Where SIGINT and SIGTERM come from: the process. */
  signals: NodeJS.EventEmitter;
  /** Aborted when the reader of `stdout` has gone away (`| head -1`): the server goes on, its log dropped. */
  readerGone: AbortSignal;
}

/**
 * Serves until SIGINT or SIGTERM: prints `listening on http://HOST:PORT` (the real port), then on a
 * signal calls `stopping` (which ends what is pending), closes the server and resolves. A second
 * signal, or the grace period running out, cuts the connections still open.
 */
export async function serveUntilSignal(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  { host, port }: Listen,
  io: ServeIo,
  stopping: () => void,
): Promise<void> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new UsageError(`cannot listen on ${displayText(host)} port ${port}: ${error.code ?? error.message}`)),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  io.stdout.write(`listening on http://${shownHost}:${address.port}\n`);
  await new Promise<void>((resolve) => {
    let signalled = false;
    const onSignal = () => {
      if (signalled) return void server.closeAllConnections();
      signalled = true;
      stopping();
      server.close(() => {
        io.signals.off("SIGINT", onSignal).off("SIGTERM", onSignal);
        resolve();
      });
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), GRACE_MS).unref();
    };
    io.signals.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  });
}
