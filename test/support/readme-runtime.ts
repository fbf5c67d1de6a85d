/**
 * What a documentation block finds when a test runs it (test/support/readme-run.ts bundles this module in
 * front of the block, in a child process): the values of the free variables its readme-test comment
 * declares, a `buildResponse` for server examples, servers that listen on a free loopback port
 * whatever port the block asks for, and a `fetch` that takes the block's requests to a test server.
 * The test describes it all in the environment variable README_TEST_WORLD, as JSON.
 */
import { Server, type AddressInfo } from "node:net";
import { examples, type SyncQuery } from "../../src/index.js";

export interface World {
  /** Values for the block's free variables, by name. */
  globals?: Record<string, unknown>;
  /** What `buildResponse(query)` returns for a `since` token; for any other, the spec's example. */
  responses?: Record<string, unknown>;
  /** The `since` token for which `buildResponse` throws an Error, as a bug in a server's code would. */
  failingSince?: string;
  /** Where `fetch` sends the block's requests: this origin, with the path and query it was given. */
  homeserver?: string;
}

/** What the child tells the test, over its IPC channel. */
export type Report = { listening: number } | { fetched: string; status: number };

const world = JSON.parse(process.env.README_TEST_WORLD ?? "{}") as World;
const report = (message: Report) => process.send?.(message);

function buildResponse(query: SyncQuery): unknown {
  if (world.failingSince !== undefined && query.since === world.failingSince)
    throw new Error(`buildResponse failed for since=${query.since}`);
  return world.responses?.[query.since ?? ""] ?? examples.SyncResponse;
}
Object.assign(globalThis, { buildResponse }, world.globals);

// Loopback only, on a port the system picks: the block's own port (8008) may be taken, and a test
// server must never be reachable from outside.
const listen = Server.prototype.listen;
Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  this.once("listening", () => report({ listening: (this.address() as AddressInfo).port }));
  // A server runs until stopped; should the test die first, the child goes with it. (Only a server:
  // the listener keeps the IPC channel, and so the process, alive.)
  process.once("disconnect", () => process.exit(0));
  return listen.call(this, { port: 0, host: "127.0.0.1" }, args.find((arg) => typeof arg === "function") as () => void);
} as typeof listen;

if (world.homeserver !== undefined) {
  const homeserver = world.homeserver;
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const response = await original(new URL(url.pathname + url.search, homeserver), init);
    report({ fetched: url.href, status: response.status });
    return response;
  };
}
