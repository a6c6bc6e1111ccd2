// lm-moe and lm-ssm beyond the shared parity files (eager.test.ts, onnx.test.ts run them too):
// the SSM's recurrent decode graph on real weights, the manifest's total / active parameters, and
// the routing statistics the training run measured on the validation text.
import { describe, expect, it } from 'vitest';
import { ids } from '@/lib/tensor';
import { paramCount } from '@/lib/model/init';
import { moeCost } from '@/lib/model/moe';
import { buildSsmModel, ssmPastFeeds } from '@/lib/model/ssm-lm';
import { run, session } from '../model/ort';
import { argmaxOf, fixture, manifest, readJson, weightsOf } from './shipped';

const feed = (v: number[]) => ({ ids: ids(v) as { data: BigInt64Array; shape: number[] } });

describe('lm-ssm: prefill graph + one-step recurrent decode graph (onnxruntime-web WASM)', () => {
  it("greedy-decodes PyTorch's tokens, carrying only the fixed-size conv and SSM states", async () => {
    const fx = fixture('lm-ssm');
    const cfg = fx.config;
    const w = await weightsOf('lm-ssm');
    const pre = await session(buildSsmModel(cfg, w, { cache: 'prefill' }));
    const dec = await session(buildSsmModel(cfg, w, { cache: 'decode' }));
    const prompt = fx.cases[fx.greedy.case].ids;
    let out = await run(pre, feed(prompt));
    const V = cfg.vocabSize;
    const got: number[] = [];
    let T = prompt.length;
    const stateShape = out['present.0.ssm'].shape;
    for (let i = 0; i < fx.greedy.steps; i++) {
      const next = argmaxOf(out.logits.data.subarray((T - 1) * V, T * V));
      got.push(next);
      out = await run(dec, { ...feed([next]), ...ssmPastFeeds(out, cfg.nLayer) });
      T = 1;
      expect(out['present.0.ssm'].shape).toEqual(stateShape);
    }
    expect(got).toEqual(fx.greedy.tokens);
  });
});

describe('manifest: total and active parameters at matched size', () => {
  const m = manifest().models;
  it('lm-moe, lm-ssm and lm are within 0.3% of each other in total parameters, all ≤ 5 MB', () => {
    for (const id of ['lm-moe', 'lm-ssm']) {
      expect(Math.abs(m[id].params / m.lm.params - 1)).toBeLessThan(0.003);
      expect(m[id].params).toBe(paramCount(m[id].config));
      expect(m[id].bytes).toBeLessThanOrEqual(5_000_000);
    }
  });

  it("lm-moe's active parameters = total minus the (E - k) unchosen experts of every layer; lm-ssm's = total", () => {
    const e = m['lm-moe'] as typeof m['lm-moe'] & { activeParams: number };
    const cfg = e.config;
    const c = moeCost(cfg);
    expect(e.activeParams).toBe(e.params - cfg.nLayer * (c.expertParams - c.activeExpertParams));
    expect((m['lm-ssm'] as typeof e).activeParams).toBe(m['lm-ssm'].params);
  });
});

describe('lm-moe: what the experts specialise in (measured by training/moe_ssm.py routing_stats)', () => {
  interface Expert { expert: number; share: number; topTokens: [number, number, number][]; topText: string[] }
  const log = readJson<{ moeRouting: { windows: number; layers: Record<string, Expert[]> } }>('models/lm-moe/training-log.json');
  it('covers every layer and expert over all validation windows; shares sum to 1 and no expert collapsed', () => {
    expect(log.moeRouting.windows).toBe(212);
    expect(Object.keys(log.moeRouting.layers)).toHaveLength(8);
    for (const experts of Object.values(log.moeRouting.layers)) {
      expect(experts.map((x) => x.expert)).toEqual([0, 1, 2, 3]);
      expect(experts.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 3);
      for (const x of experts) expect(x.share).toBeGreaterThan(0.1);
      for (const x of experts) expect(x.topText).toHaveLength(x.topTokens.length);
    }
  });
});
