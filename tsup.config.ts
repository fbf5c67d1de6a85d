/**
 * `npm run build`: src/ (with generated/) → dist/, rebuilt from scratch. The library entries come
 * out as ES modules and CommonJS, each with its own declarations (`.d.ts` beside `.js`, `.d.cts`
 * beside `.cjs`), so that TypeScript reads the right kind under every module resolution. JSON that
 * the sources import is inlined, so no output depends on import attributes.
 */
import { rmSync } from "node:fs";
import { defineConfig, type Options } from "tsup";
import type { Plugin } from "esbuild";

const library: Options = {
  entry: {
    index: "src/index.ts",
    vitest: "src/vitest.ts",
    "testing/index": "src/testing/index.ts",
    "mock/index": "src/mock/index.ts",
    "client/index": "src/client/index.ts",
  },
  format: ["esm", "cjs"],
  // For browsers and bundlers as much as for Node: nothing may assume Node's built-in modules.
  platform: "neutral",
  target: "es2022",
  dts: true,
  splitting: true,
};

/**
 * The mock's arbitrary payloads import fast-check, an optional peer dependency. In one bundle, esbuild
 * would hoist that import to the top of dist/cli.js and every command would need fast-check, so the
 * module is built beside the command and stays a dynamic import, loaded by `mock` only.
 */
const ARBITRARY_PAYLOADS = "cli-arbitrary-payloads";
const arbitraryPayloadsApart: Plugin = {
  name: "arbitrary-payloads-apart",
  setup(build) {
    build.onResolve({ filter: /\/arbitrary-payloads\.js$/ }, () => ({ path: `./${ARBITRARY_PAYLOADS}.js`, external: true }));
  },
};

const cli: Options = {
  // The proxy's worker thread is started from the file beside the module that starts it (src/proxy/check-pool.ts).
  entry: {
    cli: "src/cli.ts",
    [ARBITRARY_PAYLOADS]: "src/mock/arbitrary-payloads.ts",
    "proxy-check-worker": "src/proxy/proxy-check-worker.ts",
  },
  esbuildPlugins: [arbitraryPayloadsApart],
  format: ["esm"],
  platform: "node",
  target: "node20",
  // One file, with only the two modules above beside it: the command starts its validate workers from
  // its own module, and chunks of its own would share dist/ with the library's.
  splitting: false,
};

export default defineConfig(() => {
  // Both builds run at once and write into dist/, so neither may clean it: it is emptied here, first.
  rmSync("dist", { recursive: true, force: true });
  return [library, cli];
});
