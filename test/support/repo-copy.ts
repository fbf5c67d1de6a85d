/**
 * A throwaway copy of the repository (spec, scripts, src, generated, config; node_modules linked),
 * for tests that edit the spec and regenerate without touching the real tree.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../..");

const COPIED = ["spec", "scripts", "lib", "src", "generated", "package.json", "tsconfig.json"];

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RepoCopy {
  root: string;
  read(path: string): string;
  write(path: string, text: string): void;
  /** Replaces the one occurrence of `search` in the file; fails the test when it is not there exactly once. */
  edit(path: string, search: string, replacement: string): void;
  /** Runs `npm run generate` (with `args` after `--`) in the copy. */
  generate(...args: string[]): CommandResult;
  /** Every file under `dir` with its text, for byte-for-byte comparisons. */
  snapshot(dir: string): Map<string, string>;
  remove(): void;
}

export function copyRepo(): RepoCopy {
  const root = mkdtempSync(join(tmpdir(), "matrix-sync-contract-"));
  for (const entry of COPIED) cpSync(join(repoRoot, entry), join(root, entry), { recursive: true });
  symlinkSync(join(repoRoot, "node_modules"), join(root, "node_modules"), "dir");
  const file = (path: string) => join(root, path);
  return {
    root,
    read: (path) => readFileSync(file(path), "utf8"),
    write: (path, text) => writeFileSync(file(path), text),
    edit(path, search, replacement) {
      const text = readFileSync(file(path), "utf8");
      const count = text.split(search).length - 1;
      if (count !== 1) throw new Error(`${path}: expected one occurrence of ${JSON.stringify(search)}, found ${count}`);
      writeFileSync(
        file(path),
        text.replace(search, () => replacement),
      );
    },
    generate: (...args) => {
      const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/generate/index.ts", ...args], {
        cwd: root,
        encoding: "utf8",
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    snapshot(dir) {
      const entries = readdirSync(file(dir), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      return new Map(
        entries.map((entry) => [join(entry.parentPath, entry.name), readFileSync(join(entry.parentPath, entry.name), "utf8")]),
      );
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
