/**
 * The github and junit report formats, driven in-process: what CI shows for a truncated payload,
 * how text that would break a workflow command or an XML attribute is escaped, the failure message
 * when no error is shown, and how NDJSON is split into suites at exactly SUITE_CASES lines.
 */
import { describe, expect, it } from "vitest";
import { githubReporter } from "../src/cli/formats/github.js";
import { junitReporter } from "../src/cli/formats/junit.js";
import type { Reporter, ReportSettings } from "../src/cli/formats/reporter.js";
import { Output } from "../src/cli/output.js";
import type { InputUnit, LocatedIssue } from "../src/cli/protocol.js";

const settings: ReportSettings = { schema: "SyncResponse", rules: true, strict: false, maxIssues: 2, quiet: false };

/** What a reporter writes for the calls `drive` makes. */
function report(make: (out: Output, settings: ReportSettings) => Reporter, drive: (reporter: Reporter) => void, quiet = false): string {
  let text = "";
  const out = new Output({ write: (chunk: string) => (text += chunk) });
  drive(make(out, { ...settings, quiet }));
  out.flush();
  return text;
}

const file: InputUnit = { index: 0, path: "a.json", display: "dir/a,b:c.json", format: "json" };
const ndjson: InputUnit = { index: 0, path: "a.ndjson", display: "a.ndjson", format: "ndjson" };
const stdin: InputUnit = { index: 0, path: "-", display: "<stdin>", format: "stdin" };
const error: LocatedIssue = {
  pointer: "/next_batch",
  message: "must be string\r\n50%",
  rule: "schema:type",
  severity: "error",
  line: 3,
  column: 17,
};
const warning: LocatedIssue = { pointer: "/rooms", message: "odd", rule: "unknown-key", severity: "warning", line: 2, column: 5 };
const TRUNCATED = "more issues than --max-issues 2; the rest are not shown";

describe("github format", () => {
  it("escapes %, CR and LF in messages, and also : and , in properties; a truncated payload gets a notice at line 1", () => {
    const text = report(githubReporter, (reporter) => {
      reporter.payload(file, { valid: false, issues: [error, warning], truncated: true });
      reporter.endFile(file, { passed: 0, failed: 1 });
      reporter.end({ passed: 0, failed: 1, skipped: 0, warnings: 1 });
    });
    expect(text.split("\n")).toEqual([
      "::error file=dir/a%2Cb%3Ac.json,line=3,col=17,title=schema%3Atype::/next_batch: must be string%0D%0A50%25",
      "::warning file=dir/a%2Cb%3Ac.json,line=2,col=5,title=unknown-key::/rooms: odd",
      `::notice file=dir/a%2Cb%3Ac.json,line=1,col=1,title=truncated::${TRUNCATED}`,
      "0 passed, 1 failed, 1 warning",
      "",
    ]);
  });

  it("puts the truncated notice of an NDJSON payload on its line; standard input's positions go in the message", () => {
    const text = report(githubReporter, (reporter) => {
      reporter.payload(ndjson, { line: 7, valid: false, issues: [error], truncated: true });
      reporter.payload(stdin, { valid: false, issues: [error], truncated: false });
      reporter.endFile(stdin, { passed: 0, failed: 1, skipped: { reason: "gone\r", error: true } });
      reporter.endFile(file, { passed: 0, failed: 0, skipped: { reason: "a pipe", error: false } });
    });
    expect(text.split("\n")).toEqual([
      "::error file=a.ndjson,line=3,col=17,title=schema%3Atype::/next_batch: must be string%0D%0A50%25",
      `::notice file=a.ndjson,line=7,col=1,title=truncated::${TRUNCATED}`,
      "::error title=schema%3Atype::<stdin>:3:17: /next_batch: must be string%0D%0A50%25",
      "::error title=cannot read::<stdin>: gone%0D",
      "::notice file=dir/a%2Cb%3Ac.json,title=skipped::a pipe",
      "",
    ]);
  });

  it("quiet: a passing payload's warnings, its truncated notice and a skipped input that is no error are not shown", () => {
    const text = report(
      githubReporter,
      (reporter) => {
        reporter.payload(file, { valid: true, issues: [warning], truncated: true });
        reporter.endFile(file, { passed: 1, failed: 0, skipped: { reason: "a pipe", error: false } });
      },
      true,
    );
    expect(text).toBe("");
  });
});

describe("junit format", () => {
  it("names a failure 'breaks the contract' when no error is shown, and escapes CR, tab and markup in attributes", () => {
    const text = report(junitReporter, (reporter) => {
      reporter.payload(file, { valid: false, issues: [warning], truncated: true });
      reporter.payload(file, { valid: false, issues: [{ ...error, message: 'a\r\tb<&>"' }, error], truncated: false });
      reporter.endFile(file, { passed: 0, failed: 2 });
      reporter.end({ passed: 0, failed: 2, skipped: 0, warnings: 1 });
    });
    const testcase = '    <testcase classname="matrix-sync-contract.SyncResponse" name="dir/a,b:c.json" file="dir/a,b:c.json">';
    expect(text.split("\n")).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="matrix-sync-contract validate">',
      '  <testsuite name="dir/a,b:c.json" tests="2" failures="2" errors="0" skipped="0">',
      testcase,
      '      <failure message="breaks the contract" type="contract">dir/a,b:c.json:2:5: warning /rooms: odd (unknown-key)',
      `${TRUNCATED}</failure>`,
      "    </testcase>",
      testcase,
      '      <failure message="/next_batch: a&#13;&#9;b&lt;&amp;&gt;&quot; (and 1 more)" type="schema:type">' +
        'dir/a,b:c.json:3:17: error /next_batch: a\r\tb&lt;&amp;&gt;" (schema:type)',
      "dir/a,b:c.json:3:17: error /next_batch: must be string\r",
      "50% (schema:type)</failure>",
      "    </testcase>",
      "  </testsuite>",
      "</testsuites>",
      "",
    ]);
  });

  it("a passing payload: self-closed, or its warnings in system-out; one error has no count of more; unreadable and skipped inputs", () => {
    const clean: InputUnit = { index: 0, path: "c.json", display: "c.json", format: "json" };
    const named: InputUnit = { index: 1, path: "b.json", display: "b\u0001.json", format: "json" };
    const text = report(junitReporter, (reporter) => {
      reporter.payload(clean, { valid: true, issues: [], truncated: false });
      reporter.payload(clean, { valid: true, issues: [{ ...warning, message: "odd\nkey" }], truncated: false });
      reporter.endFile(clean, { passed: 2, failed: 0 });
      reporter.payload(named, { valid: false, issues: [{ ...error, message: "bad\u0002" }], truncated: false });
      reporter.endFile(named, { passed: 0, failed: 1 });
      reporter.endFile(clean, { passed: 0, failed: 0, skipped: { reason: "no such file", error: true } });
      reporter.endFile(named, { passed: 0, failed: 0, skipped: { reason: "a pipe", error: false } });
      reporter.end({ passed: 2, failed: 1, skipped: 2, warnings: 1 });
    });
    const testcase = (name: string) => `    <testcase classname="matrix-sync-contract.SyncResponse" name="${name}" file="${name}">`;
    expect(text.split("\n").slice(2)).toEqual([
      '  <testsuite name="c.json" tests="2" failures="0" errors="0" skipped="0">',
      '    <testcase classname="matrix-sync-contract.SyncResponse" name="c.json" file="c.json"/>',
      testcase("c.json"),
      "      <system-out>c.json:2:5: warning /rooms: odd",
      "key (unknown-key)</system-out>",
      "    </testcase>",
      "  </testsuite>",
      '  <testsuite name="b\\x01.json" tests="1" failures="1" errors="0" skipped="0">',
      testcase("b\\x01.json"),
      '      <failure message="/next_batch: bad\\u0002" type="schema:type">b\\x01.json:3:17: error /next_batch: bad\\u0002 (schema:type)</failure>',
      "    </testcase>",
      "  </testsuite>",
      '  <testsuite name="c.json" tests="1" failures="0" errors="1" skipped="0">',
      testcase("c.json"),
      '      <error message="cannot read: no such file" type="unreadable"/>',
      "    </testcase>",
      "  </testsuite>",
      '  <testsuite name="b\\x01.json" tests="1" failures="0" errors="0" skipped="1">',
      testcase("b\\x01.json"),
      '      <skipped message="a pipe"/>',
      "    </testcase>",
      "  </testsuite>",
      "</testsuites>",
      "",
    ]);
  });

  const suites = (lines: number) =>
    report(junitReporter, (reporter) => {
      for (let line = 1; line <= lines; line++) reporter.payload(ndjson, { line, valid: true, issues: [], truncated: false });
      reporter.endFile(ndjson, { passed: lines, failed: 0 });
      reporter.end({ passed: lines, failed: 0, skipped: 0, warnings: 0 });
    })
      .split("\n")
      .filter((line) => line.startsWith("  <testsuite "));

  it("an NDJSON file of exactly 10,000 lines is one suite, with no empty suite after it", () => {
    expect(suites(10_000)).toEqual(['  <testsuite name="a.ndjson (lines 1–10000)" tests="10000" failures="0" errors="0" skipped="0">']);
  });

  it("one line more starts a second suite, named by its range", () => {
    expect(suites(10_001)).toEqual([
      '  <testsuite name="a.ndjson (lines 1–10000)" tests="10000" failures="0" errors="0" skipped="0">',
      '  <testsuite name="a.ndjson (lines 10001–10001)" tests="1" failures="0" errors="0" skipped="0">',
    ]);
  });
});
