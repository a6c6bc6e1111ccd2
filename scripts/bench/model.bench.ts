/**
 * Model benchmarks (one run, ratios only; never timed assertions):
 *   1. forward of 128 tokens on the 'lm-shape' preset (~4.8 M params): ORT WASM (1 thread) vs
 *      the TS eager reference on the same weights. Target ≥ 3×.
 *   2. next-token cost at context L = 32 / 128 / 256: full recompute of L tokens vs one KV-cache
 *      decode step (past L-1, 1 new token), in ORT WASM; eager too at L = 32 / 128. Target ≥ 5× at 128.
 *
 *   npm run bench -- model
 */
import * as ort from 'onnxruntime-web';
import { encodeModel } from '../../lib/onnx';
import { ids, type Tensor } from '../../lib/tensor';
import { buildTransformerModel } from '../../lib/model/build';
import { EagerOps } from '../../lib/model/eager';
import { paramCount, randomWeights } from '../../lib/model/init';
import { buildDecodeGraph, eagerStep, pastFeeds } from '../../lib/model/kvcache';
import { presets } from '../../lib/model/presets';
import { transformer } from '../../lib/model/transformer';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

async function median(fn: () => Promise<unknown> | unknown, reps: number): Promise<number> {
  await fn(); // warm-up
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

const tokens = (n: number, V: number): Tensor<BigInt64Array> => ids(Array.from({ length: n }, (_, i) => (i * 7919 + 13) % V));
const feed = (t: Tensor<BigInt64Array | Float32Array>): ort.Tensor =>
  new ort.Tensor(t.data instanceof BigInt64Array ? 'int64' : 'float32', t.data, t.shape);

export default async function bench(): Promise<void> {
  const cfg = presets['lm-shape'];
  const w = randomWeights(cfg, 7);
  const opts: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const t0 = performance.now();
  const fullBytes = buildTransformerModel(cfg, w);
  const decBytes = encodeModel(buildDecodeGraph(cfg, w), { opsetVersion: 17 });
  const buildMs = performance.now() - t0;
  const full = await ort.InferenceSession.create(fullBytes, opts);
  const dec = await ort.InferenceSession.create(decBytes, opts);
  console.log(`preset lm-shape: ${(paramCount(cfg) / 1e6).toFixed(2)} M params, graph bytes ${(fullBytes.length / 1e6).toFixed(1)} MB, both graphs built+encoded in ${buildMs.toFixed(0)} ms`);

  // 1. ORT vs eager, 128 tokens
  const x128 = tokens(128, cfg.vocabSize);
  const ortMs = await median(() => full.run({ ids: feed(x128) }), 7);
  const eagerMs = await median(() => transformer(new EagerOps(w), cfg, x128), 3);
  const rows: string[][] = [['forward 128 tokens', `TS eager ${eagerMs.toFixed(1)} ms`, `ORT-WASM ${ortMs.toFixed(1)} ms`, `${(eagerMs / ortMs).toFixed(1)}× (target ≥3×)`]];

  // 2. KV cache vs recompute
  for (const L of [32, 128, 256]) {
    const xL = tokens(L, cfg.vocabSize);
    const pre = await full.run({ ids: feed(xL) }); // warms the full graph at this length
    void pre;
    const fullMs = await median(() => full.run({ ids: feed(xL) }), L === 256 ? 3 : 5);
    // cache of the first L-1 tokens from the eager reference, then one decode step in ORT
    const cache = eagerStep(cfg, w, tokens(L - 1, cfg.vocabSize)).cache;
    const past: Record<string, ort.Tensor> = {};
    const present: Record<string, Tensor> = {};
    cache.forEach((kv, l) => {
      present[`present.${l}.key`] = kv.k;
      present[`present.${l}.value`] = kv.v;
    });
    for (const [k, v] of Object.entries(pastFeeds(present, cfg.nLayer))) past[k] = feed(v);
    const last = ids([Number(xL.data[L - 1])]);
    const decMs = await median(() => dec.run({ ids: feed(last), ...past }), 15);
    const target = L === 128 ? ' (target ≥5×)' : '';
    rows.push([`next token at L=${L} (ORT)`, `recompute ${fullMs.toFixed(1)} ms`, `KV decode ${decMs.toFixed(2)} ms`, `${(fullMs / decMs).toFixed(1)}×${target}`]);
    if (L <= 128) {
      const eFull = await median(() => eagerStep(cfg, w, xL), 2);
      const eDec = await median(() => eagerStep(cfg, w, last, cache), 5);
      rows.push([`next token at L=${L} (eager)`, `recompute ${eFull.toFixed(1)} ms`, `KV decode ${eDec.toFixed(2)} ms`, `${(eFull / eDec).toFixed(1)}×`]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((s, c) => s.padEnd(widths[c])).join('  |  '));
  await full.release();
  await dec.release();
}
