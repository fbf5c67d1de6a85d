/** The package's version, read from its package.json at run time, from src/ and dist/ alike. */
import { readFileSync } from "node:fs";
import { COMMAND } from "./help.js";

/** The version in the nearest package.json above `from` that is this package's. */
export function packageVersion(from: URL): string {
  for (let dir = new URL(".", from); ; dir = new URL("..", dir)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === COMMAND && typeof manifest.version === "string") return manifest.version;
    } catch {
      // No readable package.json here: look further up.
    }
    if (new URL("..", dir).href === dir.href) throw new Error(`no package.json of ${COMMAND} above ${from.href}`);
  }
}
