/**
 * How an exchange is judged, with the rule options the proxy command takes: `--rule ID=LEVEL` moves
 * a prose rule's issues to another severity or turns the rule off, `--strict` fails on warnings too.
 * Schema issues keep their severity: the schema is what the spec says.
 */
import { proseRules } from "../rules.js";
import type { Issue } from "../issues.js";
import type { Exchange } from "./exchange.js";

export type RuleLevel = "error" | "warning" | "off";

export interface VerdictOptions {
  strict: boolean;
  levels: ReadonlyMap<string, RuleLevel>;
}

export interface Verdict {
  /** Whether the exchange counts at all: one cut short by the client or the proxy stopping does not. */
  counted: boolean;
  passed: boolean;
  /** The issues as reported, each at its level; the request's first. */
  issues: Issue[];
  warnings: number;
}

const LEVELS: readonly RuleLevel[] = ["error", "warning", "off"];

/** `ID=LEVEL` read into a rule id and a level, or a message saying what is wrong with it. */
export function parseRuleLevel(text: string): { id: string; level: RuleLevel } | { problem: string } {
  const at = text.lastIndexOf("=");
  const id = text.slice(0, at);
  const level = LEVELS.find((known) => known === text.slice(at + 1));
  if (at === -1 || level === undefined) return { problem: `takes ID=LEVEL, LEVEL one of ${LEVELS.join(", ")}` };
  if (!proseRules.some((rule) => rule.id === id))
    return { problem: `names no prose rule; the rules are: ${proseRules.map((rule) => rule.id).join(", ")}` };
  return { id, level };
}

export function judge(exchange: Exchange, options: VerdictOptions): Verdict {
  const issues: Issue[] = [];
  for (const issue of [...exchange.requestIssues, ...(exchange.response?.issues ?? [])]) {
    const level = options.levels.get(issue.rule);
    if (level === "off") continue;
    issues.push(level === undefined ? issue : { ...issue, severity: level });
  }
  const errors = issues.filter((issue) => issue.severity === "error").length;
  const warnings = issues.length - errors;
  const failed =
    exchange.upstreamFailure !== undefined || exchange.unchecked !== undefined || errors > 0 || (options.strict && warnings > 0);
  return { counted: exchange.sync && exchange.interrupted === undefined, passed: !failed, issues, warnings };
}
