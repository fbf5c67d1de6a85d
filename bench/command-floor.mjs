// The least a validating command can do with a folder of fixtures, for scale in the command
// benchmark: list it, then read, parse and validate each file in turn, reporting nothing. With a
// thread count after the folder, the listed files are split into that many equal runs, each checked
// by its own thread (the main thread takes the first): the best that many cores can do with the loop.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { validateSyncResponse } from "./.cache/package/index.js";

function invalidAmong(folder, names) {
  let invalid = 0;
  for (const name of names) {
    if (!validateSyncResponse(JSON.parse(readFileSync(join(folder, name), "utf8")))) invalid++;
  }
  return invalid;
}

if (isMainThread) {
  const [folder, threadArg = "1"] = process.argv.slice(2);
  const threads = Number(threadArg);
  const names = readdirSync(folder);
  const share = Math.ceil(names.length / threads);
  const counts = [];
  for (let t = 1; t < threads; t++) {
    const worker = new Worker(new URL(import.meta.url), { workerData: { folder, names: names.slice(t * share, (t + 1) * share) } });
    counts.push(new Promise((resolve, reject) => worker.once("message", resolve).once("error", reject)));
  }
  const invalid = invalidAmong(folder, names.slice(0, share)) + (await Promise.all(counts)).reduce((sum, n) => sum + n, 0);
  process.exitCode = invalid === 0 ? 0 : 1;
} else {
  parentPort.postMessage(invalidAmong(workerData.folder, workerData.names));
}
