// The least a validating command can do with a folder of fixtures, for scale in the command
// benchmark: list it, then read, parse and validate each file in turn, reporting nothing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateSyncResponse } from "./.cache/package/index.js";

const [folder] = process.argv.slice(2);
let invalid = 0;
for (const name of readdirSync(folder)) {
  if (!validateSyncResponse(JSON.parse(readFileSync(join(folder, name), "utf8")))) invalid++;
}
process.exitCode = invalid === 0 ? 0 : 1;
