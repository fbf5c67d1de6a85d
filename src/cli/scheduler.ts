/**
 * Checks every input, on the main thread, on worker threads, or both. All threads take batches from
 * one queue. By default a small run stays on the main thread, and a large one adds a worker per
 * other core that joins once it has started, so no run waits for a worker to start. `--jobs 1` keeps
 * to the main thread; `--jobs n` hands the files to n workers (at most one per core and per file)
 * while the main thread reports.
 * Workers start as soon as the search for inputs has found enough files to call for them.
 */
import { availableParallelism } from "node:os";
import { setImmediate as turn } from "node:timers/promises";
import type { Worker } from "node:worker_threads";
import { checkFile } from "./check-file.js";
import { payloadChecker } from "./payload.js";
import {
  cleanPass,
  WORKER_ROLE,
  type CheckSettings,
  type FileEvent,
  type InputUnit,
  type WorkerMessage,
  type WorkerSetup,
  type WorkRequest,
} from "./protocol.js";
import { checkStdin } from "./stdin.js";
import { startModuleWorker } from "../worker-thread.js";

const MAX_BATCH = 64;
/** Batches a worker holds, so it never idles while its results travel back. */
const BATCHES_IN_FLIGHT = 2;
/** Below this many files, starting a worker costs more than the checking it could take over. */
const PARALLEL_FROM = 200;

export interface SchedulerOptions {
  /** 1: the main thread checks everything; n > 1: n worker threads check the files. Default: automatic. */
  jobs?: number;
  /** The module a worker runs: the command's entry, which serves checks in a worker thread. */
  workerEntry: URL;
  stdin: AsyncIterable<Buffer>;
}

const never = new Promise<void>(() => {});
const aborted = (signal: AbortSignal) =>
  signal.aborted ? Promise.resolve() : new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));

class WorkQueue {
  private next = 0;

  constructor(
    private readonly units: readonly InputUnit[],
    private readonly threads: number,
  ) {}

  get empty(): boolean {
    return this.next >= this.units.length;
  }

  /** One NDJSON file, or consecutive JSON files in batches that shrink near the end so threads finish together. */
  take(): InputUnit[] | undefined {
    const first = this.units[this.next];
    if (first === undefined) return undefined;
    if (first.format !== "json") {
      this.next++;
      return [first];
    }
    const size = Math.min(MAX_BATCH, Math.ceil((this.units.length - this.next) / (this.threads * 4)));
    const batch: InputUnit[] = [];
    for (let unit = this.units[this.next]; batch.length < size && unit?.format === "json"; unit = this.units[this.next]) {
      batch.push(unit);
      this.next++;
    }
    return batch;
  }
}

/** A worker thread that, once started and given a queue, takes batches from it. */
class WorkerLane {
  /** Why the worker never started, if it did not. */
  startError?: Error;
  private ready = false;
  private inFlight = 0;
  private queue?: WorkQueue;
  private accept?: (event: FileEvent) => void;
  private settle!: (error?: Error) => void;
  private readonly finished = new Promise<void>((resolve, reject) => {
    this.settle = (error) => (error ? reject(error) : resolve());
  });

  constructor(private readonly worker: Worker) {
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "ready") {
        this.ready = true;
      } else {
        for (const event of message.events) this.accept!(typeof event === "number" ? cleanPass(event) : event);
        if (!message.batchDone) return;
        this.inFlight--;
      }
      this.feed();
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`a worker thread stopped (exit code ${code})`)));
    // Failures are reported through `done`; until then nothing may treat them as unhandled.
    this.finished.catch(() => {});
  }

  attach(queue: WorkQueue, accept: (event: FileEvent) => void): void {
    this.queue = queue;
    this.accept = accept;
    if (this.ready) this.feed();
  }

  /** Before it took work, a failed worker leaves its share to the other threads; after, the run fails. */
  private fail(error: Error): void {
    if (this.inFlight > 0) return this.settle(error);
    if (!this.ready) this.startError ??= error;
    this.settle();
  }

  private feed(): void {
    const queue = this.queue;
    if (queue === undefined) return;
    for (let batch: InputUnit[] | undefined; this.inFlight < BATCHES_IN_FLIGHT && (batch = queue.take()); this.inFlight++) {
      this.worker.postMessage({ units: batch } satisfies WorkRequest);
    }
    if (this.inFlight === 0) this.settle();
  }

  /** Resolves when this worker's batches are done and the queue is empty, or it could not start. */
  done(): Promise<void> {
    // A worker still starting when the work has run out is not waited for.
    if (!this.ready && this.queue?.empty) this.settle();
    return this.finished;
  }

  stop(): void {
    void this.worker.terminate();
  }
}

export class Scheduler {
  private lanes: WorkerLane[] = [];
  private readonly setup: WorkerSetup;

  constructor(
    settings: CheckSettings,
    private readonly options: SchedulerOptions,
  ) {
    this.setup = { role: WORKER_ROLE, settings };
  }

  /**
   * Told how many files the search has found so far: starts the workers they call for, so workers
   * start while the search goes on.
   */
  anticipate(files: number): void {
    const { workers } = this.plan(files);
    if (workers > this.lanes.length) this.resize(workers);
  }

  private resize(workers: number): void {
    while (this.lanes.length < workers)
      this.lanes.push(new WorkerLane(startModuleWorker(this.options.workerEntry, { workerData: this.setup })));
    for (const lane of this.lanes.splice(workers)) lane.stop();
  }

  /**
   * How many workers to use, and whether the main thread checks files as well. `--jobs n` gets no
   * more workers than there are cores to run them or files to give them: more would only cost memory
   * and time.
   */
  plan(files: number): { workers: number; mainThreadChecks: boolean } {
    const { jobs } = this.options;
    if (jobs === undefined) return { workers: files < PARALLEL_FROM ? 0 : availableParallelism() - 1, mainThreadChecks: true };
    if (jobs === 1) return { workers: 0, mainThreadChecks: true };
    return { workers: Math.min(jobs, availableParallelism(), files), mainThreadChecks: false };
  }

  /**
   * Checks the inputs, passing each result event to `accept` (in any order across inputs), until all
   * are checked or `stop` is aborted. The main thread yields between batches, so that it hears of an
   * abort even when it checks alone.
   */
  async checkAll(units: readonly InputUnit[], accept: (event: FileEvent) => void, stop?: AbortSignal): Promise<void> {
    const files = units.filter((unit) => unit.format !== "stdin");
    const { workers, mainThreadChecks } = this.plan(files.length);
    this.resize(workers);
    const queue = new WorkQueue(files, workers + (mainThreadChecks ? 1 : 0));
    for (const lane of this.lanes) lane.attach(queue, accept);
    const check = payloadChecker(this.setup.settings);
    for (const unit of units.filter((unit) => unit.format === "stdin")) {
      for await (const event of checkStdin(unit, check, this.options.stdin, this.setup.settings.maxInputSize)) {
        accept(event);
        if (stop?.aborted) return;
      }
    }
    for (let batch = mainThreadChecks ? queue.take() : undefined; batch !== undefined; batch = queue.take()) {
      for (const unit of batch) {
        for (const event of checkFile(unit, check, this.setup.settings.maxInputSize)) {
          accept(event);
          // Between parts of a long NDJSON file, workers' results come in.
          if (!event.done) await turn();
          if (stop?.aborted) return;
        }
      }
      await turn();
      if (stop?.aborted) return;
    }
    await Promise.race([Promise.all(this.lanes.map((lane) => lane.done())), stop === undefined ? never : aborted(stop)]);
    if (stop?.aborted) return;
    if (!queue.empty) {
      const reason = this.lanes.find((lane) => lane.startError)?.startError?.message ?? "they stopped before the work was done";
      throw new Error(`the worker threads could not check the files: ${reason}`);
    }
  }

  stop(): void {
    this.resize(0);
  }
}
