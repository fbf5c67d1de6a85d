/**
 * The contract diff as people read it: text for a terminal, Markdown for a pull-request comment,
 * JSON for tools. Each names what the changes were compared against.
 */
import type { ContractChange } from "./diff.js";

export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

export function renderChanges(changes: readonly ContractChange[], format: Format, against: string): string {
  if (format === "json") return renderJson(changes, against);
  return format === "markdown" ? renderMarkdown(changes, against) : renderText(changes, against);
}

function counts(changes: readonly ContractChange[]) {
  return {
    changes: changes.length,
    breakingForClients: changes.filter((change) => change.breaks.clients).length,
    breakingForServers: changes.filter((change) => change.breaks.servers).length,
  };
}

/** `3 contract changes`, and `2 break clients, 1 breaks servers`. */
function tally(changes: readonly ContractChange[]): [total: string, breaking: string] {
  const { breakingForClients, breakingForServers } = counts(changes);
  const breaking = (count: number, side: string) => `${count} ${count === 1 ? "breaks" : "break"} ${side}`;
  return [
    `${changes.length} contract ${changes.length === 1 ? "change" : "changes"}`,
    `${breaking(breakingForClients, "clients")}, ${breaking(breakingForServers, "servers")}`,
  ];
}

function verdict({ breaks }: ContractChange): string {
  if (breaks.clients && breaks.servers) return "breaks clients and servers";
  if (breaks.clients) return "breaks clients";
  return breaks.servers ? "breaks servers" : "safe";
}

/** `integer → string`, `was optional string`, `optional boolean`, or nothing for a named type. */
function transition({ before, after }: ContractChange): string {
  if (before !== undefined && after !== undefined) return `${before} → ${after}`;
  if (before !== undefined) return `was ${before}`;
  return after ?? "";
}

function renderText(changes: readonly ContractChange[], against: string): string {
  const verdicts = changes.map(verdict);
  const verdictWidth = Math.max(0, ...verdicts.map((text) => text.length));
  const kindWidth = Math.max(0, ...changes.map((change) => change.kind.length));
  const lines = changes.map((change, i) => {
    const detail = transition(change);
    return `  ${verdicts[i]!.padEnd(verdictWidth)}  ${change.kind.padEnd(kindWidth)}  ${change.location}${detail ? `: ${detail}` : ""}`;
  });
  if (changes.length === 0) return `no contract changes against ${against}\n`;
  const [total, breaking] = tally(changes);
  return [`${total} against ${against}: ${breaking}`, ...lines].join("\n") + "\n";
}

/** A Markdown code span that survives backticks in the text, and pipes inside a table. */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padded = longestRun > 0 ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, "\\|")}${fence}`;
}

function renderMarkdown(changes: readonly ContractChange[], against: string): string {
  const title = `### Contract changes against ${code(against)}`;
  if (changes.length === 0) return `${title}\n\nNo contract changes.\n`;
  const cell = (text: string | undefined) => (text === undefined ? "" : code(text));
  const side = (breaks: boolean) => (breaks ? "**breaks**" : "safe");
  const rows = changes.map(
    (change) =>
      `| ${change.kind} | ${code(change.location)} | ${cell(change.before)} | ${cell(change.after)} | ${side(change.breaks.clients)} | ${side(change.breaks.servers)} |`,
  );
  const [total, breaking] = tally(changes);
  return [
    title,
    "",
    `${total}: ${breaking}.`,
    "",
    "| Change | Where | Before | After | Clients | Servers |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

function renderJson(changes: readonly ContractChange[], against: string): string {
  return `${JSON.stringify({ against, summary: counts(changes), changes }, null, 2)}\n`;
}
