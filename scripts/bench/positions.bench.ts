/**
 * The Positions lesson's context-extension experiment, in Node on ORT WASM (1 thread): `lm`
 * (RoPE, trained on 256-token windows) run on the lesson's held-out Austen windows
 * (lib/longctx/val-windows.ts) at 1×, 2× and 4× its training length with no scaling, Position
 * Interpolation, NTK-aware scaling and YaRN (factor s = the length ratio), next to `lm-alibi` and
 * `lm-learned-pos` (both trained at 128; the learned table stops there). Same plan and loss code
 * as the page (lib/longctx/extension.ts), so the lesson's numbers are these.
 *
 *   npm run bench -- positions
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { buildTransformerModel } from '../../lib/model/build';
import { loadWeights } from '../../lib/model/weights';
import type { TransformerConfig } from '../../lib/model/config';
import type { WeightMap } from '../../lib/model/eager';
import { parseScaledVariant, withRule } from '../../lib/longctx/scaling';
import { LM_CONTEXT, seriesCurve, seriesPlan, summarize, type Forward, type SeriesSpec } from '../../lib/longctx/extension';
import { buckets } from '../../lib/longctx/position-loss';
import { valWindows } from '../../lib/longctx/val-windows';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

interface Entry { config: TransformerConfig; sha256: string; files: { weights: string } }

export default async function bench(): Promise<void> {
  const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as { models: Record<string, Entry> };
  const models = new Map<string, { cfg: TransformerConfig; w: WeightMap }>();
  const sessions = new Map<string, ort.InferenceSession>();
  const forward: Forward = async (model, variant, ids) => {
    let m = models.get(model);
    if (!m) {
      const e = manifest.models[model];
      m = { cfg: e.config, w: await loadWeights(new Uint8Array(readFileSync(e.files.weights)), { sha256: e.sha256, config: e.config }) };
      models.set(model, m);
    }
    const key = `${model}|${variant}`;
    let s = sessions.get(key);
    if (!s) {
      const sc = parseScaledVariant(variant);
      const cfg = sc ? withRule(m.cfg, sc.kind, sc.factor) : m.cfg;
      s = await ort.InferenceSession.create(buildTransformerModel(cfg, m.w), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      sessions.set(key, s);
    }
    const out = await s.run({ ids: new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, ids.length]) });
    return { logits: out.logits.data as Float32Array, vocab: m.cfg.vocabSize };
  };

  const windows = valWindows();
  const t0 = performance.now();
  const curves = new Map<string, { spec: SeriesSpec; curve: Float64Array }>();
  for (const s of [2, 4]) {
    for (const spec of seriesPlan(s, s * LM_CONTEXT)) {
      if (s === 2 && (spec.id === 'none' || spec.id === 'alibi' || spec.id === 'learned')) continue; // the 4× run covers them
      curves.set(`${spec.id}@${s}`, { spec, curve: await seriesCurve(spec, windows, forward) });
    }
  }
  const sec = (performance.now() - t0) / 1000;
  const get = (id: string, s: number) => curves.get(id === 'none' || id === 'alibi' || id === 'learned' ? `${id}@4` : `${id}@${s}`)!;
  const f = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(3));

  console.log(`${windows.length} held-out Austen windows × up to ${4 * LM_CONTEXT} tokens; mean loss (nats) over positions 0…N−2 of windows of N tokens, and over positions ≥ 256 only.`);
  console.log('For lm the rules run at factor s = N/256 (1× = no scaling for every rule).');
  const rows: string[][] = [['series', 'N=128', '1× (N=256)', '2× (N=512)', '2×, pos ≥ 256', '4× (N=1024)', '4×, pos ≥ 256', '4×, pos < 256']];
  for (const id of ['none', 'pi', 'ntk', 'yarn', 'alibi', 'learned']) {
    const c2 = get(id, 2).curve, c4 = get(id, 4).curve;
    const base = id === 'alibi' || id === 'learned' ? get(id, 4).curve : get('none', 4).curve; // factor 1 at 1×
    rows.push([get(id, 4).spec.label, f(summarize(base, 128).whole), f(summarize(base, 256).whole), f(summarize(c2, 512).whole), f(summarize(c2, 512).beyond),
      f(summarize(c4, 1024).whole), f(summarize(c4, 1024).beyond), f(summarize(c4, 257).whole)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((x, c) => x.padEnd(widths[c])).join(' | '));
  console.log('\nA factor larger than the window needs, s = 4 on 512 tokens (all positions / positions < 256 / positions ≥ 256):');
  for (const id of ['pi', 'ntk', 'yarn']) {
    const at4 = summarize(get(id, 4).curve, 512), at2 = summarize(get(id, 2).curve, 512);
    console.log(`  ${get(id, 4).spec.label}: ${f(at4.whole)} / ${f(at4.within)} / ${f(at4.beyond)}   (s = 2: ${f(at2.whole)} / ${f(at2.within)} / ${f(at2.beyond)})`);
  }
  console.log('\nLoss per 64-position bucket at 4× (factor 4 for the rules):');
  const ids = ['none', 'pi', 'ntk', 'yarn', 'alibi', 'learned'];
  console.log(['positions', ...ids].join('\t'));
  const bk = ids.map((id) => buckets(get(id, 4).curve, 64));
  for (let b = 0; b < bk[0].length; b++) console.log([`${bk[0][b].start}-${bk[0][b].end - 1}`, ...bk.map((x) => f(x[b]?.mean ?? NaN))].join('\t'));
  console.log(`(${curves.size} curves, ${sec.toFixed(1)} s; lm-learned-pos stops at position 126: its position table has 128 rows)`);
  for (const s of sessions.values()) await s.release();
}
