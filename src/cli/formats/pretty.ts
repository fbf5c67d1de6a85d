/**
 * The default format, for people: each issue as `file:line:column`, then severity, pointer, message
 * and rule, with the offending line of the file and a caret under the value; in colour on a terminal.
 */
import type { Output } from "../output.js";
import type { LocatedIssue } from "../protocol.js";
import { shownIssues, shownName, summaryLine, type Reporter, type ReportSettings } from "./reporter.js";
import { PLAIN, type Style } from "./style.js";

function excerptLines(issue: LocatedIssue): string {
  if (issue.excerpt === undefined) return "";
  const gutter = String(issue.line);
  return `  ${gutter} | ${issue.excerpt.text}\n  ${" ".repeat(gutter.length)} | ${" ".repeat(issue.excerpt.caret)}^\n`;
}

export function prettyReporter(out: Output, settings: ReportSettings, style: Style = PLAIN): Reporter {
  return {
    payload(unit, result) {
      const issues = shownIssues(result, settings.quiet);
      const name = shownName(unit);
      for (const issue of issues) {
        const { line, column, severity, pointer, message, rule } = issue;
        const where = style.path(`${name}:${line}:${column}`);
        out.write(`${where}: ${style[severity](severity)} ${pointer}: ${message} (${style.rule(rule)})\n${excerptLines(issue)}`);
      }
      if (result.truncated && issues.length > 0) {
        const where = style.path(result.line === undefined ? name : `${name}:${result.line}`);
        out.write(`${where}: more issues than --max-issues ${settings.maxIssues}; the rest are not shown\n`);
      }
    },
    endFile(unit, summary) {
      // Unreadable inputs are errors, already on standard error.
      const { skipped } = summary;
      if (skipped !== undefined && !skipped.error && !settings.quiet)
        out.write(`${style.path(shownName(unit))}: skipped: ${skipped.reason}\n`);
    },
    end(totals) {
      out.write(`${summaryLine(totals)}\n`);
    },
  };
}
