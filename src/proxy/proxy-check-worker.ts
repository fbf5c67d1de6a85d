/**
 * The proxy's worker thread: checks `/sync` bodies off the thread that forwards bytes, so that a
 * check never delays the next request. Built beside the command as its own file (tsup.config.ts).
 */
import { parentPort } from "node:worker_threads";
import { checkBody, type BodyJob } from "./body-check.js";

parentPort?.on("message", ({ id, job }: { id: number; job: BodyJob }) => {
  void checkBody(job).then((result) => parentPort!.postMessage({ id, result }));
});
