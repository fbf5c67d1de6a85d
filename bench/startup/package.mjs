// Start-up with the package: import it (bundled by bench/startup.ts as a consumer's bundler would)
// and check one response.
import { readFileSync } from "node:fs";
import { checkSyncResponse } from "../.cache/package/index.js";

const response = JSON.parse(readFileSync(new URL("../../generated/examples/SyncResponse.json", import.meta.url), "utf8"));
if (!checkSyncResponse(response).valid) process.exitCode = 1;
