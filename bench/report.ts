/** What a benchmark reports, and how it reads in markdown: one table per benchmark, ratios beside times. */
import type { Timing } from "./measure.js";

export interface Target {
  /** What is promised, in words, e.g. "validateSyncResponse ≤ 0.12× JSON.parse (26 MB)". */
  target: string;
  /** The figure it is judged by, as printed. */
  measured: string;
  met: boolean;
}

export interface Section {
  title: string;
  /** Markdown paragraphs: what was run, exactly, and how to read it. */
  notes: string[];
  tables: string[];
  targets: Target[];
}

export function formatMs(ms: number): string {
  if (ms < 0.01) return `${(ms * 1000).toFixed(2)} µs`;
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  if (ms < 10_000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export const formatRatio = (ratio: number) => `${ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)}×`;

export const formatBytes = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

/** The interquartile range as a share of the median: how far apart the rounds were. */
export const formatSpread = (timing: Timing) => `±${((50 * (timing.p75 - timing.p25)) / timing.median).toFixed(0)}%`;

export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

export interface ExtraColumn {
  header: string;
  cell: (timing: Timing, index: number) => string;
}

/** The standard table: each candidate's median, spread and ratio to the first (the baseline). */
export function timingTable(timings: readonly Timing[], extraColumns: readonly ExtraColumn[] = []): string {
  const rows = timings.map((timing, i) => [
    i === 0 ? `${timing.name} (baseline)` : timing.name,
    formatMs(timing.median),
    formatSpread(timing),
    i === 0 ? "1×" : formatRatio(timing.ratio),
    ...extraColumns.map((column) => column.cell(timing, i)),
  ]);
  return markdownTable(["candidate", "median", "spread (IQR)", "ratio to baseline", ...extraColumns.map((column) => column.header)], rows);
}

export function byName(timings: readonly Timing[], name: string): Timing {
  const found = timings.find((timing) => timing.name === name);
  if (!found) throw new Error(`no timing named ${name}`);
  return found;
}
