// Changing k / capacity of the shipped lm-moe: accounting vs the manifest, and the eval against
// an independent eager run and the formula for the capacity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import { eagerStep } from '@/lib/model/kvcache';
import { loadWeights } from '@/lib/model/weights';
import { ids as idsTensor } from '@/lib/tensor';
import { evalWindow, moeModelCost, summarize, windows, withSetting } from '@/lib/interp/moe-eval';
import { meanNextTokenLoss } from '@/lib/interp/routing';
import { HELD_OUT_TOKENS } from '@/components/widgets/moe-capacity/held-out';

const cfg = (id: string): TransformerConfig => JSON.parse(readFileSync(`models/${id}/config.json`, 'utf8'));
const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8'));

describe('MoE accounting of the shipped configs', () => {
  it('lm-moe: total and active parameters are the manifest numbers (2,103,424 / 1,513,600)', () => {
    const c = moeModelCost(cfg('lm-moe'));
    expect(c.total).toBe(manifest.models['lm-moe'].params);
    expect(c.total).toBe(2103424);
    // 8 layers × 2 unchosen experts × 3 · 128 · 96 weights
    expect(c.active).toBe(2103424 - 8 * 2 * 3 * 128 * 96);
    expect(c.active).toBe(1513600);
  });

  it('expert FLOPs per token: 2 · (E or k) · 3·C·F + router, × 8 layers', () => {
    const c = moeModelCost(cfg('lm-moe'));
    expect(c.flopsDenseMix).toBe(8 * 2 * (4 * 3 * 128 * 96 + 4 * 128));
    expect(c.flopsSparse).toBe(8 * 2 * (2 * 3 * 128 * 96 + 4 * 128));
    expect(moeModelCost(withSetting(cfg('lm-moe'), { k: 1, capacityFactor: null })).active).toBe(2103424 - 8 * 3 * 3 * 128 * 96);
  });

  it('a dense model is all active', () => {
    const c = moeModelCost(cfg('lm'));
    expect(c.active).toBe(c.total);
    expect(c.total).toBe(manifest.models.lm.params);
  });

  it('withSetting clamps k to 1..E and sets or removes the capacity', () => {
    const m = cfg('lm-moe');
    expect(withSetting(m, { k: 9, capacityFactor: 1.25 }).moe).toMatchObject({ topK: 4, capacityFactor: 1.25 });
    expect(withSetting(m, { k: 0, capacityFactor: null }).moe!.capacityFactor).toBeUndefined();
  });

  it('windows cut consecutive slices and skip a 1-token tail', () => {
    expect(windows([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4]]);
  });

  it('the held-out slice is the start of training/data/austen.val.bin', () => {
    const buf = readFileSync('training/data/austen.val.bin');
    const val = new Uint16Array(buf.buffer, buf.byteOffset, HELD_OUT_TOKENS.length);
    expect(Array.from(val)).toEqual(HELD_OUT_TOKENS);
  });
});

describe('evaluating lm-moe with another k / capacity (eager, 64 held-out tokens)', async () => {
  const m = cfg('lm-moe');
  const w = await loadWeights(new Uint8Array(readFileSync('models/lm-moe/model.safetensors')), { config: m });
  const win = HELD_OUT_TOKENS.slice(0, 64);

  it('the trained setting gives the loss of a plain forward', () => {
    const r = evalWindow(m, w, win, { k: 2, capacityFactor: null });
    const plain = meanNextTokenLoss(eagerStep(m, w, idsTensor(win)).logits.data, win, m.vocabSize);
    expect(r.nllSum / r.predicted).toBeCloseTo(plain, 5);
    const s = summarize([r], 4);
    expect(s.dropped.every((d) => d === 0)).toBe(true);
    s.load.forEach((l) => expect(l.reduce((a, b) => a + b, 0)).toBe(64 * 2)); // every token takes 2 slots
  });

  it('capacity 1 keeps at most ceil(64 · 2 / 4) = 32 tokens per expert, dropping the overflow', () => {
    const r = evalWindow(m, w, win, { k: 2, capacityFactor: 1 });
    const s = summarize([r], 4);
    s.load.forEach((load, l) => {
      const over = load.reduce((a, n) => a + Math.max(0, n - 32), 0);
      expect(s.dropped[l]).toBeCloseTo(over / 128, 6);
    });
  });
});
