/**
 * One JSON document for machines, written as results arrive so a large run never holds it whole:
 *
 *   {"schema": …, "rules": …, "strict"?: true, "files": [{"file", "payloads": [{"line"?, "valid", "truncated", "issues"}],
 *    "passed", "failed", "skipped"?}, …], "passed", "failed", "skipped", "warnings"}
 *
 * `payloads` lists the payloads with issues to show; the counts cover every payload. Names, pointers
 * and messages are exact, however long or odd.
 */
import type { Output } from "../output.js";
import type { InputUnit, PayloadResult } from "../protocol.js";
import { shownIssues, type Reporter, type ReportSettings } from "./reporter.js";

// JSON.stringify leaves DEL, the C1 controls and U+2028/U+2029 raw: written as \u escapes they read
// the same to a JSON parser and stay inert on a terminal. They can only occur inside strings.
const RAW_CONTROLS = /[\u007f-\u009f\u2028\u2029]/g;
export const jsonText = (value: unknown): string =>
  JSON.stringify(value).replace(RAW_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);

function payloadJson(result: PayloadResult, quiet: boolean): string {
  const issues = shownIssues(result, quiet).map(({ pointer, message, rule, severity, line, column }) => ({
    pointer,
    message,
    rule,
    severity,
    line,
    column,
  }));
  return jsonText({
    ...(result.line !== undefined && { line: result.line }),
    valid: result.valid,
    truncated: result.truncated,
    issues,
  });
}

export function jsonReporter(out: Output, settings: ReportSettings): Reporter {
  let files = 0;
  // The file whose entry is open, and how many payloads it lists so far.
  let open: InputUnit | undefined;
  let listed = 0;
  const openEntry = (unit: InputUnit) => {
    if (open === unit) return;
    out.write(`${files++ === 0 ? "" : ",\n"}{"file":${jsonText(unit.display)},"payloads":[`);
    open = unit;
    listed = 0;
  };

  const strict = settings.strict ? `,"strict":true` : "";
  out.write(`{"schema":${JSON.stringify(settings.schema)},"rules":${JSON.stringify(settings.rules)}${strict},"files":[\n`);
  return {
    payload(unit, result) {
      if (shownIssues(result, settings.quiet).length === 0) return;
      openEntry(unit);
      out.write(`${listed++ === 0 ? "" : ","}${payloadJson(result, settings.quiet)}`);
    },
    endFile(unit, { passed, failed, skipped }) {
      openEntry(unit);
      out.write(`],"passed":${passed},"failed":${failed}${skipped === undefined ? "" : `,"skipped":${jsonText(skipped)}`}}`);
      open = undefined;
    },
    end({ passed, failed, skipped, warnings }) {
      out.write(`\n],"passed":${passed},"failed":${failed},"skipped":${skipped},"warnings":${warnings}}\n`);
    },
  };
}
