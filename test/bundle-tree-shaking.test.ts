/**
 * A bundle that imports one validator keeps that validator and nothing else: no prose rules, no
 * all-errors validators, no schemas. The package's `sideEffects` field drops unused modules, but
 * the build joins modules into shared chunks, and a chunk the validator is in keeps every top-level
 * statement not marked pure. This bundles the sources with every module taken as having side effects,
 * as a chunk of dist/ is, so only the pure marks can drop what the validator does not use.
 */
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/repo-copy.js";

const everyModuleHasSideEffects: Plugin = {
  name: "every-module-has-side-effects",
  setup(bundle) {
    bundle.onResolve({ filter: /^\./ }, async ({ path, resolveDir, kind, importer }) => {
      if (importer === "") return undefined;
      const resolved = await bundle.resolve(path, { resolveDir, kind, pluginData: "resolving" });
      return { ...resolved, sideEffects: true };
    });
  },
};

async function keptInputs(entry: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: entry, resolveDir: repoRoot, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    plugins: [everyModuleHasSideEffects],
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
