import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { loadWeights } from '@/lib/model/weights';
import { AdamW, SGD, cloneWeights, globalNorm, lossAndGrads, trainStep, type Optimizer } from '@/lib/train';
import { read, readJson } from '../models/shipped';

/**
 * The whole model's gradients and three optimiser steps against PyTorch (float64 on CPU, via
 * training/model.py on the committed tiny-random weights): test/fixtures/train/make_grad_fixture.py.
 */
interface Sampled {
  shape: number[];
  norm: number;
  idx: number[];
  val: number[];
}
interface Steps {
  lr: number;
  losses: number[];
  params: Record<string, number[]>;
}
interface GradFixture {
  config: TransformerConfig;
  ids: number[];
  targets: number[];
  loss: number;
  gradNorm: number;
  grads: Record<string, Sampled>;
  adamw: Steps & { beta1: number; beta2: number; eps: number; weightDecay: number };
  sgd: Steps & { momentum: number };
}

const fx = readJson<GradFixture>('test/fixtures/train/grad-tiny-random.json');
const tokens = [...fx.ids, fx.targets[fx.targets.length - 1]];
let base: WeightMap;
const worst = new Map<string, number>();
const note = (k: string, e: number): number => (worst.set(k, Math.max(worst.get(k) ?? 0, e)), e);

/** max |a − b| over the sample / max |b| over the sample. */
function sampleErr(a: ArrayLike<number>, idx: number[], want: number[]): number {
  let d = 0;
  let s = 0;
  idx.forEach((j, i) => {
    d = Math.max(d, Math.abs(a[j] - want[i]));
    s = Math.max(s, Math.abs(want[i]));
  });
  return d / Math.max(s, 1e-12);
}

beforeAll(async () => {
  const cfg = readJson<TransformerConfig>('models/tiny-random/config.json');
  expect(cfg).toEqual(fx.config);
  base = await loadWeights(new Uint8Array(read('models/tiny-random/model.safetensors')), { config: cfg });
});

describe('tiny-random gradients vs PyTorch', () => {
  it('gives the same loss and every weight gradient (norm and 48 sampled entries) to 1e-4', () => {
    const { loss, grads } = lossAndGrads(cloneWeights(base), fx.config, tokens);
    expect(Math.abs(loss - fx.loss) / fx.loss).toBeLessThan(1e-5);
    note('loss', Math.abs(loss - fx.loss) / fx.loss);
    expect([...grads.keys()].sort()).toEqual(Object.keys(fx.grads).sort());
    for (const [name, want] of Object.entries(fx.grads)) {
      const g = grads.get(name)!;
      const n = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
      expect(note('grad norm', Math.abs(n - want.norm) / want.norm), name).toBeLessThan(1e-4);
      expect(note('grad entries', sampleErr(g, want.idx, want.val)), name).toBeLessThan(1e-4);
    }
    expect(note('global norm', Math.abs(globalNorm(grads) - fx.gradNorm) / fx.gradNorm)).toBeLessThan(1e-4);
  });

  const steps = (name: 'adamw' | 'sgd', opt: Optimizer): void => {
    const w = cloneWeights(base);
    const losses = [0, 1, 2].map(() => trainStep(w, fx.config, tokens, opt, { lr: fx[name].lr }).loss);
    losses.forEach((l, i) => expect(note(`${name} losses`, Math.abs(l - fx[name].losses[i]) / fx[name].losses[i])).toBeLessThan(1e-4));
    for (const [p, want] of Object.entries(fx[name].params)) {
      expect(note(`${name} weights`, sampleErr(w.get(p)!.data, fx.grads[p].idx, want)), p).toBeLessThan(1e-4);
    }
  };
  it('matches torch.optim.AdamW over three steps (losses and updated weights)', () => {
    const a = fx.adamw;
    steps('adamw', new AdamW({ beta1: a.beta1, beta2: a.beta2, eps: a.eps, weightDecay: a.weightDecay }));
  });
  it('matches torch.optim.SGD with momentum over three steps', () => {
    steps('sgd', new SGD({ momentum: fx.sgd.momentum }));
  });
  afterAll(() => {
    if (process.env.GRADCHECK_REPORT) console.log([...worst].map(([k, e]) => `${e.toExponential(2)}  ${k}`).join('\n'));
  });
});
