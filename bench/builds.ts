/**
 * What the process benchmarks run: the package as a consumer's bundler makes it, and the command as
 * `npm run build` makes it (or, when that build fails, an esbuild bundle laid out the same way).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { cacheDir, repoRoot } from "./payloads.js";

export interface BuiltCommand {
  /** The command's entry file. */
  path: string;
  /** How it was built, for the report. */
  how: string;
  /** Whether dist/ holds a fresh `npm run build`, which the bundle-size figures read. */
  distBuilt: boolean;
}

/** src/index.ts bundled into one ES module for Node, as a consumer's bundler would; its path. */
export async function bundlePackage(): Promise<string> {
  const outfile = join(cacheDir, "package", "index.js");
  await build({
    entryPoints: [join(repoRoot, "src", "index.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
  });
  return outfile;
}

/** The command from `npm run build`, or else src/cli.ts bundled by esbuild into one file, as tsup lays it out. */
export async function buildCommand(): Promise<BuiltCommand> {
  const result = spawnSync("npm", ["run", "build"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const built = join(repoRoot, "dist", "cli.js");
  if (result.status === 0 && existsSync(built)) return { path: built, how: "`dist/cli.js`, built by `npm run build`", distBuilt: true };

  const reason = result.status === 0 ? "made no dist/cli.js" : `failed: ${(result.stderr || result.stdout).trim().split("\n").at(-1)}`;
  const source = join(repoRoot, "src", "cli.ts");
  if (!existsSync(source)) throw new Error(`no command to benchmark: \`npm run build\` ${reason}, and src/cli.ts does not exist`);
  const outfile = join(cacheDir, "command", "cli.js");
  // Dependencies stay imports from node_modules, as in the published package.
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  return { path: outfile, how: `an esbuild bundle of src/cli.ts, because \`npm run build\` ${reason}`, distBuilt: false };
}
