/**
 * The shipped models (models/manifest.json) on ORT WASM, 1 thread, in Node: forward of 128 tokens
 * (the "~20 ms" sizing target) and one KV-cache decode step at context 128, plus the TS
 * eager forward for scale. One run, medians printed; nothing asserted.
 *
 *   npm run bench -- shipped
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { encodeModel } from '../../lib/onnx';
import { ids, type Tensor } from '../../lib/tensor';
import { buildTransformerModel } from '../../lib/model/build';
import { EagerOps } from '../../lib/model/eager';
import { buildDecodeGraph, eagerStep, pastFeeds } from '../../lib/model/kvcache';
import { transformer } from '../../lib/model/transformer';
import { loadWeights } from '../../lib/model/weights';
import type { TransformerConfig } from '../../lib/model/config';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

interface Entry { id: string; config: TransformerConfig; params: number; bytes: number; sha256: string; files: { weights: string } }

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

const feed = (t: Tensor<BigInt64Array | Float32Array>): ort.Tensor =>
  new ort.Tensor(t.data instanceof BigInt64Array ? 'int64' : 'float32', t.data, t.shape);

export default async function bench(): Promise<void> {
  const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as { models: Record<string, Entry> };
  const opts: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const rows: string[][] = [['model', 'params', 'served bytes', 'ORT-WASM fwd 128', 'eager fwd 128', 'ORT decode @128', 'tok/s decode']];
  for (const m of Object.values(manifest.models)) {
    const cfg = m.config;
    if (cfg.ssm) continue; // state instead of a KV cache: scripts/bench/moe-ssm.bench.ts
    const w = await loadWeights(new Uint8Array(readFileSync(m.files.weights)), { sha256: m.sha256, config: cfg, fileName: m.files.weights });
    const T = Math.min(128, cfg.contextLength);
    const x = ids(Array.from({ length: T }, (_, i) => (i * 7919 + 13) % cfg.vocabSize));
    const full = await ort.InferenceSession.create(buildTransformerModel(cfg, w), opts);
    const fwd = await median(() => full.run({ ids: feed(x) }), 9);
    const eager = await median(() => transformer(new EagerOps(w), cfg, x), 3);
    if (cfg.attnMask?.kind === 'bidirectional') {
      // encoder-only (lm-mlm): every token sees the later ones, so there is no KV cache to decode with
      console.log(`${m.id}: no KV decode step timed (encoder-only, bidirectional attention: appending a token changes every earlier token's keys and values)`);
      rows.push([m.id, `${(m.params / 1e6).toFixed(2)} M`, `${(m.bytes / 1e6).toFixed(2)} MB`, `${fwd.toFixed(1)} ms (T=${T})`, `${eager.toFixed(0)} ms`, 'n/a (encoder-only)', 'n/a']);
      await full.release();
      continue;
    }
    const dec = await ort.InferenceSession.create(encodeModel(buildDecodeGraph(cfg, w), { opsetVersion: 17 }), opts);
    const { cache } = eagerStep(cfg, w, ids(Array.from(x.data.slice(0, T - 1), Number)));
    const present: Record<string, Tensor> = {};
    cache.forEach((kv, l) => { present[`present.${l}.key`] = kv.k; present[`present.${l}.value`] = kv.v; });
    const past: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(pastFeeds(present, cfg.nLayer))) past[k] = feed(v);
    const last = ids([Number(x.data[T - 1])]);
    const step = await median(() => dec.run({ ids: feed(last), ...past }), 21);
    rows.push([m.id, `${(m.params / 1e6).toFixed(2)} M`, `${(m.bytes / 1e6).toFixed(2)} MB`, `${fwd.toFixed(1)} ms (T=${T})`, `${eager.toFixed(0)} ms`, `${step.toFixed(2)} ms`, `${(1000 / step).toFixed(0)}`]);
    await full.release();
    await dec.release();
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((s, c) => s.padEnd(widths[c])).join(' | '));
  console.log('(sizing target in issue 6: a 128-token forward under ~20 ms on WASM; machine: shared 2-core CPU, 1 ORT thread)');
}
