/**
 * JUnit XML, which CI systems render as test results: a `<testsuite>` per input file and a
 * `<testcase>` per payload (each NDJSON line its own), failing with the issues that break the
 * contract. A suite's counts must precede its cases, so a file's cases are held until it ends; an
 * NDJSON file with more lines, or with more report text, is written as several suites of at most
 * SUITE_CASES lines or SUITE_TEXT characters each, named by their line range, so memory stays bounded.
 */
import type { Output } from "../output.js";
import type { InputUnit, LocatedIssue, PayloadResult } from "../protocol.js";
import { shownIssues, shownName, type Reporter, type ReportSettings } from "./reporter.js";

const SUITE_CASES = 10_000;
const SUITE_TEXT = 1 << 22;

// What XML 1.0 cannot hold at all, not even as a character reference: most C0 controls, lone
// surrogates, U+FFFE and U+FFFF. Keys in a payload may hold any of them.
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\n": "&#10;",
  "\r": "&#13;",
  "\t": "&#9;",
};

const visible = (text: string) => text.replace(NOT_XML, (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, "0")}`);
const escapeText = (text: string) => visible(text).replace(/[&<>]/g, (char) => ESCAPES[char]!);
const escapeAttribute = (text: string) => visible(text).replace(/[&<>"\n\r\t]/g, (char) => ESCAPES[char]!);

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join("");
}

const issueLine = (name: string, { line, column, severity, pointer, message, rule }: LocatedIssue) =>
  `${name}:${line}:${column}: ${severity} ${pointer}: ${message} (${rule})`;

interface Suite {
  cases: string[];
  /** The length of the cases' text. */
  size: number;
  failures: number;
  errors: number;
  skipped: number;
  firstLine?: number;
  lastLine?: number;
  /** Whether an earlier part of the same file was already written. */
  continued: boolean;
}

const emptySuite = (continued: boolean): Suite => ({ cases: [], size: 0, failures: 0, errors: 0, skipped: 0, continued });

export function junitReporter(out: Output, settings: ReportSettings): Reporter {
  const classname = `matrix-sync-contract.${settings.schema}`;
  let suite = emptySuite(false);

  const testcase = (unit: InputUnit, name: string, body: string) =>
    `    <testcase${attributes({ classname, name, file: shownName(unit) })}${body === "" ? "/>" : `>\n${body}    </testcase>`}\n`;

  const writeSuite = (unit: InputUnit, finished: boolean) => {
    const range = suite.firstLine === undefined ? "" : ` (lines ${suite.firstLine}–${suite.lastLine})`;
    const name = suite.continued || !finished ? `${shownName(unit)}${range}` : shownName(unit);
    const counts = { tests: suite.cases.length, failures: suite.failures, errors: suite.errors, skipped: suite.skipped };
    out.write(`  <testsuite${attributes({ name, ...counts })}>\n${suite.cases.join("")}  </testsuite>\n`);
    suite = emptySuite(!finished);
  };

  const payloadCase = (unit: InputUnit, result: PayloadResult): string => {
    const file = shownName(unit);
    const name = result.line === undefined ? file : `${file}:${result.line}`;
    const issues = shownIssues(result, settings.quiet);
    const lines = issues.map((issue) => issueLine(file, issue));
    if (result.truncated && issues.length > 0) lines.push(`more issues than --max-issues ${settings.maxIssues}; the rest are not shown`);
    const text = escapeText(lines.join("\n"));
    if (result.valid) return testcase(unit, name, lines.length === 0 ? "" : `      <system-out>${text}</system-out>\n`);
    // The first error names the failure; with a small --max-issues, the shown issues may hold none.
    const errors = issues.filter((issue) => issue.severity === "error");
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    const message = first === undefined ? "breaks the contract" : `${first.pointer}: ${first.message}${more}`;
    return testcase(unit, name, `      <failure${attributes({ message, type: first?.rule ?? "contract" })}>${text}</failure>\n`);
  };

  out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attributes({ name: "matrix-sync-contract validate" })}>\n`);
  return {
    payload(unit, result) {
      const text = payloadCase(unit, result);
      suite.cases.push(text);
      suite.size += text.length;
      if (!result.valid) suite.failures++;
      if (result.line !== undefined) {
        suite.firstLine ??= result.line;
        suite.lastLine = result.line;
      }
      if (suite.cases.length === SUITE_CASES || suite.size >= SUITE_TEXT) writeSuite(unit, false);
    },
    endFile(unit, { skipped }) {
      if (skipped?.error) {
        suite.errors++;
        suite.cases.push(
          testcase(
            unit,
            shownName(unit),
            `      <error${attributes({ message: `cannot read: ${skipped.reason}`, type: "unreadable" })}/>\n`,
          ),
        );
      } else if (skipped !== undefined) {
        suite.skipped++;
        suite.cases.push(testcase(unit, shownName(unit), `      <skipped${attributes({ message: skipped.reason })}/>\n`));
      }
      if (suite.cases.length > 0 || !suite.continued) writeSuite(unit, true);
      suite = emptySuite(false);
    },
    end() {
      out.write("</testsuites>\n");
    },
  };
}
