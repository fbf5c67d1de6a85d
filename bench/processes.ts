/** Commands run in fresh processes, timed from outside, their failures reported with what they said. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Candidate } from "./measure.js";
import { repoRoot } from "./payloads.js";

export interface Command {
  program: string;
  args: readonly string[];
  cwd?: string;
  /** The exit status that means the command did its job (0 unless told). */
  status?: number;
}

/** How the command reads in a report: as one would type it, paths relative to the repository. */
export function displayCommand({ program, args }: Command): string {
  const shown = (word: string) => {
    const relative = word.startsWith(`${repoRoot}/`) ? word.slice(repoRoot.length + 1) : word;
    return relative === "" || /[\s*"']/.test(relative) ? `'${relative}'` : relative;
  };
  const name = program === process.execPath ? "node" : program;
  return [name, ...args].map(shown).join(" ");
}

/** Runs the command to completion; throws, with its stderr, when it exits with another status. */
export function runCommand(command: Command, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command.program, command.args, {
    cwd: command.cwd ?? repoRoot,
    env,
    // What the command prints is part of its cost; where it goes (nowhere) is not.
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== (command.status ?? 0)) {
    throw new Error(`\`${displayCommand(command)}\` exited with ${result.status ?? result.signal}:\n${result.stderr.slice(0, 2000)}`);
  }
}

export const commandCandidate = (name: string, command: Command): Candidate => ({ name, run: () => runCommand(command) });

/** The peak resident set size of a Node command, in bytes, read by bench/peak-rss.mjs inside it. */
export function peakRss(command: Command): number {
  if (command.program !== process.execPath) throw new Error("peak RSS is read inside Node processes only");
  const dir = mkdtempSync(join(tmpdir(), "bench-rss-"));
  try {
    const file = join(dir, "peak-rss");
    const preload = join(repoRoot, "bench", "peak-rss.mjs");
    runCommand({ ...command, args: ["--import", preload, ...command.args] }, { ...process.env, BENCH_PEAK_RSS_FILE: file });
    return Number(readFileSync(file, "utf8")) * 1024;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
