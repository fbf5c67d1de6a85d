/** The bundle-size figures of bench/bundle-size.ts as a section of the results, beside their goal. */
import { measurePackageSizes, VALIDATOR_BUNDLE_GOAL_BYTES } from "./bundle-size.js";
import { formatBytes, markdownTable, type Section } from "./report.js";

export async function runBundleSizeBenchmark(distBuilt: boolean): Promise<Section> {
  const title = "6. Bundle size";
  if (!distBuilt)
    return { title, notes: ["Not measured: `npm run build` did not build dist/, which these figures read."], tables: [], targets: [] };
  const { tarball, bundles } = await measurePackageSizes();
  const { validateSyncResponse, everything } = bundles;
  return {
    title,
    notes: [
      "The tarball `npm pack` would publish, and browser bundles of the built package made by esbuild (minified, then gzipped at zlib's default level): " +
        "one that imports only `validateSyncResponse` (the baseline) and one that imports everything.",
    ],
    tables: [
      markdownTable(
        ["what", "minified", "gzipped", "ratio to baseline (gzipped)"],
        [
          [
            "bundle importing `validateSyncResponse` (baseline)",
            formatBytes(validateSyncResponse.minified),
            formatBytes(validateSyncResponse.gzipped),
            "1×",
          ],
          [
            "bundle importing everything",
            formatBytes(everything.minified),
            formatBytes(everything.gzipped),
            `${(everything.gzipped / validateSyncResponse.gzipped).toFixed(2)}×`,
          ],
          [`tarball (${tarball.files} files)`, `${formatBytes(tarball.unpacked)} unpacked`, `${formatBytes(tarball.packed)} packed`, ""],
        ],
      ),
    ],
    targets: [
      {
        target: `a bundle importing validateSyncResponse under ${formatBytes(VALIDATOR_BUNDLE_GOAL_BYTES)} gzipped`,
        measured: formatBytes(validateSyncResponse.gzipped),
        met: validateSyncResponse.gzipped < VALIDATOR_BUNDLE_GOAL_BYTES,
      },
    ],
  };
}
