/**
 * A bundle that imports one validator keeps that validator and nothing else: no prose rules, no
 * all-errors validators, no schemas. The package's `sideEffects` field drops unused modules, but
 * modules that share a chunk with the validator are kept whole unless each of their top-level
 * tables is marked pure; this bundles the sources as a consumer's bundler bundles dist/.
 */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/repo-copy.js";

async function keptInputs(entry: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: entry, resolveDir: repoRoot, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path)
    .sort();
}

describe("tree shaking", () => {
  it("keeps only the precompiled validators for a bundle of validateSyncResponse", async () => {
    expect(await keptInputs('export { validateSyncResponse } from "./src/index.ts";')).toEqual(["generated/validators.js"]);
  });

  it("keeps the rules for a bundle of checkSyncResponse", async () => {
    const kept = await keptInputs('export { checkSyncResponse } from "./src/index.ts";');
    expect(kept).toEqual(expect.arrayContaining(["generated/validators.js", "src/check.ts", "src/rules.ts"]));
  });
});
