/**
 * The worker thread of stage 9's type check ahead (9-type-check.ts): it loads TypeScript and parses
 * and binds the repository as it is on disk while the main thread runs the other stages, then checks
 * the rendered files it is sent, reusing that work, and answers with the modules checked or the failure.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Program } from "typescript";
import { SpecError } from "../utils/index.js";
import { programOnDisk, typeCheck } from "./type-check.js";
import type { SpecContext } from "./type-errors.js";
import type { RenderedFiles } from "./types.js";

export interface TypeCheckSetup {
  root: string;
}

export interface TypeCheckRequest {
  spec: SpecContext;
  rendered: RenderedFiles;
}

export type TypeCheckReply = { checked: string[] } | { specError: Pick<SpecError, "file" | "problem" | "position"> } | { failure: string };

const { root } = workerData as TypeCheckSetup;
let previous: Program | undefined;
try {
  previous = programOnDisk(root);
} catch {
  // Only a head start: whatever stopped it stops the check itself, which reports it.
}

parentPort!.once("message", ({ spec, rendered }: TypeCheckRequest) => {
  let reply: TypeCheckReply;
  try {
    reply = { checked: typeCheck(root, spec, rendered, previous) };
  } catch (error) {
    reply =
      error instanceof SpecError
        ? { specError: { file: error.file, problem: error.problem, position: error.position } }
        : { failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
