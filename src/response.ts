/**
 * The response side of the operation: a client parses the text and checks it, a server checks the
 * payload and sends it.
 */
import { assertSyncResponse, checkSyncResponse } from "./checks.generated.js";
import type { SyncResponse } from "../generated/types.js";
import { ContractError, describeThrown, type CheckOptions, type CheckResult, type Issue } from "./issues.js";
import { operation } from "../generated/contract.js";
import { childPointer } from "../lib/json-pointer.js";
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

type Step = { holder: Record<string, unknown>; key: string; pointer: string } | { leave: object };

/**
 * Where `JSON.stringify` fails on a value, found by walking it as `JSON.stringify` does (each
 * property read once, `toJSON` applied, own enumerable keys) after it has thrown: a getter or
 * `toJSON` that throws, a BigInt, a cycle. The walk keeps its own stack, so it also gets through
 * nesting too deep for `JSON.stringify`, which is then what is reported, at the root.
 */
function unwritableIssue(value: unknown, thrown: unknown): Issue {
  const issue = (pointer: string, rule: string, message: string): Issue => ({ pointer, message, rule, severity: "error" });
  const inside = new Set<object>();
  const steps: Step[] = [{ holder: { "": value }, key: "", pointer: "" }];
  while (steps.length > 0) {
    const step = steps.pop()!;
    if ("leave" in step) {
      inside.delete(step.leave);
      continue;
    }
    let keys: string[];
    let current: unknown;
    try {
      current = step.holder[step.key];
      const hasMethods = (typeof current === "object" && current !== null) || typeof current === "bigint";
      const toJSON: unknown = hasMethods ? (current as { toJSON?: unknown }).toJSON : undefined;
      if (typeof toJSON === "function") current = toJSON.call(current, step.key);
      if (typeof current === "bigint") return issue(step.pointer, "value:not-json", "is a BigInt, which JSON cannot write");
      if (typeof current !== "object" || current === null) continue;
      if (inside.has(current)) return issue(step.pointer, "value:not-json", "contains itself, a cycle JSON cannot write");
      keys = Array.isArray(current) ? Array.from({ length: current.length }, (_, i) => String(i)) : Object.keys(current);
    } catch (error) {
      return issue(step.pointer, "value:unreadable", `cannot be read: ${describeThrown(error)}`);
    }
    inside.add(current);
    steps.push({ leave: current });
    const holder = current as Record<string, unknown>;
    for (let i = keys.length - 1; i >= 0; i--) steps.push({ holder, key: keys[i]!, pointer: childPointer(step.pointer, keys[i]!) });
  }
  return issue("", "value:not-json", `cannot be written as JSON: ${describeThrown(thrown)}`);
}

/**
 * The JSON text of a response, checked as it will be sent: written first, so that `toJSON` (a
 * `Date`'s among them) and the keys JSON leaves out count, then read back and checked. Throws a
 * `ContractError` when that text breaks the contract or the value cannot be written as JSON.
 */
export function serializeSyncResponse(value: SyncResponse, options?: CheckOptions): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (thrown) {
    throw new ContractError(operation.responseName, [unwritableIssue(value, thrown)]);
  }
  if (text === undefined) {
    const issue: Issue = { pointer: "", message: `is ${typeof value}, which JSON cannot write`, rule: "value:not-json", severity: "error" };
    throw new ContractError(operation.responseName, [issue]);
  }
  assertSyncResponse(JSON.parse(text), options);
  return text;
}
