/**
 * How an exchange counts. Its issues are already at the levels the check was given (`rules`,
 * `strict`): an exchange fails on an error, on an upstream that failed, or on an answer that could
 * not be checked; one that was cut short counts neither way.
 */
import type { Exchange } from "./exchange.js";

export interface Verdict {
  /** Whether the exchange counts at all: only `/sync` exchanges that were not cut short do. */
  counted: boolean;
  passed: boolean;
  warnings: number;
}

export function judge(exchange: Exchange): Verdict {
  const issues = [...exchange.requestIssues, ...(exchange.response?.issues ?? [])];
  const errors = issues.filter((issue) => issue.severity === "error").length;
  const failed = exchange.upstreamFailure !== undefined || exchange.unchecked !== undefined || errors > 0;
  return { counted: exchange.sync && exchange.interrupted === undefined, passed: !failed, warnings: issues.length - errors };
}
