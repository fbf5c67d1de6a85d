/**
 * What the package costs its users in bytes: the tarball npm would publish, and browser bundles of
 * the built package as a consumer's bundler makes them (esbuild, minified, then gzipped), one that
 * imports only `validateSyncResponse` and one that imports everything. Reads dist/, so build first:
 * `npm run build && tsx bench/bundle-size.ts`.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The goal for a bundle that validates responses and nothing else, gzipped. */
export const VALIDATOR_BUNDLE_GOAL_BYTES = 10_000;

export interface BundleSize {
  minified: number;
  /** The minified bundle through gzip at zlib's default level, as web servers send it. */
  gzipped: number;
}

export interface PackageSizes {
  tarball: { packed: number; unpacked: number; files: number };
  bundles: { validateSyncResponse: BundleSize; everything: BundleSize };
}

/** The figures for the package at `root` (this repository unless told), whose dist/ must be built. */
export async function measurePackageSizes(root = repoRoot): Promise<PackageSizes> {
  if (!existsSync(join(root, "dist/index.js"))) throw new Error(`${join(root, "dist")} is not built: run \`npm run build\` first`);
  return {
    tarball: packSize(root),
    bundles: {
      validateSyncResponse: await bundleSize(root, 'export { validateSyncResponse } from "matrix-sync-contract";'),
      everything: await bundleSize(root, 'export * from "matrix-sync-contract";'),
    },
  };
}

function packSize(root: string): PackageSizes["tarball"] {
  const output = execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const [pack] = JSON.parse(output) as { size: number; unpackedSize: number; entryCount: number }[];
  return { packed: pack!.size, unpacked: pack!.unpackedSize, files: pack!.entryCount };
}

/** Bundles `entry` from inside the package, which resolves its own name through its exports map. */
async function bundleSize(root: string, entry: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code).byteLength };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function formatPackageSizes({ tarball, bundles }: PackageSizes): string {
  const goal = bundles.validateSyncResponse.gzipped < VALIDATOR_BUNDLE_GOAL_BYTES ? "met" : "NOT met";
  return [
    `tarball (npm pack): ${kB(tarball.packed)}, ${kB(tarball.unpacked)} unpacked, ${tarball.files} files`,
    `browser bundle importing validateSyncResponse: ${kB(bundles.validateSyncResponse.minified)} minified, ${kB(bundles.validateSyncResponse.gzipped)} gzipped (goal under ${kB(VALIDATOR_BUNDLE_GOAL_BYTES)}: ${goal})`,
    `browser bundle importing everything: ${kB(bundles.everything.minified)} minified, ${kB(bundles.everything.gzipped)} gzipped`,
  ].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  measurePackageSizes().then(
    (sizes) => console.log(formatPackageSizes(sizes)),
    (error: unknown) => {
      console.error(`bundle-size: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
