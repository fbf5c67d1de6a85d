/**
 * matrix-sync-contract/mock: a homeserver's `/sync` for testing clients, driven by the contract. A
 * Fetch API handler for any Fetch API server, `toNodeHandler` for `node:http`, and named faults that
 * each break one thing. Its default payloads come from the arbitraries of matrix-sync-contract/testing,
 * which load fast-check (an optional peer dependency) on first use; `source: "examples"` needs none.
 */
export { createSyncHandler, type SyncHandler, type SyncHandlerOptions } from "./handler.js";
export { toNodeHandler, type Answered, type FetchHandler, type NodeHandlerOptions } from "./node-adapter.js";
export { faults, type Fault } from "./faults.js";
export type { BatchRequest, PayloadSource } from "./payloads.js";
