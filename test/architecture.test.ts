/**
 * The direction of dependencies: spec → scripts → generated → src (core) → the command, the
 * matchers, the arbitraries, with lib/ (JSON text, pointers, schema walking) below both the build
 * and the runtime. Every relative import in the tree is read and its layer checked, so a back-edge
 * fails here rather than in a generated file after the next regeneration.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/repo-copy.js";

type Layer = "lib" | "scripts" | "generated" | "core" | "testing" | "cli" | "vitest" | "mock" | "client" | "proxy";

/** What each layer may import, besides itself and npm packages. */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  lib: [],
  scripts: ["lib"],
  generated: ["lib"],
  core: ["lib", "generated"],
  testing: ["lib", "generated", "core"],
  cli: ["lib", "generated", "core", "mock", "proxy"],
  vitest: ["lib", "generated", "core"],
  // The mock draws its payloads from the arbitraries; the client and the proxy use the core only.
  mock: ["lib", "generated", "core", "testing"],
  client: ["lib", "generated", "core"],
  proxy: ["lib", "generated", "core"],
};

function layerOf(path: string): Layer | undefined {
  if (path.startsWith("lib/")) return "lib";
  if (path.startsWith("scripts/")) return "scripts";
  if (path.startsWith("generated/")) return "generated";
  if (path.startsWith("src/testing/")) return "testing";
  if (path === "src/cli.ts" || path.startsWith("src/cli/")) return "cli";
  if (path === "src/vitest.ts") return "vitest";
  for (const layer of ["mock", "client", "proxy"] as const) if (path.startsWith(`src/${layer}/`)) return layer;
  if (path.startsWith("src/")) return "core";
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)).split("\\").join("/"));
}

/** Every module specifier a file names: static imports and re-exports, `import()` and `import("…")` types. */
export function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(["'])([^"'\n]+)\1/gm)) found.push(match[2]!);
  return found;
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  return relative(repoRoot, resolve(repoRoot, dirname(from), specifier))
    .split("\\")
    .join("/");
}

interface Edge {
  from: string;
  to: string;
}

function edges(): Edge[] {
  return ["lib", "scripts", "generated", "src"].flatMap(sourceFiles).flatMap((from) => {
    const text = readFileSync(join(repoRoot, from), "utf8");
    return specifiers(text).flatMap((specifier) => {
      const to = resolveImport(from, specifier);
      return to === undefined ? [] : [{ from, to }];
    });
  });
}

describe("the direction of dependencies", () => {
  const all = edges();

  it("reads the imports of every layer", () => {
    const layers = new Set(all.map((edge) => layerOf(edge.from)));
    expect([...layers].sort()).toEqual(["cli", "client", "core", "generated", "lib", "mock", "proxy", "scripts", "testing", "vitest"]);
  });

  it("has no import that goes against it", () => {
    const backEdges = all
      .filter(({ from, to }) => {
        const source = layerOf(from)!;
        const target = layerOf(to);
        return target === undefined || (target !== source && !ALLOWED[source].includes(target));
      })
      .map(({ from, to }) => `${from} → ${to}`);
    expect(backEdges).toEqual([]);
  });

  it("would catch a back-edge", () => {
    expect(specifiers('import { checker } from "../src/check.js";\nexport * from "./x.js";\ntype T = import("../lib/a.js").A;')).toEqual([
      "../src/check.js",
      "./x.js",
      "../lib/a.js",
    ]);
    const edge = { from: "generated/checks.ts", to: resolveImport("generated/checks.ts", "../src/check.js")! };
    expect(edge.to).toBe("src/check.js");
    expect(ALLOWED[layerOf(edge.from)!].includes(layerOf(edge.to)!)).toBe(false);
  });
});
