/**
 * lm vs lm-moe vs lm-ssm on ORT WASM (1 thread, Node): a 128-token forward, and one decode step
 * after a prefill of P = 32 … 1024 tokens (lm and lm-moe: KV cache of P tokens; lm-ssm: its
 * fixed-size conv + SSM state). One run, medians printed; nothing asserted.
 *
 *   npm run bench -- moe-ssm
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { ids, type Tensor } from '../../lib/tensor';
import { buildTransformerModel } from '../../lib/model/build';
import { pastFeeds } from '../../lib/model/kvcache';
import { ssmPastFeeds } from '../../lib/model/ssm-lm';
import { loadWeights } from '../../lib/model/weights';
import type { TransformerConfig } from '../../lib/model/config';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

interface Entry { id: string; config: TransformerConfig; params: number; activeParams?: number; bytes: number; sha256: string; files: { weights: string } }
const CONTEXTS = [32, 128, 256, 512, 1024];

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

const feed = (t: Tensor<BigInt64Array | Float32Array>): ort.Tensor => new ort.Tensor(t.data instanceof BigInt64Array ? 'int64' : 'float32', t.data, t.shape);
const tokens = (n: number, V: number) => ids(Array.from({ length: n }, (_, i) => (i * 7919 + 13) % V));

export default async function bench(): Promise<void> {
  const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as { models: Record<string, Entry> };
  const opts: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const rows: string[][] = [['model', 'params total / active', 'fwd 128', ...CONTEXTS.map((P) => `decode @${P}`), 'cache floats @1024']];
  for (const id of ['lm', 'lm-moe', 'lm-ssm']) {
    const m = manifest.models[id];
    if (!m) continue;
    const cfg = m.config;
    const w = await loadWeights(new Uint8Array(readFileSync(m.files.weights)), { sha256: m.sha256, config: cfg, fileName: m.files.weights });
    const full = await ort.InferenceSession.create(buildTransformerModel(cfg, w), opts);
    const pre = await ort.InferenceSession.create(buildTransformerModel(cfg, w, { cache: 'prefill' }), opts);
    const dec = await ort.InferenceSession.create(buildTransformerModel(cfg, w, { cache: 'decode' }), opts);
    const fwd = await median(() => full.run({ ids: feed(tokens(128, cfg.vocabSize)) }), 7);
    const steps: string[] = [];
    let floats = 0;
    for (const P of CONTEXTS) {
      const out = await pre.run({ ids: feed(tokens(P, cfg.vocabSize)) });
      const past = (cfg.ssm ? ssmPastFeeds : pastFeeds)(out, cfg.nLayer) as Record<string, ort.Tensor>;
      floats = Object.values(past).reduce((s, t) => s + t.size, 0);
      steps.push(`${(await median(() => dec.run({ ids: feed(ids([1])), ...past }), 15)).toFixed(2)} ms`);
    }
    rows.push([id, `${(m.params / 1e6).toFixed(2)} M / ${((m.activeParams ?? m.params) / 1e6).toFixed(2)} M`, `${fwd.toFixed(1)} ms`, ...steps, floats.toLocaleString('en')]);
    await Promise.all([full.release(), pre.release(), dec.release()]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((s, c) => s.padEnd(widths[c])).join(' | '));
  console.log('(lm-moe runs all 4 experts per token in this graph (lib/model/moe.ts); lm / lm-moe were trained at 256 tokens, lm-ssm has no context limit; shared 2-core CPU, 1 ORT thread)');
}
