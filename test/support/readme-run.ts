/**
 * Runs a documentation block as written, in a child process of its own: the block (with its readme-test
 * prelude, whose declarations vanish when compiled) is bundled by esbuild behind
 * readme-runtime.ts, which supplies what the block leaves to its reader, and the package's import
 * paths resolve to this repository's sources.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { build, type Plugin } from "esbuild";
import type { ReadmeBlock } from "./readme-blocks.js";
import { blockFile, blockId, resolvePackagePath } from "./readme-compile.js";
import type { Report, World } from "./readme-runtime.js";
import { repoRoot } from "./repo-copy.js";

const RUNTIME = join(import.meta.dirname, "readme-runtime.ts");
const BLOCK = "readme-block";

/** Serves the block from memory and maps `matrix-sync-contract` and its subpaths onto the sources. */
function readmePlugin(block: ReadmeBlock): Plugin {
  const file = blockFile(block);
  return {
    name: "readme",
    setup(bundler) {
      bundler.onResolve({ filter: new RegExp(`^${BLOCK}$`) }, () => ({ path: file.path, namespace: BLOCK }));
      bundler.onLoad({ filter: /.*/, namespace: BLOCK }, () => ({
        contents: file.text,
        loader: file.path.endsWith(".ts") ? "ts" : "js",
        resolveDir: repoRoot,
      }));
      bundler.onResolve({ filter: /^matrix-sync-contract(\/|$)/ }, ({ path }) => {
        const target = resolvePackagePath(path);
        return target ? { path: target } : { errors: [{ text: `the package has no import path ${path}` }] };
      });
    },
  };
}

/** The block and the runtime as one ES module for Node, every dependency inside. */
async function bundle(block: ReadmeBlock): Promise<string> {
  const result = await build({
    stdin: { contents: `import ${JSON.stringify(RUNTIME)};\nimport "${BLOCK}";\n`, resolveDir: repoRoot, loader: "js" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
    plugins: [readmePlugin(block)],
    // package.json says that only the vitest entry has side effects, which would drop the runtime.
    ignoreAnnotations: true,
    // CommonJS dependencies bundled into an ES module still call require() for Node's built-in modules.
    banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  });
  return result.outputFiles[0]!.text;
}

export interface RunningBlock {
  /** Resolves with the port of the first server the block starts (on 127.0.0.1); rejects if it exits first. */
  listening: Promise<number>;
  /** Each request the block made through `fetch`, with the status it got, in order. */
  fetched: { url: string; status: number }[];
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  alive(): boolean;
  /** Ends the process, if it still runs, and waits for it. */
  stop(): Promise<void>;
}

/** Bundles `block` and starts it in a child process with `world`. */
export async function startBlock(block: ReadmeBlock, world: World): Promise<RunningBlock> {
  const dir = mkdtempSync(join(tmpdir(), "matrix-sync-contract-readme-"));
  const script = join(dir, `${basename(block.file)}-line-${block.line}.mjs`);
  writeFileSync(script, await bundle(block));
  const child: ChildProcess = fork(script, [], {
    cwd: dir,
    execArgv: [],
    env: { ...process.env, README_TEST_WORLD: JSON.stringify(world) },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
  void exited.then(() => rmSync(dir, { recursive: true, force: true }));
  const fetched: { url: string; status: number }[] = [];
  const listening = new Promise<number>((resolve, reject) => {
    child.on("message", (message: Report) => {
      if ("listening" in message) resolve(message.listening);
      else fetched.push({ url: message.fetched, status: message.status });
    });
    void exited.then((code) => reject(new Error(`${blockId(block)}: exited with ${code} before listening:\n${stderr}`)));
  });
  listening.catch(() => {}); // a block that starts no server is not waited for
  return {
    listening,
    fetched,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}
