/** What every report format is told, in input order, and what they share. */
import type { SchemaName } from "../../../generated/types.js";
import { escapeControls } from "../../../lib/display-text.js";
import type { CheckOptions } from "../../issues.js";
import type { InputUnit, LocatedIssue, PayloadResult, Skip } from "../protocol.js";

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  /** Warnings among the issues listed (at most --max-issues a payload). */
  warnings: number;
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
  rules: NonNullable<CheckOptions["rules"]>;
  strict: boolean;
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
  const { passed, failed, skipped, warnings } = totals;
  const warned = warnings > 0 ? `, ${warnings} ${warnings === 1 ? "warning" : "warnings"}` : "";
  return `${passed} passed, ${failed} failed${warned}${skipped > 0 ? `, ${skipped} skipped` : ""}`;
}

/**
 * The name of an input as the line-oriented formats and standard error show it: whole, since a person
 * needs it to open the file, with control characters escaped so that a name holding a newline or a
 * terminal escape cannot start a line of its own (a forged `::error` workflow command) or restyle the
 * terminal. The json format keeps the exact name.
 */
export const shownName = (unit: InputUnit): string => escapeControls(unit.display);
