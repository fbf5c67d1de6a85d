/** What every report format is told, in input order, and what they share. */
import type { SchemaName } from "../../../generated/types.js";
import { escapeControls } from "../../../lib/display-text.js";
import type { InputUnit, LocatedIssue, PayloadResult, Skip } from "../protocol.js";

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

export interface FileSummary {
  passed: number;
  failed: number;
  skipped?: Skip;
}

export interface Reporter {
  /** A payload of `unit`; for NDJSON, one call per line, before `endFile`. */
  payload(unit: InputUnit, result: PayloadResult): void;
  endFile(unit: InputUnit, summary: FileSummary): void;
  end(totals: Totals): void;
}

export interface ReportSettings {
  schema: SchemaName;
  rules: boolean;
  maxIssues: number;
  /** Failures only: no warnings, no notes about skipped inputs that are not errors. */
  quiet: boolean;
}

/** The issues a report shows for a payload: with `quiet`, only the errors of a failing one. */
export function shownIssues(result: PayloadResult, quiet: boolean): LocatedIssue[] {
  if (!quiet) return result.issues;
  return result.valid ? [] : result.issues.filter((issue) => issue.severity === "error");
}

/** The last line of the line-oriented formats. */
export function summaryLine(totals: Totals): string {
  return `${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ""}`;
}

/**
 * The name of an input as the line-oriented formats and standard error show it: whole, since a person
 * needs it to open the file, with control characters escaped so that a name holding a newline or a
 * terminal escape cannot start a line of its own (a forged `::error` workflow command) or restyle the
 * terminal. The json format keeps the exact name.
 */
export const shownName = (unit: InputUnit): string => escapeControls(unit.display);
