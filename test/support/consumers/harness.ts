/**
 * The package as an outside project gets it: built and packed from a copy of the repository (so the
 * real dist/ is never rebuilt under other tests' feet), then installed into a folder of consumer
 * projects that share that one install.
 */
import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type OutgoingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, join } from "node:path";
import { repoRoot, type CommandResult } from "../repo-copy.js";

const PROJECTS = join(import.meta.dirname, "projects");
/** Left out of the copy: installed, built or local files, none of which the build reads. */
const NOT_COPIED = new Set(["node_modules", ".git", "dist", "coverage", ".scratch", ".cache"]);

/** The environment without what an enclosing `npm run` or vitest exports, which an inner one would take as its own. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|vitest)/i.test(name)));
}

export function run(command: string, args: string[], cwd: string): CommandResult {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like `run`, without blocking this process: for commands that talk to a server running in it. */
export function runAsync(command: string, args: string[], cwd: string): Promise<CommandResult> {
  return new Promise((done) => {
    execFile(command, args, { cwd, env: cleanEnv(), encoding: "utf8" }, (error, stdout, stderr) => {
      done({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed, and returns what it printed. */
export function mustRun(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(" ")}\` in ${cwd} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

export interface Packed {
  tarball: string;
  /** Paths inside the package, as `npm pack` lists them. */
  files: string[];
}

/** `npm run build` and `npm pack` in a copy of the repository under `dir`; the tarball lands in `dir`. */
export function buildAndPack(dir: string): Packed {
  const copy = join(dir, "repository");
  cpSync(repoRoot, copy, { recursive: true, filter: (source) => !NOT_COPIED.has(basename(source)) });
  symlinkSync(join(repoRoot, "node_modules"), join(copy, "node_modules"), "dir");
  mustRun("npm", ["run", "build"], copy);
  const [packed] = JSON.parse(mustRun("npm", ["pack", "--json", "--pack-destination", dir], copy)) as {
    filename: string;
    files: { path: string }[];
  }[];
  return { tarball: join(dir, packed!.filename), files: packed!.files.map((file) => file.path).sort() };
}

/** What the projects use beside the package: the versions this repository has, so npm's cache has them. */
const ALONGSIDE = ["openapi-fetch", "vitest", "fast-check", "hono", "@hono/standard-validator", "@standard-schema/spec", "@types/node"];

/**
 * Copies the consumer projects into `dir` and installs the tarball once for all of them, with the
 * packages in ALONGSIDE. Everything comes from npm's cache when it is there; after a bare `npm ci`
 * the cache lacks the registry metadata that an `--offline` install needs, so npm may fetch that.
 * Returns `dir/<project>` paths.
 */
export function installConsumers(dir: string, tarball: string): (project: string) => string {
  mkdirSync(dir, { recursive: true });
  cpSync(PROJECTS, dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true }, null, 2)}\n`);
  const version = (name: string) =>
    JSON.parse(readFileSync(join(repoRoot, "node_modules", name, "package.json"), "utf8")).version as string;
  const alongside = ALONGSIDE.map((name) => `${name}@${version(name)}`);
  mustRun("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock", tarball, ...alongside], dir);
  return (project) => join(dir, project);
}

export interface Served {
  url: string;
  /** The path and query of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

type Files = Record<string, { type: string; body: string | Buffer }>;

/** Serves fixed files on a loopback port, each with `headers`; any other path is a 404. */
export async function serve(files: Files, headers: OutgoingHttpHeaders = {}): Promise<Served> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    const file = files[new URL(request.url ?? "/", "http://localhost").pathname];
    if (!file) return void response.writeHead(404, headers).end();
    response.writeHead(200, { ...headers, "Content-Type": file.type }).end(file.body);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}
