/**
 * The real `matrix-sync-contract` command, run from source (under tsx) as a child process, and
 * throwaway fixture trees for it to validate.
 */
import { spawn, spawnSync } from "node:child_process";
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
  /** Environment variables for the command, beside the test's own less the colour settings. */
  env?: Record<string, string>;
}

/** The test's environment without FORCE_COLOR and NO_COLOR, so that reports are plain text unless a test asks. */
function commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ["FORCE_COLOR", "NO_COLOR"]) if (!Object.hasOwn(extra, name)) delete env[name];
  return env;
}

export function runCli(args: readonly string[], { cwd, stdin = "", nodeOptions = [], env }: CliOptions): CommandResult {
  const result = spawnSync(process.execPath, [...nodeOptions, "--import", tsxLoader, cliEntry, ...args], {
    cwd,
    env: commandEnv(env),
    input: stdin,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  // The command may stop reading standard input early (a document beyond --max-input-size): no failure of the run.
  if (result.error && (result.error as NodeJS.ErrnoException).code !== "EPIPE") throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ReaderGoneOptions {
  cwd: string;
  /** Told what the command wrote so far: true closes the stream, as `| head` does once it has read enough. */
  closeWhen: (written: string) => boolean;
  /** The stream whose reader stops early: standard output unless told. */
  stream?: "stdout" | "stderr";
  /** When given, written to standard input over and over until the command exits. */
  feed?: string;
}

/** Runs the command as `runCli` does, with a reader of its standard output that stops early. */
export function runCliReaderGone(
  args: readonly string[],
  { cwd, closeWhen, stream = "stdout", feed }: ReaderGoneOptions,
): Promise<CommandResult> {
  const child = spawn(process.execPath, ["--import", tsxLoader, cliEntry, ...args], { cwd, env: commandEnv() });
  const written = { stdout: "", stderr: "" };
  let exited = false;
  for (const name of ["stdout", "stderr"] as const) {
    child[name].setEncoding("utf8").on("data", (chunk: string) => {
      written[name] += chunk;
      if (name === stream && closeWhen(written[name])) child[name].destroy();
    });
  }
  // The command stops reading once it stops: what is still being written then fails, as it should.
  child.stdin.on("error", () => {});
  if (feed === undefined) child.stdin.end();
  else {
    const pump = () => {
      while (!exited && child.stdin.write(feed));
    };
    child.stdin.on("drain", pump);
    pump();
  }
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", () => {
      exited = true;
      child.stdin.destroy();
    });
    child.on("close", (status) => resolve({ status, ...written }));
  });
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
