/**
 * The real `matrix-sync-contract` command, run from source (under tsx) as a child process, and
 * throwaway fixture trees for it to validate.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot, type CommandResult } from "./repo-copy.js";

const cliEntry = join(repoRoot, "src/cli.ts");
// By absolute URL, so the command can run with any working directory.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface CliOptions {
  cwd: string;
  /** What standard input holds; by default it is empty. */
  stdin?: string | Buffer;
  /** Extra options for node itself, such as a heap limit. */
  nodeOptions?: string[];
}

export function runCli(args: readonly string[], { cwd, stdin = "", nodeOptions = [] }: CliOptions): CommandResult {
  const result = spawnSync(process.execPath, [...nodeOptions, "--import", tsxLoader, cliEntry, ...args], {
    cwd,
    input: stdin,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A file's content, or a symbolic link to `target` (which need not exist). */
export type Entry = string | Buffer | { symlink: string };

export interface FixtureTree {
  root: string;
  path(relative: string): string;
  remove(): void;
}

/** Writes `entries` (paths relative to a new temporary folder) and answers the folder. */
export function fixtureTree(entries: Record<string, Entry>): FixtureTree {
  const root = mkdtempSync(join(tmpdir(), "matrix-sync-contract-cli-"));
  for (const [relative, entry] of Object.entries(entries)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof entry === "object" && !Buffer.isBuffer(entry)) symlinkSync(entry.symlink, path);
    else writeFileSync(path, entry);
  }
  return { root, path: (relative) => join(root, relative), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The text at a 1-based line and column, to show that a reported position is where the value is. */
export function textAt(text: string, line: number, column: number): string {
  const lines = text.split("\n");
  return (lines[line - 1] ?? "").slice(column - 1);
}
