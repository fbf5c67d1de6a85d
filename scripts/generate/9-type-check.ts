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
 * is on disk in a worker thread while the other stages run, and checks the rendered files there when
 * they are ready. Run alone, this stage checks what the spec makes now and prints how many modules passed.
 */
import { Worker } from "node:worker_threads";
import { runAlone, SpecError } from "../utils/index.js";
import { SPEC_FILE } from "./1-bundle-spec.js";
import { throughStage7 } from "./7-check-examples.js";
import { ARBITRARIES_BINDINGS, CHECKS_BINDINGS, renderFiles } from "./8-render-files.js";
import type { TypeCheckReply, TypeCheckRequest, TypeCheckSetup } from "./type-check-worker.js";
import { typeCheck } from "./type-check.js";
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
  const setup: TypeCheckSetup = { root, bindingPaths: [CHECKS_BINDINGS, ARBITRARIES_BINDINGS] };
  const worker = startWorker(new URL("./type-check-worker.ts", import.meta.url), setup);
  // Until it is asked, a failure of the worker waits for the question.
  const failed = new Promise<never>((_, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the type check's worker thread stopped early (exit code ${code})`)));
  });
  failed.catch(() => {});
  return {
    check(spec, rendered) {
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
    stop: async () => void (await worker.terminate()),
  };
}

/** A worker thread running a module of scripts/: under tsx, which a worker does not inherit, so it registers it first. */
function startWorker(entry: URL, setup: TypeCheckSetup): Worker {
  const bootstrap = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))};
register();
await import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData: setup });
}

runAlone(import.meta.url, async (root) => {
  const artifacts = await throughStage7(root);
  const checked = typeCheck(root, specContext(artifacts), await renderFiles(artifacts));
  return `${checked.length} modules type-check: the generated ones, the bindings, and the modules of src/ that import them.`;
});
