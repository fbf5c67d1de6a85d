/**
 * What every generated file's header says about where it came from: the command, the spec's files,
 * and one hash of them all, so that a file can be traced to the exact spec that made it.
 */
import { createHash } from "node:crypto";
import type { Provenance, SpecSource } from "./types.js";

export function provenanceOf(sources: readonly SpecSource[]): Provenance {
  return { generatedBy: "npm run generate", sources: sources.map((source) => source.path), specSha256: specHash(sources) };
}

/** One hash for the whole spec: each source's path and the sha256 of its text, in path order. */
export function specHash(sources: readonly SpecSource[]): string {
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  const lines = [...sources].sort((a, b) => a.path.localeCompare(b.path)).map((source) => `${source.path} ${sha256(source.text)}\n`);
  return sha256(lines.join(""));
}
