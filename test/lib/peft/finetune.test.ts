import { beforeAll, describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { loadWeights } from '@/lib/model/weights';
import { adapterBytes, loraFinetune, loraParamCounts, windowsOf, type FinetuneReport, type LoraConfig } from '@/lib/peft';
import { read, readJson } from '../models/shipped';

// tiny-random reads bytes (V = 256): the text's UTF-8 bytes are its tokens.
const text = 'Shall I compare thee to a summer\'s day? Thou art more lovely and more temperate. '.repeat(6);
const tokens = [...new TextEncoder().encode(text)];
const lora: LoraConfig = { r: 4, alpha: 8, targets: ['wq', 'wv'] };
let cfg: TransformerConfig;
let base: WeightMap;

beforeAll(async () => {
  cfg = readJson<TransformerConfig>('models/tiny-random/config.json');
  base = await loadWeights(new Uint8Array(read('models/tiny-random/model.safetensors')), { config: cfg });
});

describe('windowsOf', () => {
  it('cuts [0..9] into windows of w + 1 tokens that overlap by one (each target is predicted once)', () => {
    expect(windowsOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4, 10)).toEqual([[0, 1, 2, 3, 4], [4, 5, 6, 7, 8], [8, 9]]);
  });
});

describe('loraFinetune', () => {
  it('lowers the held-out loss of tiny-random on a repeated verse within 30 steps (seed 1)', () => {
    const before = base.get('blocks.0.attn.wq.weight')!.data.slice();
    const run = loraFinetune({ cfg, base, tokens, lora, steps: 30, window: 32, lrMax: 1e-2, evalEvery: 10 });
    const reps: FinetuneReport[] = [...run];
    expect(reps.map((r) => r.step)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    const vals = reps.filter((r) => r.valLoss !== null).map((r) => r.valLoss!);
    expect(vals.length).toBe(4); // steps 0, 10, 20, 30
    expect(vals[3]).toBeLessThan(vals[0] - 0.5);
    expect(base.get('blocks.0.attn.wq.weight')!.data).toEqual(before); // the base stays frozen
    expect([...run.adapters.keys()].every((n) => /\.lora_[AB]$/.test(n))).toBe(true);
  });
  it('stops when the consumer stops (a Cancel button breaks the loop)', () => {
    const run = loraFinetune({ cfg, base, tokens, lora, steps: 50, window: 16 });
    let n = 0;
    for (const r of run) if (++n === 3 || r.step > 2) break;
    expect(run.next().done).toBe(true);
  });
  it('is reproducible: the same seed gives the same losses', () => {
    const a = [...loraFinetune({ cfg, base, tokens, lora, steps: 3, window: 16, seed: 5 })].map((r) => r.loss);
    const b = [...loraFinetune({ cfg, base, tokens, lora, steps: 3, window: 16, seed: 5 })].map((r) => r.loss);
    expect(a).toEqual(b);
  });
  it('reports adapter bytes as the F32 safetensors of r(m + n) values per matrix plus its header', () => {
    const run = loraFinetune({ cfg, base, tokens, lora, steps: 1 });
    const n = loraParamCounts(cfg, lora).lora; // 2 layers × (4·(64+64) + 4·(32+64)) = 1792
    expect(n).toBe(1792);
    const bytes = adapterBytes(run.adapters);
    expect(bytes).toBeGreaterThan(4 * n);
    expect(bytes).toBeLessThan(4 * n + 2048);
  });
});
