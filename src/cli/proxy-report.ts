/**
 * The proxy's reports, one exchange at a time as it happens: `pretty` for people, `json` as one JSON
 * object a line, `github` as workflow annotations; then the summary when the proxy stops. Targets,
 * pointers and messages come from traffic, so the line formats show them through lib/display-text.ts.
 */
import { displayPointer, displayText } from "../../lib/display-text.js";
import { formatIssues, shownPointer } from "../issues.js";
import type { Exchange } from "../proxy/exchange.js";
import type { Verdict } from "../proxy/verdict.js";
import type { Sink } from "./output.js";

export const PROXY_FORMATS = ["pretty", "json", "github"] as const;
export type ProxyFormat = (typeof PROXY_FORMATS)[number];

export interface ProxyTotals {
  passed: number;
  failed: number;
  warnings: number;
}

export interface ProxyReporter {
  exchange(exchange: Exchange, verdict: Verdict): void;
  end(totals: ProxyTotals, maxWarnings: number | undefined): void;
}

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

const summary = ({ passed, failed }: ProxyTotals) => `${passed} passed, ${failed} failed`;

const tooManyWarnings = (totals: ProxyTotals, maxWarnings: number | undefined) =>
  maxWarnings !== undefined && totals.warnings > maxWarnings
    ? `${totals.warnings} warnings, more than --max-warnings ${maxWarnings}`
    : undefined;

function prettyReporter(out: Sink): ProxyReporter {
  return {
    exchange(exchange, verdict) {
      const { method, target, status, bytes, ms } = exchange;
      const lines = [
        `${displayText(method)} ${displayText(target)} ${status} ${bytes} bytes ${Math.round(ms)} ms: ${outcome(exchange, verdict)}`,
      ];
      const trouble = problem(exchange);
      if (trouble !== undefined) lines.push(`  ${displayText(trouble)}`);
      if (verdict.issues.length > 0) lines.push(formatIssues(verdict.issues).replace(/^/gm, "  "));
      if (exchange.response?.truncated) lines.push("  more issues than the cap; the rest are not shown");
      out.write(`${lines.join("\n")}\n`);
    },
    end(totals, maxWarnings) {
      const over = tooManyWarnings(totals, maxWarnings);
      out.write(`${over === undefined ? "" : `${over}\n`}${summary(totals)}\n`);
    },
  };
}

function jsonReporter(out: Sink): ProxyReporter {
  return {
    exchange(exchange, verdict) {
      const { method, target, sync, status, bytes, ms, upstreamFailure, unchecked, interrupted } = exchange;
      const checked = sync ? { passed: verdict.passed, issues: verdict.issues, truncated: exchange.response?.truncated ?? false } : {};
      out.write(
        `${JSON.stringify({ method, target, status, bytes, ms: Math.round(ms), sync, ...checked, upstreamFailure, unchecked, interrupted })}\n`,
      );
    },
    end(totals, maxWarnings) {
      out.write(`${JSON.stringify({ ...totals, ...(maxWarnings !== undefined && { maxWarnings }) })}\n`);
    },
  };
}

// The escaping of workflow command values and properties that GitHub's runner undoes, applied to
// text already shown through lib/display-text.ts (which escapes what it leaves raw).
const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
const annotation = (level: string, title: string, message: string) => `::${level} title=${escapeProperty(title)}::${escapeData(message)}\n`;

function githubReporter(out: Sink): ProxyReporter {
  return {
    exchange(exchange, verdict) {
      const request = `${displayText(exchange.method)} ${displayText(exchange.target)}`;
      const trouble = problem(exchange);
      if (exchange.upstreamFailure !== undefined || exchange.unchecked !== undefined) {
        const title = exchange.upstreamFailure === undefined ? "unchecked" : "upstream";
        out.write(annotation("error", title, `${request}: ${displayText(trouble!)}`));
      }
      for (const issue of verdict.issues) {
        const at = displayPointer(shownPointer(issue.pointer));
        out.write(annotation(issue.severity, displayText(issue.rule), `${request}: ${at}: ${displayText(issue.message)}`));
      }
    },
    end(totals, maxWarnings) {
      const over = tooManyWarnings(totals, maxWarnings);
      if (over !== undefined) out.write(annotation("error", "max-warnings", over));
      out.write(`${summary(totals)}\n`);
    },
  };
}

export function proxyReporter(format: ProxyFormat, out: Sink): ProxyReporter {
  return { pretty: prettyReporter, json: jsonReporter, github: githubReporter }[format](out);
}
