// lm-mlm, the encoder-only masked LM: its predictions at [MASK] positions through lib/interp/mlm.ts
// reproduce PyTorch's (training/mlm.py masked_fixture_entries), and its attention is bidirectional.
import { describe, expect, it } from 'vitest';
import { ids } from '@/lib/tensor';
import { EagerOps } from '@/lib/model/eager';
import { paramCount } from '@/lib/model/init';
import { transformer } from '@/lib/model/transformer';
import { maskTokenId, topPredictions, TOKENIZER_VOCAB } from '@/lib/interp/mlm';
import { maxErr } from '../model/compare';
import { fixture, manifest, weightsOf } from './shipped';

const ID = 'lm-mlm';

describe.runIf(manifest().models[ID])('lm-mlm (encoder-only masked LM)', () => {
  const fx = fixture(ID);
  const cfg = fx.config;
  const V = cfg.vocabSize;

  it('is the one Transformer with a bidirectional mask and one extra id, [MASK] = 4096', () => {
    expect(cfg.attnMask).toEqual({ kind: 'bidirectional' });
    expect(maskTokenId(cfg)).toBe(TOKENIZER_VOCAB);
    expect(fx.mlm!.maskId).toBe(4096);
    expect(paramCount(cfg)).toBe(manifest().models[ID].params);
    expect(manifest().models[ID].bytes).toBeLessThanOrEqual(3_000_000);
  });

  it("top-10 predictions and log-sum-exp at every [MASK] of every case match PyTorch's", async () => {
    const w = await weightsOf(ID);
    let masks = 0;
    for (const { case: ci, masked } of fx.mlm!.cases) {
      const c = fx.cases[ci];
      const logits = transformer(new EagerOps(w), cfg, ids(c.ids)).logits.data as Float32Array; // [1, T, V]
      for (const m of masked) {
        expect(c.ids[m.position]).toBe(4096);
        const top = topPredictions(logits, V, m.position, 10, V - 1);
        expect(top.map((p) => p.id), `${c.name} @${m.position}`).toEqual(m.top.map(([id]) => id));
        expect(maxErr(top.map((p) => p.logit), m.top.map(([, x]) => x))).toBeLessThan(1e-3);
        let mx = -Infinity;
        for (let v = 0; v < V; v++) mx = Math.max(mx, logits[m.position * V + v]);
        let s = 0;
        for (let v = 0; v < V; v++) s += Math.exp(logits[m.position * V + v] - mx);
        expect(maxErr([mx + Math.log(s)], [m.logSumExp])).toBeLessThan(1e-3);
        masks++;
      }
    }
    expect(masks).toBeGreaterThanOrEqual(3);
  });

  it('a word AFTER the mask changes the prediction (it would not in a causal model)', async () => {
    const w = await weightsOf(ID);
    const base = fx.cases[0].ids;
    const p = base.indexOf(4096);
    const changed = [...base];
    changed[base.length - 1] = (base[base.length - 1] + 1) % 4096;
    const run = (x: number[], causal: boolean) =>
      transformer(new EagerOps(w), causal ? { ...cfg, attnMask: { kind: 'causal' } } : cfg, ids(x)).logits.data as Float32Array;
    const row = (l: Float32Array) => Array.from(l.subarray(p * V, (p + 1) * V));
    expect(maxErr(row(run(changed, false)), row(run(base, false)))).toBeGreaterThan(1e-3);
    // the same weights under the causal mask: row p does not depend on the last token
    expect(maxErr(row(run(changed, true)), row(run(base, true)))).toBe(0);
  });

  it("PyTorch's attention probabilities put weight above the diagonal (keys after the query)", () => {
    const t = fx.taps.values['tap.blocks.0.attn.probs']; // [1, nh, T, T]
    const T = t.shape[2];
    let above = 0;
    for (let h = 0; h < t.shape[1]; h++) for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) above += t.values![(h * T + i) * T + j];
    expect(above).toBeGreaterThan(0.5);
  });
});
