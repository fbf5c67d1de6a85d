/**
 * Where the proxy's checks run: on one worker thread, started on first use. Where no worker can be
 * started (or one fails), on this thread, after the bytes have gone out: each job is kept until its
 * result comes back, so that none is lost with a worker.
 */
import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../worker-thread.js";
import { checkBody, type BodyJob, type BodyResult } from "./body-check.js";

// Run from source the modules are .ts files, bundled they are .js files side by side (tsup.config.ts).
const WORKER_FILE = new URL(`./proxy-check-worker${import.meta.url.slice(import.meta.url.lastIndexOf("."))}`, import.meta.url);

/**
 * Bodies from this size on go to the worker thread. Below it, checking costs the forwarding thread
 * less than sending: each message wakes the worker, and that wake-up measured (CPU profile of the
 * proxy under `bench/proxy.ts`) well above the check of the bundled example.
 */
const WORKER_FROM_BYTES = 64 * 1024;

export interface CheckPool {
  check(job: BodyJob): Promise<BodyResult>;
  close(): void;
}

export function createCheckPool(): CheckPool {
  let worker: Worker | undefined;
  let broken = false;
  let next = 0;
  const pending = new Map<number, { resolve: (result: BodyResult) => void; job: BodyJob }>();

  function started(): Worker | undefined {
    if (worker !== undefined || broken) return worker;
    try {
      worker = startModuleWorker(WORKER_FILE);
    } catch {
      broken = true;
      return undefined;
    }
    worker.unref();
    worker.on("message", ({ id, result }: { id: number; result: BodyResult }) => {
      pending.get(id)?.resolve(result);
      pending.delete(id);
    });
    worker.on("error", () => {
      broken = true;
      worker = undefined;
      for (const { resolve, job } of pending.values()) void checkBody(job).then(resolve);
      pending.clear();
    });
    return worker;
  }

  return {
    check(job) {
      if (job.body.length < WORKER_FROM_BYTES) return checkBody(job);
      const thread = started();
      if (thread === undefined) return checkBody(job);
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, { resolve, job });
        // Copied, not moved: the job stays here until its result comes back.
        thread.postMessage({ id, job });
      });
    },
    close: () => void worker?.terminate(),
  };
}
