/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per issue, which GitHub
 * shows on the fixture's line in the pull request, then the summary line.
 */
import type { Output } from "../output.js";
import type { InputUnit } from "../protocol.js";
import { escapeData, escapeProperty } from "../workflow-commands.js";
import { shownIssues, shownName, summaryLine, type Reporter, type ReportSettings } from "./reporter.js";

interface Annotation {
  level: "error" | "warning" | "notice";
  title: string;
  message: string;
  line?: number;
  column?: number;
}

function command(unit: InputUnit, { level, title, message, line, column }: Annotation): string {
  // Standard input is no file in the repository: the position goes into the message instead.
  const name = shownName(unit);
  if (unit.format === "stdin") {
    const where = line === undefined ? name : `${name}:${line}:${column}`;
    return `::${level} title=${escapeProperty(title)}::${escapeData(`${where}: ${message}`)}\n`;
  }
  const position = line === undefined ? "" : `,line=${line},col=${column}`;
  return `::${level} file=${escapeProperty(name)}${position},title=${escapeProperty(title)}::${escapeData(message)}\n`;
}

export function githubReporter(out: Output, settings: ReportSettings): Reporter {
  return {
    payload(unit, result) {
      const issues = shownIssues(result, settings.quiet);
      for (const issue of issues) {
        const message = `${issue.pointer}: ${issue.message}`;
        out.write(command(unit, { level: issue.severity, title: issue.rule, message, line: issue.line, column: issue.column }));
      }
      if (result.truncated && issues.length > 0) {
        const message = `more issues than --max-issues ${settings.maxIssues}; the rest are not shown`;
        out.write(command(unit, { level: "notice", title: "truncated", message, line: result.line ?? 1, column: 1 }));
      }
    },
    endFile(unit, summary) {
      const skipped = summary.skipped;
      if (skipped?.error) {
        out.write(command(unit, { level: "error", title: "cannot read", message: skipped.reason }));
      } else if (skipped !== undefined && !settings.quiet) {
        out.write(command(unit, { level: "notice", title: "skipped", message: skipped.reason }));
      }
    },
    end(totals) {
      out.write(`${summaryLine(totals)}\n`);
    },
  };
}
