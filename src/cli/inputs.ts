/**
 * From the command's path arguments to the inputs to check, in report order: files as given,
 * directories searched recursively for fixtures, glob patterns expanded, `-` for standard input.
 */
import { isUtf8 } from "node:buffer";
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { describeFsError, isFsError, isSymbolicLink } from "./fs-errors.js";
import { fsPath, type FileFormat, type InputUnit, type Skip } from "./protocol.js";
import { displayBytes } from "./text.js";

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

/**
 * A path while a directory is searched: text while every name on it is UTF-8, its bytes from the first
 * name that is not, so that such a file is opened by what its name is rather than by U+FFFD.
 */
type SearchPath = string | Buffer;

/** Matches names in bytes too: the extensions are ASCII, and latin1 reads each byte as one character. */
const nameText = (path: SearchPath) => (typeof path === "string" ? path : path.toString("latin1"));

// `index` is set once the unit has its place among all inputs.
function file(path: SearchPath, skipped?: Skip): InputUnit {
  const name = nameText(path);
  const format: FileFormat = name.endsWith(".json") || !NDJSON.test(name) ? "json" : "ndjson";
  const unit: InputUnit = { index: 0, path, display: typeof path === "string" ? path : displayBytes(path), format };
  if (skipped !== undefined) unit.skipped = skipped;
  return unit;
}

const unreadable = (path: SearchPath, error: unknown): InputUnit => file(path, { reason: describeFsError(error, path), error: true });

/** What a directory entry is, when it is neither a file, a directory nor a link: reading it could block or never end. */
function kind(entry: Dirent<Buffer> | Stats): string {
  if (entry.isFIFO()) return "a named pipe (FIFO)";
  if (entry.isSocket()) return "a socket";
  return "a device";
}

/** A pipe, device or socket named like a fixture: noted, never opened, since no writer may ever come. */
const notRead = (path: SearchPath, entry: Dirent<Buffer> | Stats): InputUnit =>
  file(path, { reason: `${kind(entry)}, not a regular file: not read when found in a directory (name it to read it)`, error: false });

// Joined as written, not normalised: reports name files the way the user named the directory.
const prefixOf = (dir: SearchPath): SearchPath =>
  dir === "." ? "" : nameText(dir).endsWith("/") ? dir : typeof dir === "string" ? `${dir}/` : Buffer.concat([dir, SLASH]);

function joinName(dir: SearchPath, name: Buffer): SearchPath {
  const prefix = prefixOf(dir);
  return typeof prefix === "string" && isUtf8(name) ? prefix + name.toString("utf8") : Buffer.concat([Buffer.from(prefix), name]);
}

const SLASH = Buffer.from("/");
const DOT = 0x2e;
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What one directory holds: fixtures, and subdirectories to search, in name order. */
function searchEntries(dir: SearchPath, entries: Dirent<Buffer>[], found: InputUnit[], subdirectories: SearchPath[]): void {
  for (const entry of entries) {
    const name = entry.name;
    if (name[0] === DOT) continue;
    const path = joinName(dir, name);
    const fixture = isFixtureName(nameText(name));
    if (entry.isFile()) {
      if (fixture) found.push(file(path));
    } else if (entry.isDirectory()) {
      if (nameText(name) !== SKIPPED_DIRECTORY) subdirectories.push(path);
    } else if (entry.isSymbolicLink()) {
      let target: Stats;
      try {
        target = statSync(path);
      } catch (error) {
        // A broken link named like a fixture is a fixture that cannot be read.
        if (fixture) found.push(unreadable(path, error));
        continue;
      }
      if (target.isDirectory()) subdirectories.push(path);
      else if (fixture) found.push(target.isFile() ? file(path) : notRead(path, target));
    } else if (fixture) {
      found.push(notRead(path, entry));
    }
  }
}

/**
 * The fixtures under `root`: each directory's files by name, then its subdirectories in turn.
 * Symbolic links are followed, but each real directory is entered once, so a link back to a parent
 * ends instead of looping.
 */
function searchDirectory(root: string, problems: string[], progress: (found: number) => void): InputUnit[] {
  const found: InputUnit[] = [];
  const problemsBefore = problems.length;
  const entered = new Set<string>();
  const pending: SearchPath[] = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      const real = realpathSync(dir, { encoding: "buffer" }).toString("latin1");
      if (entered.has(real)) continue;
      entered.add(real);
      // Sorted, so the order, and which of two routes to one real directory counts, never depends on the file system.
      entries = readdirSync(dir, { withFileTypes: true, encoding: "buffer" }).sort((a, b) => Buffer.compare(a.name, b.name));
    } catch (error) {
      const shown = typeof dir === "string" ? dir : displayBytes(dir);
      problems.push(`${shown}: cannot search this directory: ${describeFsError(error, dir)}`);
      continue;
    }
    // At most this many more fixtures: enough to tell a large run from a small one early.
    progress(found.length + entries.length);
    const subdirectories: SearchPath[] = [];
    searchEntries(dir, entries, found, subdirectories);
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
    return [unreadable(arg, error)];
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
        const key =
          unit.format === "stdin"
            ? "-"
            : typeof unit.path === "string"
              ? resolve(unit.path)
              : `\0${resolve(fsPath(unit.path).toString("latin1"))}`;
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

/** The i-th of n shards (1-based) of a run's inputs. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The inputs of one shard, in report order and numbered afresh. The inputs are sorted by the bytes of
 * their paths, which every CI job sees alike, and dealt out in turn: shard i takes the i-th, the
 * (i+n)-th, and so on. Dealing by position rather than by a hash of the path keeps the shards within
 * one file of each other in size, however few the files; a directory of large fixtures, sorted
 * together, is spread over the shards rather than landing in one.
 */
export function shardOf(units: readonly InputUnit[], { index, count }: Shard): InputUnit[] {
  const sorted = units.map((unit) => ({ unit, key: Buffer.from(unit.path) })).sort((a, b) => Buffer.compare(a.key, b.key));
  const chosen = new Set(sorted.filter((_, position) => position % count === index - 1).map(({ unit }) => unit));
  return units.filter((unit) => chosen.has(unit)).map((unit, position) => ({ ...unit, index: position }));
}
