/** A worker thread's side: check the inputs of each request, send results back as they are ready. */
import type { MessagePort } from "node:worker_threads";
import { BatchSize } from "./batch.js";
import { checkFile } from "./check-file.js";
import { payloadChecker } from "./payload.js";
import { isCleanPass, type FileEvent, type WorkerMessage, type WorkerSetup, type WorkRequest } from "./protocol.js";

export function serveChecks(setup: WorkerSetup, port: MessagePort): void {
  const check = payloadChecker(setup.settings);
  const send = (message: WorkerMessage) => port.postMessage(message);
  port.on("message", ({ units }: WorkRequest) => {
    let events: (FileEvent | number)[] = [];
    const size = new BatchSize();
    for (const unit of units) {
      for (const event of checkFile(unit, check, setup.settings.maxInputSize)) {
        events.push(isCleanPass(event) ? event.index : event);
        // A long NDJSON file streams back in parts instead of piling up here.
        if (size.add(event.payloads)) {
          send({ kind: "results", events, batchDone: false });
          events = [];
        }
      }
    }
    send({ kind: "results", events, batchDone: true });
  });
  send({ kind: "ready" });
}
