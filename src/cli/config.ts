/**
 * The config file validate finds by itself in the working directory: `matrix-sync-contract.config.json`,
 * or else a `"matrix-sync-contract"` key in `package.json`. The first found is the one read, as with
 * other tools' config files, so a project can move its settings out of package.json by adding the file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { displayPointer, displayText } from "../../lib/display-text.js";
import { escapePointerToken } from "../../lib/json-pointer.js";
import { isJsonObject } from "../../lib/json-value.js";
import { COMMAND, CONFIG_FILE } from "./help.js";
import { readConfig, type ValidateConfig } from "./config-check.js";
import { UsageError } from "./args.js";

/** The text of a file, or `undefined` when there is none. */
function readIfThere(path: string, name: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new UsageError(`cannot read the config ${name}: ${code ?? (error as Error).message}`);
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name} is not JSON: ${displayText((error as Error).message)}`);
  }
}

function checked(value: unknown, pointer: string, name: string): ValidateConfig {
  const read = readConfig(value, pointer);
  if ("config" in read) return read.config;
  const where = read.pointer === "" ? "" : ` at ${displayPointer(read.pointer)}`;
  throw new UsageError(`${name}${where}: ${read.problem}`);
}

/** The settings of the config validate finds in `cwd`; none when it finds none. A bad config is a usage error naming the file and where. */
export function findConfig(cwd: string): ValidateConfig {
  const own = readIfThere(join(cwd, CONFIG_FILE), CONFIG_FILE);
  if (own !== undefined) return checked(parseJson(own, CONFIG_FILE), "", CONFIG_FILE);
  const manifest = readIfThere(join(cwd, "package.json"), "package.json");
  if (manifest === undefined) return {};
  const pkg = parseJson(manifest, "package.json");
  if (!isJsonObject(pkg) || !Object.hasOwn(pkg, COMMAND)) return {};
  return checked(pkg[COMMAND], `/${escapePointerToken(COMMAND)}`, "package.json");
}
