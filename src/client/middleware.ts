/**
 * `syncContract`: an openapi-fetch middleware that sends the access token the way the spec declares
 * it and checks every `/sync` response. Its type is written out here rather than imported, so the
 * package needs no openapi-fetch; it fits openapi-fetch's `Middleware`.
 */
import { operation } from "../../generated/contract.js";
import { ContractError, type CheckOptions, type Issue } from "../issues.js";
import { parseSyncResponse } from "../response.js";

export interface SyncContractOptions {
  /** Added to every request as the spec's access token query parameter. */
  accessToken?: string | undefined;
  /**
   * Told the issues of each `/sync` response that has any, warnings included; the response then goes
   * on as it is. Without it, a response that breaks the contract throws a `ContractError` from the call.
   */
  onIssues?: ((issues: readonly Issue[], exchange: { request: Request; response: Response }) => void) | undefined;
  /** How responses are checked (the prose rules, the issue cap). */
  check?: CheckOptions | undefined;
}

export interface SyncContractMiddleware {
  onRequest(params: { request: Request }): Request | undefined;
  onResponse(params: { request: Request; response: Response; schemaPath: string }): Promise<undefined>;
}

export function syncContract(options: SyncContractOptions = {}): SyncContractMiddleware {
  const { accessToken, onIssues, check } = options;
  return {
    onRequest({ request }) {
      if (accessToken === undefined) return undefined;
      if (operation.accessTokenParameter === null) throw new TypeError("the spec declares no query parameter for an access token");
      const url = new URL(request.url);
      url.searchParams.set(operation.accessTokenParameter, accessToken);
      return new Request(url, request);
    },
    async onResponse({ request, response, schemaPath }) {
      // openapi-fetch names the operation by its path in the spec: only /sync's 200 holds a SyncResponse.
      if (schemaPath !== operation.path || response.status !== 200) return undefined;
      const result = parseSyncResponse(await response.clone().text(), check);
      if (onIssues !== undefined) {
        if (result.issues.length > 0) onIssues(result.issues, { request, response });
      } else if (!result.valid) {
        throw new ContractError(operation.responseName, result.issues);
      }
      return undefined;
    },
  };
}
