// GraphTrainer (lib/runtime/train-graph.ts) on onnxruntime-web's WASM backend in Node: three
// updates of the train-step graph, state carried between runs, against eager trainStep.
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { randomWeights } from '@/lib/model/init';
import { GraphTrainer } from '@/lib/runtime/train-graph';
import type { OrtModule } from '@/lib/runtime';
import { AdamW, buildTrainModel, cloneWeights, trainStep } from '@/lib/train';
import { variants, testInit } from '../model/fixtures';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

describe('GraphTrainer', () => {
  it('three steps carry weights and moments between runs and match eager trainStep', async () => {
    const cfg = variants['GQA rmsnorm rope swiglu untied no-bias'];
    const w0 = cloneWeights(randomWeights(cfg, 3, testInit));
    const tokens = [3, 17, 5, 5, 9, 0, 22, 11];
    const adam = { weightDecay: 0.1 };
    const { bytes, params } = buildTrainModel(cfg, w0, { T: 7, clip: 1, adam });
    const tr = await GraphTrainer.create(ort as unknown as OrtModule, { bytes, params, init: w0, backend: 'wasm', adam, batch: 1, T: 7 });
    const before = w0.get('norm_f.weight')!.data[0];
    const eager = cloneWeights(w0);
    const opt = new AdamW(adam);
    for (let s = 1; s <= 3; s++) {
      const r = trainStep(eager, cfg, tokens, opt, { lr: 0.01, clip: 1 });
      const g = await tr.step([{ tokens }], 0.01);
      expect(Math.abs(g.loss - r.loss) / r.loss).toBeLessThan(1e-5);
    }
    expect(tr.t).toBe(3);
    const w = await tr.weights();
    expect(w0.get('norm_f.weight')!.data[0]).toBe(before); // the initial weights were copied, not trained in place
    expect(w.get('norm_f.weight')![0]).not.toBe(before);
    let worst = 0;
    for (const p of params) {
      const e = eager.get(p.name)!.data;
      const d = w.get(p.name)!.reduce((m, x, i) => Math.max(m, Math.abs(x - e[i])), 0);
      worst = Math.max(worst, d / Math.max(...Array.from(e, Math.abs)));
    }
    expect(worst).toBeLessThan(1e-4);
    await expect(tr.step([{ tokens: tokens.slice(1) }], 0.01)).rejects.toThrow(/8 tokens/);
    await tr.release();
  });
});
