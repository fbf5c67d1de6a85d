/**
 * The response side of the operation: a client parses the text and checks it, a server checks the
 * payload and sends it.
 */
import { assertSyncResponse, checkSyncResponse } from "./checks.generated.js";
import type { SyncResponse } from "../generated/types.js";
import type { CheckOptions, CheckResult, Issue } from "./issues.js";
import { parseJson, withoutByteOrderMark } from "../lib/json-text.js";

/**
 * Parses response text and checks it. Text that is not JSON gives an invalid result with one issue
 * (rule `json`, with its line and column), never an exception. A leading byte-order mark is ignored,
 * as RFC 8259 allows.
 */
export function parseSyncResponse(text: string, options?: CheckOptions): CheckResult<SyncResponse> {
  // A caller without types may pass anything; parseJson answers what is not a string.
  const parsed = parseJson(typeof text === "string" ? withoutByteOrderMark(text) : text);
  if (!parsed.ok) {
    const { line, column } = parsed.position;
    const issue: Issue = { pointer: "", message: parsed.message, rule: "json", severity: "error", line, column };
    return { valid: false, truncated: false, issues: [issue] };
  }
  return checkSyncResponse(parsed.value, options);
}

/** The JSON text of a response; throws a `ContractError` when the payload breaks the contract. */
export function serializeSyncResponse(value: SyncResponse, options?: CheckOptions): string {
  assertSyncResponse(value, options);
  return JSON.stringify(value);
}
