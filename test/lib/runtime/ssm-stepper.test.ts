// A state-space model (cfg.ssm) through the Runtime: kv-prefill / kv-decode carry the conv and SSM
// states instead of keys and values, and seeded sampling matches the eager recurrent loop.
import { describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import { randomWeights } from '@/lib/model/init';
import { presets } from '@/lib/model/presets';
import { eagerSsmStep, type SsmCache } from '@/lib/model/ssm-lm';
import { generate } from '@/lib/sample';
import { mulberry32 } from '@/lib/tensor';
import { Runtime } from '@/lib/runtime';
import { calibrationPlan, lastLogits, transformerModel } from '@/lib/runtime/transformer';
import { countingOrt } from './nodeOrt';

const cfg: TransformerConfig = { ...(presets['tiny-random'] as TransformerConfig), position: 'none', rope: undefined, ssm: { dState: 4, headDim: 8, expand: 2, convKernel: 4 } };
const weights = randomWeights(cfg, 21, { std: 0.2 });
const ids = (xs: number[]) => ({ data: BigInt64Array.from(xs.map(BigInt)), shape: [1, xs.length] });

describe('an SSM language model in the Runtime', () => {
  it('seeded sampling through kv-prefill / kv-decode (states, not K/V) draws the eager recurrent ids', async () => {
    const rt = new Runtime({ provider: async () => transformerModel(cfg, weights), ort: countingOrt().load, navigator: {} });
    await rt.load('ssm');
    const prompt = [1, 2, 3, 4];
    const ort = await rt.generate('ssm', { prompt, maxNewTokens: 10, sampler: { temperature: 1 }, seed: 5 });
    let cache: SsmCache | undefined;
    let seen = 0;
    const eager = await generate({
      prompt, maxNewTokens: 10, sampler: { temperature: 1 }, rng: mulberry32(5),
      nextLogits: (all) => {
        const step = eagerSsmStep(cfg, weights, ids(all.slice(seen)), cache, seen === 0 ? 'parallel' : 'recurrent');
        cache = step.cache;
        seen = all.length;
        return lastLogits({ dtype: 'float32', dims: step.logits.shape, data: step.logits.data as Float32Array });
      },
    });
    expect(ort.newIds).toEqual(eager.newIds);
  });

  it('the calibration decode step feeds fixed-size states', () => {
    const plan = calibrationPlan(cfg);
    expect(plan.decode.feeds['past.0.conv'].dims).toEqual([1, 3, cfg.dModel * 2 + 8]);
    expect(plan.decode.feeds['past.0.ssm'].dims).toEqual([1, (cfg.dModel * 2) / 8, 8, 4]);
    expect(Object.keys(plan.decode.feeds).some((k) => k.endsWith('.key'))).toBe(false);
  });
});
