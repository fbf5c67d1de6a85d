/**
 * matrix-sync-contract/client: the client side of `/sync` on the Fetch API, checked against the
 * contract: `createSyncClient` (one sync, or a stream of them) and `syncContract`, a middleware for
 * openapi-fetch. No dependencies beyond the package's own.
 */
export {
  createSyncClient,
  defaultBackoff,
  type Backoff,
  type StreamOptions,
  type SyncClient,
  type SyncClientOptions,
} from "./sync-client.js";
export { syncContract, type SyncContractMiddleware, type SyncContractOptions } from "./middleware.js";
export { SyncHttpError } from "./http-error.js";
