/** The response side of the operation: a client parses and checks it, a server checks and sends it. */
import { assertSyncResponse, checkSyncResponse } from "./checks.generated.js";
import type { SyncResponse } from "../generated/types.js";
import type { CheckOptions, CheckResult } from "./issues.js";
import { parseJson } from "../lib/json-text.js";

/**
 * Parses response text and checks it. Text that is not JSON gives an invalid result with one issue
 * (rule `json`, with its line and column), never an exception. A leading byte-order mark is ignored,
 * as RFC 8259 allows.
 */
export function parseSyncResponse(text: string, options?: CheckOptions): CheckResult<SyncResponse> {
  const parsed = parseJson(typeof text === "string" && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) {
    const { line, column } = parsed.position;
    return { valid: false, truncated: false, issues: [{ pointer: "", message: parsed.message, rule: "json", severity: "error", line, column }] };
  }
  return checkSyncResponse(parsed.value, options);
}

/** The JSON text of a response; throws a `ContractError` when the payload breaks the contract. */
export function serializeSyncResponse(value: SyncResponse, options?: CheckOptions): string {
  assertSyncResponse(value, options);
  return JSON.stringify(value);
}
