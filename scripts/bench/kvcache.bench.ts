/**
 * The KV-cache lesson's numbers, in Node on ORT WASM (1 thread), on `lm`:
 *   (1) decode time for one new token with a context of 64, 256 and 1024 tokens: with the cache
 *       ('kv-decode': 1 new token + past K/V of the other tokens) against without ('logits' over
 *       the whole context, what each step costs when nothing is kept). Median of REPEATS runs,
 *       ratios measured in this one run. lm was trained on 256 tokens; at 1024 it runs past its
 *       training length (RoPE angles are computed, not tabled), which changes its predictions
 *       but not the work done — only the timing is used here.
 *   (2) validation loss of lm on the fixed slice (first 256 tokens of the 4 held-out windows,
 *       lib/longctx/val-windows.ts) with full attention and with a sliding window of 8 … 128
 *       keys, without and with 4 attention sinks (lib/longctx/bounded-cache.ts; the lesson's test
 *       recomputes these, test/lib/longctx/kv-lesson-numbers.test.ts).
 *
 *   npm run bench -- kvcache
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { buildTransformerModel } from '../../lib/model/build';
import { headSize, type TransformerConfig } from '../../lib/model/config';
import { loadWeights } from '../../lib/model/weights';
import { names } from '../../lib/model/names';
import { boundedCurve, boundedSummary, LESSON_SINKS, parseWindowVariant, WINDOW_SIZES, withWindow, type VariantForward } from '../../lib/longctx/bounded-cache';
import { median } from '../../lib/longctx/kv-growth';
import { valWindows } from '../../lib/longctx/val-windows';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const LENGTHS = [64, 256, 1024];
const REPEATS = 7;

const idsT = (ids: readonly number[]) => new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, ids.length]);

export default async function bench(): Promise<void> {
  const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as { models: Record<string, { config: TransformerConfig; sha256: string; files: { weights: string } }> };
  const e = manifest.models.lm;
  const cfg = e.config;
  const w = await loadWeights(new Uint8Array(readFileSync(e.files.weights)), { sha256: e.sha256, config: cfg });
  const opts: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const full = await ort.InferenceSession.create(buildTransformerModel(cfg, w), opts);
  const decode = await ort.InferenceSession.create(buildTransformerModel(cfg, w, { cache: 'decode' }), opts);

  // (1) one decode step at each context length
  const text = valWindows()[0];
  const rows: string[][] = [['context', 'with cache (ms/token)', 'without (ms/token)', 'without / with']];
  for (const n of LENGTHS) {
    const ids = text.slice(0, n); // n ≤ 1024 = VAL_WINDOW_LENGTH
    const P = n - 1;
    const kv = [1, cfg.nKvHead, P, headSize(cfg)];
    const past: Record<string, ort.Tensor> = {};
    for (let l = 0; l < cfg.nLayer; l++) {
      const fill = () => new ort.Tensor('float32', Float32Array.from({ length: kv.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i) * 0.1), kv);
      past[names.pastKey(l)] = fill();
      past[names.pastValue(l)] = fill();
    }
    const time = async (f: () => Promise<unknown>) => {
      await f(); // warm-up
      const ms: number[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const t0 = performance.now();
        await f();
        ms.push(performance.now() - t0);
      }
      return median(ms);
    };
    const withMs = await time(() => decode.run({ [names.ids()]: idsT(ids.slice(P)), ...past }));
    const withoutMs = await time(() => full.run({ [names.ids()]: idsT(ids) }));
    rows.push([String(n) + (n > cfg.contextLength ? ' (past lm\'s 256: timing only)' : ''), withMs.toFixed(2), withoutMs.toFixed(2), (withoutMs / withMs).toFixed(1) + '×']);
  }
  console.log(`lm (${cfg.nLayer} layers, ${cfg.nKvHead} kv heads × ${headSize(cfg)}), ORT WASM 1 thread, median of ${REPEATS}: time for ONE new token given a context of n tokens.`);
  const wd = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((x, c) => x.padEnd(wd[c])).join(' | '));

  // (2) bounded caches: loss on the fixed slice
  const sessions = new Map<string, ort.InferenceSession>([['logits', full]]);
  const forward: VariantForward = async (variant, ids) => {
    let s = sessions.get(variant);
    if (!s) {
      const win = parseWindowVariant(variant)!;
      s = await ort.InferenceSession.create(buildTransformerModel(withWindow(cfg, win.size, win.sinks), w), opts);
      sessions.set(variant, s);
    }
    const out = await s.run({ [names.ids()]: idsT(ids) });
    return { logits: out[names.logits()].data as Float32Array, vocab: cfg.vocabSize };
  };
  const windows = valWindows();
  const f = (x: number) => x.toFixed(3);
  const base = boundedSummary(await boundedCurve('logits', windows, forward));
  console.log(`\nValidation loss (nats) of lm on the first 256 tokens of ${windows.length} held-out windows: all positions / positions ≥ 128.`);
  console.log(`full attention: ${f(base.whole)} / ${f(base.late)}`);
  for (const size of WINDOW_SIZES) {
    const a = boundedSummary(await boundedCurve(`logits@window:${size}:0`, windows, forward));
    const b = boundedSummary(await boundedCurve(`logits@window:${size}:${LESSON_SINKS}`, windows, forward));
    console.log(`window ${String(size).padStart(3)}: ${f(a.whole)} / ${f(a.late)}   + ${LESSON_SINKS} sinks: ${f(b.whole)} / ${f(b.late)}`);
  }
  for (const s of sessions.values()) await s.release();
  await decode.release();
}
