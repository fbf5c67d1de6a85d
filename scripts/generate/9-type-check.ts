/**
 * Stage 9: what stage 8 laid out must compile before any of it is written. type-check.ts builds one
 * TypeScript program over the repository with the new files laid over it and checks the generated
 * modules (the examples are typed literals there), the bindings and every module of src/ that imports
 * them; a failure is a SpecError naming the spec file and the example or schema responsible
 * (type-errors.ts), and `npm run generate` writes nothing. `--check` compares files only and does
 * not come here.
 *
 * Most of the check's time goes to parsing what does not change (TypeScript's libraries, Node's types,
 * src/), so `npm run generate` starts it ahead: `typeCheckAhead` parses and binds the repository as it
 * is on disk in a worker thread while the main thread loads and runs the other stages, and checks the
 * rendered files there when they are ready. Run alone, this stage checks what the spec makes now and
 * prints how many modules passed, on the main thread.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { runAlone, SpecError } from "../utils/index.js";
import { SPEC_FILE } from "./1-bundle-spec.js";
import type { TypeCheckReply, TypeCheckRequest, TypeCheckSetup } from "./type-check-worker.js";
import type { SpecContext } from "./type-errors.js";
import type { Artifacts, RenderedFiles } from "./types.js";

/** What the type check needs of the stages' output to say a failure in the spec's terms. */
export function specContext({ named, sources }: Artifacts): SpecContext {
  const files = sources.map(({ path, definition }) => ({ path, definition }));
  return { specFile: SPEC_FILE, operation: named.operation, origins: named.origins, sources: files };
}

export interface TypeCheckAhead {
  /** Type-checks the rendered files; rejects with a SpecError when they do not compile. Once only. */
  check(spec: SpecContext, rendered: RenderedFiles): Promise<string[]>;
  stop(): Promise<void>;
}

export function typeCheckAhead(root: string): TypeCheckAhead {
  const started = startWorker({ root });
  // Until it is asked, a failure of the worker waits for the question.
  const failed = started.then(
    (worker) =>
      new Promise<never>((_, reject) => {
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the type check's worker thread stopped early (exit code ${code})`)));
      }),
  );
  failed.catch(() => {});
  return {
    async check(spec, rendered) {
      const worker = await started;
      const answered = new Promise<string[]>((resolve, reject) => {
        worker.once("message", (reply: TypeCheckReply) => {
          if ("checked" in reply) resolve(reply.checked);
          else if ("specError" in reply) reject(new SpecError(reply.specError.file, reply.specError.problem, reply.specError.position));
          else reject(new Error(reply.failure));
        });
      });
      worker.postMessage({ spec, rendered } satisfies TypeCheckRequest);
      return Promise.race([answered, failed]);
    },
    stop: () =>
      started.then(
        (worker) => void worker.terminate(),
        () => undefined,
      ),
  };
}

/**
 * The worker thread, running type-check-worker.ts bundled by esbuild into one CommonJS script: a worker
 * does not inherit tsx's hooks, and registering them there costs a loader thread and much of a second.
 */
async function startWorker(setup: TypeCheckSetup): Promise<Worker> {
  const entry = fileURLToPath(new URL("./type-check-worker.ts", import.meta.url));
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "cjs",
    platform: "node",
    target: "node20",
    // Each module finds typescript from its own place, which the bundle must keep.
    define: { "import.meta.url": JSON.stringify(pathToFileURL(entry).href) },
    logLevel: "silent",
  });
  return new Worker(outputFiles[0]!.text, { eval: true, workerData: setup });
}

// The stages are loaded only when this one runs alone: `npm run generate` loads this module first, to start the worker early.
runAlone(import.meta.url, async (root) => {
  const [{ throughStage7 }, { renderFiles }, { typeCheck }] = await Promise.all([
    import("./7-check-examples.js"),
    import("./8-render-files.js"),
    import("./type-check.js"),
  ]);
  const artifacts = await throughStage7(root);
  const checked = typeCheck(root, specContext(artifacts), await renderFiles(artifacts));
  return `${checked.length} modules type-check: the generated ones, the bindings, and the modules of src/ that import them.`;
});
