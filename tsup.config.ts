/**
 * `npm run build`: src/ (with generated/) → dist/, rebuilt from scratch. The library entries come
 * out as ES modules and CommonJS, each with its own declarations (`.d.ts` beside `.js`, `.d.cts`
 * beside `.cjs`), so that TypeScript reads the right kind under every module resolution. JSON that
 * the sources import is inlined, so no output depends on import attributes.
 */
import { rmSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

const library: Options = {
  entry: { index: "src/index.ts", vitest: "src/vitest.ts", "testing/index": "src/testing/index.ts" },
  format: ["esm", "cjs"],
  // For browsers and bundlers as much as for Node: nothing may assume Node's built-in modules.
  platform: "neutral",
  target: "es2022",
  dts: true,
  splitting: true,
};

const cli: Options = {
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  // One file: the command starts its worker threads from its own module, and chunks of its own would
  // share dist/ with the library's.
  splitting: false,
};

export default defineConfig(() => {
  // Both builds run at once and write into dist/, so neither may clean it: it is emptied here, first.
  rmSync("dist", { recursive: true, force: true });
  return [library, cli];
});
