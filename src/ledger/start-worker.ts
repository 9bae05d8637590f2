/**
 * Starts a worker thread on a module that sits beside the caller, for the ledger's two worker
 * pools (the SQLite writer thread and verify's leaf checkers). Built, the module is plain
 * JavaScript next to the caller's .js. Run from source (tsx, vitest), the worker first registers
 * tsx's loader itself: loaders given on the command line do not reach every kind of parent
 * thread (vitest runs tests in workers of its own), so a `new Worker("x.ts")` would not load.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * @param callerUrl the caller's `import.meta.url`
 * @param name the worker module's file name without extension, beside the caller (`leaf-check-worker`)
 */
export function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith(".ts")) {
    return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  }
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const tsx = pathToFileURL(createRequire(callerUrl).resolve("tsx/esm/api")).href.replace(/\.cjs$/, ".mjs");
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
