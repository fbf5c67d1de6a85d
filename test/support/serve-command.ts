/**
 * `mock` and `proxy` run as the real command (from source, under tsx) in a child process: started,
 * read line by line, signalled, and awaited with everything it printed.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./repo-copy.js";

const cliEntry = join(repoRoot, "src/cli.ts");
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface ServingCommand {
  /** `http://127.0.0.1:PORT`, from the first line. */
  origin: string;
  /** Standard output so far. */
  stdout(): string;
  /** Sends the signal and waits for the exit. */
  stop(signal: NodeJS.Signals): Promise<{ status: number | null; stdout: string; stderr: string }>;
  /** Resolves once standard output holds `count` lines. */
  lines(count: number): Promise<string[]>;
  /** Closes the reading end of standard output, as `| head -1` does once it has its line. */
  closeStdout(): void;
}

/** Starts the command (in `cwd`, where it looks for a config) and waits for its `listening on` line; rejects with what it printed if it exits first. */
export function startCommand(args: readonly string[], cwd = repoRoot): Promise<ServingCommand> {
  const child = spawn(process.execPath, ["--import", tsxLoader, cliEntry, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiting: (() => void)[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const check of waiting.splice(0)) check();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const lines = (count: number) =>
    new Promise<string[]>((resolve, reject) => {
      const check = () => {
        const all = stdout.split("\n").slice(0, -1);
        if (all.length >= count) resolve(all);
        else if (child.exitCode !== null) reject(new Error(`the command exited with ${child.exitCode}:\n${stdout}${stderr}`));
        else waiting.push(check);
      };
      check();
      void exited.then(() => waiting.length > 0 && waiting.splice(0).forEach((next) => next()));
    });
  return lines(1).then(([first]) => {
    const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first!);
    if (match === null) throw new Error(`unexpected first line: ${first}`);
    return {
      origin: match[1]!,
      stdout: () => stdout,
      lines,
      closeStdout: () => child.stdout.destroy(),
      async stop(signal) {
        child.kill(signal);
        return { status: await exited, stdout, stderr };
      },
    };
  });
}
