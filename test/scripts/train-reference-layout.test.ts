import { describe, expect, it } from 'vitest';
import { ids, linear, matmul, mulberry32, randn, type Tensor } from '@/lib/tensor';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { positionContext } from '@/lib/model/positions';
import type { TransformerConfig } from '@/lib/model/config';
import { exampleOf, playgroundConfig } from '@/lib/train';
import { initLora, withAdapters } from '@/lib/peft';
import { fromReference, refBatch, refSupport, refTables, toReference } from '@/scripts/bench/reference/layout';

/**
 * The pure half of the TF.js reference train step (npm run bench -- train-reference): our weights
 * and config mapped into the reference's layout must mean the same model. TF.js itself is a
 * bench-only install, so the checks here use lib/tensor's kernels on both sides.
 */
const cfg = playgroundConfig({ kind: 'reverse', symbols: 4, length: 3 });
const lora = { r: 2, alpha: 4, targets: ['wq', 'wv'] as const };
const adapters = initLora(cfg, lora, 4);
for (const [n, a] of adapters) if (n.endsWith('lora_B')) adapters.set(n, { data: randn(mulberry32(7), a.data.length), shape: a.shape }); // B ≠ 0, so the product is not trivially 0
const weights = withAdapters(randomWeights(cfg, 3), adapters);
const byName = new Map(toReference(weights, (n) => n.includes('lora')).map((p) => [p.name, p]));
const t = (p: { data: Float32Array; shape: number[] }): Tensor => ({ data: p.data, shape: p.shape });
/** max |a − b| (the two matmul kernels may sum in different orders). */
const maxDiff = (a: Float32Array, b: Float32Array): number => (a.length === b.length ? a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0) : Infinity);

describe('the reference layout of our weights', () => {
  it('maps every weight there and back unchanged, flagging only the trainable ones', () => {
    expect([...byName.keys()]).toEqual([...weights.keys()]);
    for (const [name, w] of weights) {
      const p = byName.get(name)!;
      expect(p.trainable).toBe(name.includes('lora'));
      const back = fromReference(name, p.shape, p.data);
      expect(back.shape).toEqual(w.shape);
      expect(back.data).toEqual(w.data);
    }
  });

  it('keeps embeddings and norm weights as they are and turns each Linear into a kernel x·K', () => {
    expect(byName.get('tok_emb.weight')!.data).toEqual(weights.get('tok_emb.weight')!.data);
    expect(byName.get('blocks.0.norm1.weight')!.shape).toEqual([cfg.dModel]);
    const x = { data: randn(mulberry32(5), 3 * cfg.dModel), shape: [3, cfg.dModel] };
    for (const name of ['blocks.0.attn.wq.weight', 'blocks.1.mlp.w2.weight']) {
      const h = name.endsWith('w2.weight') ? { data: randn(mulberry32(6), 3 * cfg.dFF), shape: [3, cfg.dFF] } : x;
      expect(maxDiff(matmul(h, t(byName.get(name)!)).data, linear(h, weights.get(name)!).data)).toBeLessThan(1e-6);
    }
    // LoRA: (x·A')·B' is our linear(linear(x, A), B)
    const a = 'blocks.0.attn.wv.lora_A';
    const b = 'blocks.0.attn.wv.lora_B';
    expect(byName.get(a)!.shape).toEqual([cfg.dModel, lora.r]);
    expect(maxDiff(matmul(matmul(x, t(byName.get(a)!)), t(byName.get(b)!)).data, linear(linear(x, weights.get(a)!), weights.get(b)!).data)).toBeLessThan(1e-6);
  });

  it('builds the same RoPE tables as the model and a causal mask', () => {
    const T = 6;
    const ctx = positionContext(new EagerOps(weights), cfg, ids([0, 1, 2, 3, 4, 5]), null);
    const tab = refTables(cfg, T);
    expect(tab.cos).toEqual(ctx.rope!.cos.data);
    expect(tab.sin).toEqual(ctx.rope!.sin.data);
    expect(tab.mask[1 * T + 1]).toBe(0);
    expect(tab.mask[1 * T + 0]).toBe(0);
    expect(tab.mask[1 * T + 2]).toBe(-1e9);
    expect(refTables({ ...cfg, position: 'learned' }, T).cos).toBeNull();
  });

  it('weights each loss row so the sum is the mean over examples of each example’s mean', () => {
    const task = { kind: 'reverse' as const, symbols: 4, length: 3 };
    const one = exampleOf(task, [1, 2, 3]);
    const two = { tokens: [0, 1, 2, 3, 4, 0, 1], targets: [-1, 1, -1, -1, -1, -1] }; // one counted row
    const b = refBatch([one, two]);
    expect(b.ids).toEqual(Int32Array.from([...one.tokens.slice(0, -1), ...two.tokens.slice(0, -1)]));
    const rowLoss = Array.from({ length: 12 }, (_, i) => i + 1);
    const sum = rowLoss.reduce((s, l, i) => s + l * b.rowWeight[i], 0);
    const mean = (((4 + 5 + 6) / 3) + 8) / 2; // example 1 counts rows 3..5 (losses 4, 5, 6); example 2 row 1 (loss 8)
    expect(sum).toBeCloseTo(mean, 5);
    expect(b.targets[3]).toBe(one.targets![3]);
    expect(b.targets[0]).toBe(0);
  });

  it('accepts the playground and lm shapes and names what it cannot run', () => {
    expect(refSupport(cfg)).toBeNull();
    const lmLike: TransformerConfig = { ...cfg, nHead: 4, nKvHead: 2 };
    expect(refSupport(lmLike)).toBeNull();
    expect(refSupport({ ...cfg, position: 'alibi' })).toContain('alibi');
    expect(refSupport({ ...cfg, moe: { experts: 2, topK: 1 } })).toBe('MoE');
  });
});
