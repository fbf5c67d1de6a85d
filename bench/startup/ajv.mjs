// Start-up with ajv as most people use it: compile the package's exported schema, validate once.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const ajv = new Ajv();
// The exported schemas keep OpenAPI's `example` keyword, which strict mode asks to be declared.
ajv.addKeyword("example");
const validate = ajv.compile(read("../../generated/schemas/SyncResponse.json"));
if (!validate(read("../../generated/examples/SyncResponse.json"))) process.exitCode = 1;
