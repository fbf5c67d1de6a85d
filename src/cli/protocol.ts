/**
 * What the threads that check fixtures share: the units of work, the settings, and the results, all
 * plain data so they cross to and from worker threads as they are.
 */
import type { SchemaName } from "../../generated/types.js";
import type { CheckOptions, Issue } from "../issues.js";

/** A file is one JSON document, or NDJSON (JSON Lines): one payload per line. */
export type FileFormat = "json" | "ndjson";

/** One input, numbered in report order: a file, or standard input. */
export interface InputUnit {
  index: number;
  /** The path to open; `-` for standard input; its bytes when they are not UTF-8 (found by a directory search). */
  path: string | Uint8Array;
  /** How reports name it: the path as the user wrote it (bytes that are not UTF-8 as `\xNN`), or `<stdin>`. */
  display: string;
  format: FileFormat | "stdin";
  /** Set when the input is known not to be read: it could not be found, or it is a pipe or device met in a directory. */
  skipped?: Skip;
}

/** A path as the file system functions take it: bytes travel between threads as a Uint8Array, not a Buffer. */
export const fsPath = (path: string | Uint8Array): string | Buffer =>
  typeof path === "string" ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength);

export interface CheckSettings {
  schema: SchemaName;
  rules: NonNullable<CheckOptions["rules"]>;
  strict: boolean;
  maxIssues: number;
  /** Attach the offending line of text to each issue (only the pretty format shows it). */
  excerpts: boolean;
  /**
   * Give each issue's pointer and message as people read them (every format but json): shortened and
   * escaped by lib/display-text.ts as soon as the issue is placed, so a pointer repeating a megabyte
   * of room ID is never held, batched or sent between threads whole. The json format keeps them exact.
   */
  forPeople: boolean;
  /** The most bytes a payload may have: a JSON file, a document on standard input, an NDJSON line. */
  maxInputSize: number;
}

/** The line of text an issue is on, shortened around the issue when the line is long. */
export interface Excerpt {
  text: string;
  /** 0-based index in `text` of the offending character. */
  caret: number;
}

/** An issue with the line and column of the offending value in the file. */
export interface LocatedIssue extends Issue {
  line: number;
  column: number;
  excerpt?: Excerpt;
}

export interface PayloadResult {
  /** For an NDJSON payload: its line in the file. */
  line?: number;
  valid: boolean;
  issues: LocatedIssue[];
  truncated: boolean;
}

/** Why an input gave no payloads; `error` when it could not be read, which fails the run. */
export interface Skip {
  reason: string;
  error: boolean;
}

/** Results of one input, in order; a large NDJSON file sends several before the one that is `done`. */
export interface FileEvent {
  index: number;
  payloads: PayloadResult[];
  done: boolean;
  skipped?: Skip;
}

export const WORKER_ROLE = "matrix-sync-contract checker";

export interface WorkerSetup {
  role: typeof WORKER_ROLE;
  settings: CheckSettings;
}

/** To a worker: check these inputs. */
export interface WorkRequest {
  units: InputUnit[];
}

/**
 * From a worker: that it has started, then results, and whether the request is finished. A JSON file
 * that passed without a single issue, the common case, travels as its index alone: copying its
 * event between threads would cost more than checking it.
 */
export type WorkerMessage = { kind: "ready" } | { kind: "results"; events: (FileEvent | number)[]; batchDone: boolean };

// One object for them all: reports only read results.
const CLEAN_PASS: PayloadResult = { valid: true, issues: [], truncated: false };

export function isCleanPass({ payloads, done, skipped }: FileEvent): boolean {
  const only = payloads.length === 1 ? payloads[0]! : undefined;
  return done && skipped === undefined && only?.line === undefined && only?.valid === true && only.issues.length === 0;
}

export const cleanPass = (index: number): FileEvent => ({ index, payloads: [CLEAN_PASS], done: true });
