/**
 * The proxy's reports, one exchange at a time as it happens: `pretty` for people, `json` as one JSON
 * object a line, `github` as workflow annotations; then the summary when the proxy stops. Targets,
 * pointers and messages come from traffic, so the line formats show them through lib/display-text.ts.
 */
import { displayPointer, displayText } from "../../lib/display-text.js";
import { formatIssues, shownPointer, type Issue } from "../issues.js";
import type { Exchange } from "../proxy/exchange.js";
import type { Verdict } from "../proxy/verdict.js";
import { summaryLine } from "./formats/reporter.js";
import type { Sink } from "./output.js";
import { escapeData, escapeProperty } from "./workflow-commands.js";

export const PROXY_FORMATS = ["pretty", "json", "github"] as const;
export type ProxyFormat = (typeof PROXY_FORMATS)[number];

export interface ProxyTotals {
  passed: number;
  failed: number;
  warnings: number;
}

export interface ProxyReporter {
  exchange(exchange: Exchange, verdict: Verdict): void;
  end(totals: ProxyTotals): void;
}

/** The request's issues, then the answer's. */
const issuesOf = (exchange: Exchange): Issue[] => [...exchange.requestIssues, ...(exchange.response?.issues ?? [])];

/** What went wrong beside the issues: the upstream's failure, or why the answer was not checked. */
function problem(exchange: Exchange): string | undefined {
  if (exchange.upstreamFailure !== undefined) return `upstream failed: ${exchange.upstreamFailure}`;
  if (exchange.unchecked !== undefined) return `not checked: ${exchange.unchecked}`;
  if (exchange.interrupted !== undefined) return `interrupted: ${exchange.interrupted}`;
  return undefined;
}

function outcome(exchange: Exchange, verdict: Verdict): string {
  if (!exchange.sync) return "forwarded";
  if (exchange.interrupted !== undefined) return "interrupted";
  return verdict.passed ? "passed" : "failed";
}

const summary = (totals: ProxyTotals) => summaryLine({ ...totals, skipped: 0 });

function prettyReporter(out: Sink): ProxyReporter {
  return {
    exchange(exchange, verdict) {
      const { method, target, status, bytes, ms } = exchange;
      const lines = [
        `${displayText(method)} ${displayText(target)} ${status} ${bytes} bytes ${Math.round(ms)} ms: ${outcome(exchange, verdict)}`,
      ];
      const trouble = problem(exchange);
      if (trouble !== undefined) lines.push(`  ${displayText(trouble)}`);
      const issues = issuesOf(exchange);
      if (issues.length > 0) lines.push(formatIssues(issues).replace(/^/gm, "  "));
      if (exchange.response?.truncated) lines.push("  more issues than the cap; the rest are not shown");
      out.write(`${lines.join("\n")}\n`);
    },
    end(totals) {
      out.write(`${summary(totals)}\n`);
    },
  };
}

function jsonReporter(out: Sink): ProxyReporter {
  return {
    exchange(exchange, verdict) {
      const { method, target, sync, status, bytes, ms, upstreamFailure, unchecked, interrupted } = exchange;
      const checked = sync ? { passed: verdict.passed, issues: issuesOf(exchange), truncated: exchange.response?.truncated ?? false } : {};
      out.write(
        `${JSON.stringify({ method, target, status, bytes, ms: Math.round(ms), sync, ...checked, upstreamFailure, unchecked, interrupted })}\n`,
      );
    },
    end(totals) {
      out.write(`${JSON.stringify(totals)}\n`);
    },
  };
}

const annotation = (level: string, title: string, message: string) => `::${level} title=${escapeProperty(title)}::${escapeData(message)}\n`;

function githubReporter(out: Sink): ProxyReporter {
  return {
    exchange(exchange) {
      const request = `${displayText(exchange.method)} ${displayText(exchange.target)}`;
      const trouble = problem(exchange);
      if (exchange.upstreamFailure !== undefined || exchange.unchecked !== undefined) {
        const title = exchange.upstreamFailure === undefined ? "unchecked" : "upstream";
        out.write(annotation("error", title, `${request}: ${displayText(trouble!)}`));
      }
      for (const issue of issuesOf(exchange)) {
        const at = displayPointer(shownPointer(issue.pointer));
        out.write(annotation(issue.severity, displayText(issue.rule), `${request}: ${at}: ${displayText(issue.message)}`));
      }
    },
    end(totals) {
      out.write(`${summary(totals)}\n`);
    },
  };
}

export function proxyReporter(format: ProxyFormat, out: Sink): ProxyReporter {
  return { pretty: prettyReporter, json: jsonReporter, github: githubReporter }[format](out);
}
