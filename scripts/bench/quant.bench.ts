/**
 * Quantized variants of `lm` on ORT WASM (1 thread, Node): forward of 128 tokens and one KV-cache
 * decode step at context 128 next to the fp32 graph, each variant's storage bytes, validation loss
 * on the held-out Austen slice (public/data/austen-val-slice.json, 8 × 128 scored tokens), mean
 * KL(original ‖ quantized) and top-1 agreement. One run, medians printed; nothing asserted.
 *
 *   npm run bench -- quant
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { buildTransformerModel } from '../../lib/model/build';
import type { TransformerConfig } from '../../lib/model/config';
import { eagerStep, pastFeeds } from '../../lib/model/kvcache';
import { loadWeights } from '../../lib/model/weights';
import { buildQuantizedModel, compareOnSlice, FORMATS, quantizeModel, type FormatId } from '../../lib/quant';
import type { Tensor } from '../../lib/tensor';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

async function median(fn: () => unknown, reps: number): Promise<number> {
  await fn();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

const idsT = (xs: number[]) => new ort.Tensor('int64', BigInt64Array.from(xs.map(BigInt)), [1, xs.length]);

export default async function bench(): Promise<void> {
  const m = JSON.parse(readFileSync('models/manifest.json', 'utf8')).models.lm as { config: TransformerConfig; sha256: string; files: { weights: string } };
  const cfg = m.config;
  const w = await loadWeights(new Uint8Array(readFileSync(m.files.weights)), { sha256: m.sha256, config: cfg });
  const slice = JSON.parse(readFileSync('public/data/austen-val-slice.json', 'utf8')) as { windows: number[][] };
  const opts: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const T = 128;
  const x = Array.from({ length: T }, (_, i) => (i * 7919 + 13) % cfg.vocabSize);
  const { cache } = eagerStep(cfg, w, { data: BigInt64Array.from(x.slice(0, T - 1).map(BigInt)), shape: [1, T - 1] });
  const present: Record<string, Tensor> = {};
  cache.forEach((kv, l) => { present[`present.${l}.key`] = kv.k; present[`present.${l}.value`] = kv.v; });
  const past: Record<string, ort.Tensor> = {};
  for (const [k, v] of Object.entries(pastFeeds(present, cfg.nLayer))) past[k] = new ort.Tensor('float32', v.data as Float32Array, v.shape);

  const baseFull = await ort.InferenceSession.create(buildTransformerModel(cfg, w), opts);
  const forward = (s: ort.InferenceSession) => async (ids: number[]) => (await s.run({ ids: idsT(ids) })).logits.data as Float32Array;
  const variants: [string, FormatId | null, number][] = [
    ['fp32 (reference)', null, 0], ['fp16', 'fp16', 0], ['bf16', 'bf16', 0], ['int8', 'int8', 0], ['int8-channel', 'int8-channel', 0],
    ['int8-asym-channel', 'int8-asym-channel', 0], ['int4 g=32', 'int4', 32], ['int4 g=128', 'int4', 128],
    ['int4-asym g=32', 'int4-asym', 32], ['nf4 g=64', 'nf4', 64], ['nf4 g=32', 'nf4', 32],
  ];
  const rows: string[][] = [['variant', 'ORT path', 'weights (all)', 'bpw (linears)', 'fwd 128', 'decode @128', 'val loss', 'KL vs fp32', 'top-1 agree']];
  // sessions first, then timings interleaved over 3 rounds (min of the per-round medians): a shared,
  // noisy CPU would otherwise favour whichever variant ran in a quiet moment
  const built = [];
  for (const [label, format, g] of variants) {
    const qm = format ? quantizeModel(cfg, w, { format, groupSize: g || 32 }) : null;
    const full = qm ? await ort.InferenceSession.create(buildQuantizedModel(cfg, qm), opts) : baseFull;
    const dec = await ort.InferenceSession.create(qm ? buildQuantizedModel(cfg, qm, { cache: 'decode' }) : buildTransformerModel(cfg, w, { cache: 'decode' }), opts);
    built.push({ label, format, qm, full, dec, fwd: Infinity, step: Infinity });
  }
  for (let round = 0; round < 3; round++) {
    for (const b of built) {
      b.fwd = Math.min(b.fwd, await median(() => b.full.run({ ids: idsT(x) }), 5));
      b.step = Math.min(b.step, await median(() => b.dec.run({ ids: idsT([x[T - 1]]), ...past }), 11));
    }
  }
  for (const { label, format, qm, full, dec, fwd, step } of built) {
    const r = await compareOnSlice(forward(baseFull), forward(full), slice.windows, cfg.vocabSize);
    const nLin = qm ? qm.tensors.reduce((s, t) => s + t.shape[0] * t.shape[1], 0) : 0;
    const bytes = qm ? qm.bytes.total : 4 * [...w.values()].reduce((s, t) => s + t.data.length, 0);
    rows.push([
      label, format ? FORMATS[format].ort : 'MatMul/Gemm fp32', `${(bytes / 1e6).toFixed(3)} MB`,
      qm ? ((qm.bytes.quantized * 8) / nLin).toFixed(3) : '32', `${fwd.toFixed(1)} ms`, `${step.toFixed(2)} ms`,
      r.lossB.toFixed(4), r.kl.toExponential(2), `${(100 * r.agree).toFixed(1)}%`,
    ]);
    if (full !== baseFull) await full.release();
    await dec.release();
  }
  await baseFull.release();
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((s, c) => s.padEnd(widths[c])).join(' | '));
  console.log('(weights: quantized Linear blocks + embeddings and norms at fp16 as shipped; fp32 row: every weight at 4 bytes.');
  console.log(' val loss: 8 held-out Austen windows × 128 scored tokens, nats/token. Machine: shared CPU, 1 ORT thread.)');
}
