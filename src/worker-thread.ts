/**
 * A worker thread on one of the package's own modules, however the package runs: bundled, the module
 * is a .js file that Node loads as it is; from source under tsx it is a .ts file, and a worker does
 * not inherit tsx's module hooks, so the worker registers them before it imports the module.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";

export function startModuleWorker(module: URL, options?: WorkerOptions): Worker {
  if (!module.pathname.endsWith(".ts")) return new Worker(module, options);
  const bootstrap = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))};
register();
await import(${JSON.stringify(module.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options);
}
