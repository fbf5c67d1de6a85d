/**
 * From the command's path arguments to the inputs to check, in report order: files as given,
 * directories searched recursively for fixtures, glob patterns expanded, `-` for standard input.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { describeFsError, isFsError, isSymbolicLink } from "./fs-errors.js";
import type { FileFormat, InputUnit } from "./protocol.js";

export const FIXTURE_EXTENSIONS = [".json", ".ndjson", ".jsonl"];
const FIXTURE = /\.(?:json|ndjson|jsonl)$/i;
const NDJSON = /\.(?:ndjson|jsonl)$/i;
const isFixtureName = (name: string): boolean => FIXTURE.test(name);
// Directories a search never enters: installed packages and hidden folders (`.git`) hold no fixtures.
const SKIPPED_DIRECTORY = "node_modules";

export interface Discovery {
  units: InputUnit[];
  /** Arguments that matched nothing, or directories that could not be searched: usage errors. */
  problems: string[];
}

// `index` is set once the unit has its place among all inputs.
function file(path: string, problem?: string): InputUnit {
  const format: FileFormat = path.endsWith(".json") || !NDJSON.test(path) ? "json" : "ndjson";
  const unit: InputUnit = { index: 0, path, display: path, format };
  if (problem !== undefined) unit.problem = problem;
  return unit;
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The fixtures under `root`: each directory's files by name, then its subdirectories in turn.
 * Symbolic links are followed, but each real directory is entered once, so a link back to a parent
 * ends instead of looping.
 */
function searchDirectory(root: string, problems: string[], progress: (found: number) => void): InputUnit[] {
  const found: InputUnit[] = [];
  const problemsBefore = problems.length;
  const entered = new Set<string>();
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      const real = realpathSync(dir);
      if (entered.has(real)) continue;
      entered.add(real);
      // Sorted, so the order, and which of two routes to one real directory counts, never depends on the file system.
      entries = readdirSync(dir, { withFileTypes: true }).sort(byName);
    } catch (error) {
      problems.push(`${dir}: cannot search this directory: ${describeFsError(error, dir)}`);
      continue;
    }
    // At most this many more fixtures: enough to tell a large run from a small one early.
    progress(found.length + entries.length);
    // Joined as written, not normalised: reports name files the way the user named the directory.
    const prefix = dir === "." ? "" : dir.endsWith("/") ? dir : `${dir}/`;
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith(".")) continue;
      if (entry.isFile()) {
        if (isFixtureName(name)) found.push(file(prefix + name));
      } else if (entry.isDirectory()) {
        if (name !== SKIPPED_DIRECTORY) subdirectories.push(prefix + name);
      } else if (entry.isSymbolicLink()) {
        const path = prefix + name;
        try {
          const target = statSync(path);
          if (target.isDirectory()) subdirectories.push(path);
          else if (target.isFile() && isFixtureName(name)) found.push(file(path));
        } catch (error) {
          // A broken link named like a fixture is a fixture that cannot be read.
          if (isFixtureName(name)) found.push(file(path, describeFsError(error, path)));
        }
      }
    }
    // Last pushed, first searched: in name order.
    for (let i = subdirectories.length - 1; i >= 0; i--) pending.push(subdirectories[i]!);
  }
  if (found.length === 0 && problems.length === problemsBefore)
    problems.push(`${root}: no ${FIXTURE_EXTENSIONS.map((ext) => `*${ext}`).join(", ")} files in this directory`);
  return found;
}

function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    // Reading it will say what is wrong.
    return resolve(path);
  }
}

async function expandPattern(pattern: string, problems: string[]): Promise<InputUnit[]> {
  // Loaded only for a pattern: most runs name files and directories.
  const { glob } = await import("tinyglobby");
  const paths = await glob(pattern, { absolute: isAbsolute(pattern), expandDirectories: false, ignore: [`**/${SKIPPED_DIRECTORY}/**`] });
  if (paths.length === 0) problems.push(`${pattern}: no files match this pattern`);
  // Through a link back to a parent folder, a pattern meets the same files again: each real file
  // is kept once, by the path that involves no link where there is one.
  const byRealPath = new Map<string, string>();
  for (const path of paths) {
    const real = realPath(path);
    const kept = byRealPath.get(real);
    if (kept === undefined || (resolve(path) === real && resolve(kept) !== real)) byRealPath.set(real, path);
  }
  return [...byRealPath.values()].sort(byPath).map((path) => file(path));
}

async function resolveArgument(arg: string, problems: string[], progress: (found: number) => void): Promise<InputUnit[]> {
  if (arg === "-") return [{ index: 0, path: "-", display: "<stdin>", format: "stdin" }];
  try {
    return statSync(arg).isDirectory() ? searchDirectory(arg, problems, progress) : [file(arg)];
  } catch (error) {
    if (isFsError(error) && error.code === "ENOENT" && !isSymbolicLink(arg)) {
      const { isDynamicPattern } = await import("tinyglobby");
      if (isDynamicPattern(arg)) return expandPattern(arg, problems);
    }
    return [file(arg, describeFsError(error, arg))];
  }
}

/**
 * The inputs the arguments name, each once, in the order given. `progress` hears, as the search goes
 * on, about how many files it has found so far.
 */
export async function discoverInputs(args: readonly string[], progress: (found: number) => void = () => {}): Promise<Discovery> {
  const problems: string[] = [];
  const units: InputUnit[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const before = units.length;
    for (const unit of await resolveArgument(arg, problems, (found) => progress(before + found))) {
      // One argument never names a file twice; only overlapping arguments need the comparison.
      if (args.length > 1) {
        const key = unit.format === "stdin" ? "-" : resolve(unit.path);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      unit.index = units.length;
      units.push(unit);
    }
    progress(units.length);
  }
  return { units, problems };
}
