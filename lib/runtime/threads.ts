/**
 * How many threads onnxruntime-web's WASM engine gets. Several threads need SharedArrayBuffer,
 * which exists only in a cross-origin-isolated context (COOP same-origin + COEP require-corp,
 * scripts/headers.mjs); elsewhere ORT must run on one thread (it would fall back anyway, with a
 * console warning).
 *
 * Cap 4: the lab's models are small (d_model 128–256), so a matmul split over more than 4 threads
 * spends more on synchronisation than it saves; ORT's own default is also at most 4. A worker sees
 * the same `crossOriginIsolated` and `hardwareConcurrency` as the page that started it, so the page
 * can show the count the model worker will use.
 *
 *   wasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 8 })  → 4
 *   wasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 2 })  → 2
 *   wasmThreads({ crossOriginIsolated: false, hardwareConcurrency: 8 }) → 1
 */

export const MAX_WASM_THREADS = 4;

export interface ThreadEnv {
  crossOriginIsolated?: boolean;
  hardwareConcurrency?: number;
}

export function wasmThreads(env: ThreadEnv): number {
  if (env.crossOriginIsolated !== true) return 1;
  const cores = Number.isFinite(env.hardwareConcurrency) ? Math.floor(env.hardwareConcurrency as number) : 1;
  return Math.max(1, Math.min(MAX_WASM_THREADS, cores));
}

/** The thread count in this global scope (page or worker). */
export function currentWasmThreads(): number {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  return wasmThreads({ crossOriginIsolated: g.crossOriginIsolated, hardwareConcurrency: g.navigator?.hardwareConcurrency });
}
