/**
 * Validation loss of `lm` pruned one-shot by every lib/prune method at fractions 0, 0.1, …, 0.9,
 * on the held-out Austen slice (public/data/austen-val-slice.json, 8 × 128 scored tokens), ORT
 * WASM in Node, plus KL(original ‖ pruned), top-1 agreement, zeros and bytes (dense vs CSR).
 * Prints a JSON table; the lesson quotes it and test/lib/prune/lm-claims.test.ts re-checks
 * some of its rows.   npx tsx scripts/prune-curve.ts
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { buildTransformerModel } from '../lib/model/build';
import type { TransformerConfig } from '../lib/model/config';
import { loadWeights } from '../lib/model/weights';
import { compareOnSlice } from '../lib/quant/evaluate';
import { pruneModel, PRUNE_METHODS } from '../lib/prune/model';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const idsT = (xs: number[]) => new ort.Tensor('int64', BigInt64Array.from(xs.map(BigInt)), [1, xs.length]);

async function main() {
  const m = JSON.parse(readFileSync('models/manifest.json', 'utf8')).models.lm as { config: TransformerConfig; sha256: string; files: { weights: string } };
  const cfg = m.config;
  const w = await loadWeights(new Uint8Array(readFileSync(m.files.weights)), { sha256: m.sha256, config: cfg });
  const slice = JSON.parse(readFileSync('public/data/austen-val-slice.json', 'utf8')) as { windows: number[][] };
  const opts: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const base = await ort.InferenceSession.create(buildTransformerModel(cfg, w), opts);
  const fwd = (s: ort.InferenceSession) => async (ids: number[]) => (await s.run({ ids: idsT(ids) })).logits.data as Float32Array;
  const fracs = (process.argv[2] ?? '0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9').split(',').map(Number);
  const rows = [];
  for (const method of PRUNE_METHODS) {
    for (const f of fracs) {
      const { weights, summary } = pruneModel(cfg, w, method, f);
      const s = await ort.InferenceSession.create(buildTransformerModel(cfg, weights), opts);
      const r = await compareOnSlice(fwd(base), fwd(s), slice.windows, cfg.vocabSize);
      await s.release();
      const row = { method, fraction: f, loss: +r.lossB.toFixed(4), kl: +r.kl.toFixed(4), agree: +r.agree.toFixed(4), sparsity: +summary.sparsity.toFixed(4), units: summary.units, dense: summary.dense, csr: summary.csr };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
}
void main();
