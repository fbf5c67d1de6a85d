// Start-up with @exodus/schemasafe: compile the package's exported schema, validate once.
import { readFileSync } from "node:fs";
import { validator } from "@exodus/schemasafe";

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const validate = validator(read("../../generated/schemas/SyncResponse.json"));
if (!validate(read("../../generated/examples/SyncResponse.json"))) process.exitCode = 1;
