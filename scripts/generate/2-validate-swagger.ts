/**
 * Stage 2: the bundled document must be valid Swagger 2.0, as the upstream spec was checked to be.
 * Run alone, it prints the checked document as JSON.
 */
import { runAlone } from "../utils/index.js";
import { bundleSpec, SPEC_FILE } from "./1-bundle-spec.js";
import type { BundledSpec } from "./types.js";
import { validateOpenApiDocument } from "./validate-document.js";

/** Stages 1 and 2: the spec under `root` bundled, and checked to be valid Swagger 2.0. */
export async function throughStage2(root: string): Promise<BundledSpec> {
  const bundled = bundleSpec(root);
  await validateOpenApiDocument(bundled.document, SPEC_FILE, "Swagger 2.0");
  return bundled;
}

runAlone(import.meta.url, async (root) => (await throughStage2(root)).document);
