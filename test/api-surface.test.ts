/**
 * The public API is what README.md's "API by entry point" table says it is, name for name: every
 * runtime export of each entry point has its row entry, and every name in a row is exported. A new
 * export, a removed one or a new entry point fails here until the README says so.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { schemaNames } from "../generated/contract.js";
import { repoRoot } from "./support/repo-copy.js";

const PACKAGE = "matrix-sync-contract";
const SECTION = "### API by entry point";

/** The rows of the README's table: entry point → the names it lists, `<Name>` still unexpanded. */
function documentedApi(): Map<string, string[]> {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8").split("\n");
  const start = readme.indexOf(SECTION);
  if (start === -1) throw new Error(`README.md has no "${SECTION}" section`);
  const end = readme.findIndex((line, i) => i > start && line.startsWith("#"));
  const rows = new Map<string, string[]>();
  for (const line of readme.slice(start + 1, end === -1 ? undefined : end)) {
    const cells = line.split("|").map((cell) => cell.trim());
    // A table row is `| `entry` | `name`, `name`, … |`; the header and the separator hold no backticks.
    if (!line.startsWith("|") || !cells[1]?.startsWith("`")) continue;
    const names = [...cells[2]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    rows.set(cells[1].slice(1, -1), names);
  }
  return rows;
}

/** `validate<Name>` as one name per named schema; any other name as itself. */
const expand = (name: string): string[] => (name.includes("<Name>") ? schemaNames.map((schema) => name.replace("<Name>", schema)) : [name]);

/** The package's code entry points (not its JSON files), each with the source its ES module is built from. */
function entryPoints(): [string, string][] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    exports: Record<string, string | { import: { default: string } }>;
  };
  return Object.entries(manifest.exports).flatMap(([subpath, target]) => {
    if (typeof target === "string") return [];
    const entry = subpath === "." ? PACKAGE : `${PACKAGE}/${subpath.slice(2)}`;
    return [[entry, target.import.default.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts")]];
  });
}

describe("the API by entry point", () => {
  const documented = documentedApi();

  it("has a README row for each code entry point of package.json, and no other", () => {
    expect([...documented.keys()].sort()).toEqual(
      entryPoints()
        .map(([entry]) => entry)
        .sort(),
    );
  });

  it("lists each name only once", () => {
    for (const [entry, names] of documented) expect(names, entry).toEqual([...new Set(names)]);
  });

  it.each(entryPoints())("%s exports exactly the names its README row gives (from %s)", async (entry, source) => {
    // The vitest entry registers its matchers on import, which is harmless inside vitest.
    const module = (await import(pathToFileURL(join(repoRoot, source)).href)) as Record<string, unknown>;
    const expected = (documented.get(entry) ?? []).flatMap(expand).sort();
    expect(Object.keys(module).sort()).toEqual(expected);
  });
});
