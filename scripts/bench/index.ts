/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts in turn. Each bench prints its own table
 * of ratios measured within one run (speed targets live here, never in timed tests).
 * Pass names to run a subset: `npm run bench -- tokenizer model`.
 * quant.bench.ts: quantized variants of lm (bytes, forward/decode time, validation loss, KL).
 * kvcache.bench.ts: decode time for one token with and without the KV cache at 64/256/1024 tokens
 *   of context (lm; 1024 is past its training length, timing only), and lm's loss with a sliding window ± sinks.
 * train-reference.bench.ts: our train step vs TF.js (cpu, wasm) and jax-js on the same shapes and weights
 *   (loss, gradient error, ms/step); its frameworks are a bench-only package: npm ci --prefix scripts/bench/reference.
 * startup.bench.ts: the home page's click → first token (cold/warm, with/without a WebGPU adapter) in
 *   Chromium on the built site, and the in-page decode rate next to the engine's own.
 * threads.bench.ts: lm's prefill and decode on ORT WASM with 1 vs N threads (page not / cross-origin isolated) in Chromium.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

if (files.length === 0) {
  console.error(`No benchmarks matched ${wanted.join(', ') || '(all)'} in ${here}`);
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const t0 = performance.now();
  try {
    const mod = await import(pathToFileURL(join(here, f)).href);
    await mod.default();
  } catch (err) {
    failed++;
    console.error(`bench ${f} failed:`, err);
  }
  console.log(`(${f}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
process.exit(failed ? 1 : 0);
