/**
 * SARIF 2.1.0, the static-analysis log that GitHub code scanning and other tools read: one run whose
 * driver lists every rule validate can report, and a result per issue at its file, line and column.
 * Results are written as they arrive; what the run learns besides (unreadable or skipped inputs, lists
 * cut by --max-issues) goes into its invocation at the end, as notifications. Pointers and messages are
 * shown as people read them (long tokens shortened, control characters escaped), as in every format
 * but json: alerts are read by people, and a megabyte-long room ID stays a hundred characters.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { COMMAND } from "../help.js";
import type { Output } from "../output.js";
import type { InputUnit, LocatedIssue } from "../protocol.js";
import { packageVersion } from "../version.js";
import { jsonText } from "./json.js";
import { shownIssues, shownName, type Reporter, type ReportSettings } from "./reporter.js";
import { ruleIndex, sarifRules } from "./sarif-rules.js";

const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI = `https://www.npmjs.com/package/${COMMAND}`;
/** The working directory: files under it are named relative to it, as code scanning wants them, from the repository's root. */
const ROOT = "SRCROOT";

interface ArtifactLocation {
  uri: string;
  uriBaseId?: typeof ROOT;
}

const URI_PATH_CHARACTER = /[A-Za-z0-9\-._~/]/;

/** The bytes (one latin1 character each) as a URI path: each byte that may not stand as it is written `%XX`. */
const uriPath = (bytes: string): string =>
  bytes.replace(/[^]/g, (char) =>
    URI_PATH_CHARACTER.test(char) ? char : `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );

/**
 * Where a file is, as a URI: relative to the working directory when it is under it, else absolute.
 * Paths are handled as bytes read one character each (latin1), so a name that is not UTF-8 keeps its
 * exact bytes, percent-encoded.
 */
export function artifactLocation(path: string | Uint8Array, cwd: string): ArtifactLocation {
  const base = Buffer.from(cwd).toString("latin1");
  const absolute = resolve(base, Buffer.from(path).toString("latin1"));
  const inside = relative(base, absolute);
  const slashed = (text: string) => text.split(sep).join("/");
  if (inside !== ".." && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)) return { uri: uriPath(slashed(inside)), uriBaseId: ROOT };
  const rooted = uriPath(slashed(absolute));
  return { uri: `file://${rooted.startsWith("/") ? "" : "/"}${rooted}` };
}

interface Notification {
  level: "error" | "warning" | "note";
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: ArtifactLocation } }[];
}

export function sarifReporter(out: Output, settings: ReportSettings, cwd = process.cwd()): Reporter {
  const notifications: Notification[] = [];
  let results = 0;
  let unreadable = false;
  // Payloads of the open file whose issues were cut by --max-issues: one note a file, however many lines.
  let cut = 0;
  const fileOf = (unit: InputUnit) => (unit.format === "stdin" ? undefined : artifactLocation(unit.path, cwd));
  const notify = (unit: InputUnit, level: Notification["level"], text: string) => {
    const file = fileOf(unit);
    notifications.push({
      level,
      message: { text: `${shownName(unit)}: ${text}` },
      ...(file !== undefined && { locations: [{ physicalLocation: { artifactLocation: file } }] }),
    });
  };

  const result = (unit: InputUnit, { rule, severity, pointer, message, line, column }: LocatedIssue) => {
    const file = fileOf(unit);
    // Standard input is no file: its line and column go into the message instead.
    const where = file === undefined ? `${shownName(unit)}:${line}:${column}: ` : "";
    const index = ruleIndex(rule);
    return {
      ruleId: rule,
      ...(index !== undefined && { ruleIndex: index }),
      level: severity,
      message: { text: `${where}${pointer}: ${message}` },
      locations: [
        {
          ...(file !== undefined && { physicalLocation: { artifactLocation: file, region: { startLine: line, startColumn: column } } }),
          logicalLocations: [{ fullyQualifiedName: pointer }],
        },
      ],
    };
  };

  const driver = { name: COMMAND, version: packageVersion(new URL(import.meta.url)), informationUri: INFORMATION_URI, rules: sarifRules };
  const root = pathToFileURL(cwd).href;
  const run = {
    tool: { driver },
    originalUriBaseIds: { [ROOT]: { uri: root.endsWith("/") ? root : `${root}/` } },
    columnKind: "utf16CodeUnits",
  };
  // The run's object, left open for its results.
  out.write(`{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[${jsonText(run).slice(0, -1)},"results":[\n`);
  return {
    payload(unit, payload) {
      const issues = shownIssues(payload, settings.quiet);
      for (const issue of issues) out.write(`${results++ === 0 ? "" : ",\n"}${jsonText(result(unit, issue))}`);
      if (payload.truncated && issues.length > 0) cut++;
    },
    endFile(unit, { skipped }) {
      if (cut > 0) {
        const payloads = unit.format === "ndjson" ? `${cut} ${cut === 1 ? "line has" : "lines have"}` : "it has";
        notify(unit, "note", `${payloads} more issues than --max-issues ${settings.maxIssues}; the rest are not shown`);
        cut = 0;
      }
      if (skipped?.error) unreadable = true;
      if (skipped?.error || (skipped !== undefined && !settings.quiet)) notify(unit, skipped.error ? "error" : "note", skipped.reason);
    },
    end() {
      const invocation = { executionSuccessful: !unreadable, toolExecutionNotifications: notifications };
      out.write(`\n],"invocations":[${jsonText(invocation)}]}]}\n`);
    },
  };
}
