// The playground's graph engine (lib/train/play-graph.ts) on onnxruntime-web WASM in Node against
// the eager engine (PlaygroundRun.trainStep): the same seed gives the same batches and schedule,
// so the two loss curves agree step by step within float error, and so do the evaluations.
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { OrtModule } from '@/lib/runtime';
import { GraphPlayground, graphSupport } from '@/lib/train/play-graph';
import { PlaygroundRun, defaultSpec } from '@/lib/train/playground';
import { PASSAGES } from '@/lib/train/passages';
import { TEXT_WINDOW } from '@/lib/train/text-task';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const ORT = ort as unknown as OrtModule;

describe('the playground on the train-step graph (ORT WASM) vs the eager TypeScript engine', () => {
  it('the default spec: 20 steps of losses within 1e-4, and the same held-out evaluation', async () => {
    const spec = defaultSpec(); // the lesson quotes this test: the first 20 steps of the default run
    const eager = new PlaygroundRun(spec);
    const graph = await GraphPlayground.create(new PlaygroundRun(spec), ORT, 'wasm');
    let worst = 0;
    const losses: number[] = [];
    for (let s = 0; s < 20; s++) {
      const e = eager.trainStep();
      const g = await graph.trainStep();
      expect(g.step).toBe(e.step);
      expect(g.lr).toBe(e.lr);
      worst = Math.max(worst, Math.abs(g.loss - e.loss));
      expect(Math.abs(g.gradNorm - e.gradNorm) / e.gradNorm).toBeLessThan(1e-3);
      losses.push(e.loss);
    }
    expect(worst).toBeLessThan(1e-4);
    expect(losses[19]).toBeLessThan(losses[0] - 0.1); // it trains: the check compares moving curves
    const he = eager.evaluate();
    const hg = await graph.evaluate();
    expect(Math.abs(hg.loss - he.loss)).toBeLessThan(1e-4);
    expect(hg.token).toBe(he.token);
    await graph.release();
  });

  it('no clipping and weight decay 0.1 on reverse, 3 layers: still the eager curve', async () => {
    const spec = defaultSpec({ task: { kind: 'reverse', symbols: 5, length: 3 }, nLayer: 3, clip: Infinity, weightDecay: 0.1, warmup: 3, seed: 7 });
    const eager = new PlaygroundRun(spec);
    const graph = await GraphPlayground.create(new PlaygroundRun(spec), ORT, 'wasm');
    for (let s = 0; s < 10; s++) {
      const e = eager.trainStep();
      const g = await graph.trainStep();
      expect(Math.abs(g.loss - e.loss)).toBeLessThan(1e-4);
    }
    await graph.release();
  });

  it('the text task (windows of 17 characters) on the graph: the eager curve too', async () => {
    const spec = defaultSpec({ task: { kind: 'text', text: PASSAGES.kjv.text, window: TEXT_WINDOW } });
    const eager = new PlaygroundRun(spec);
    const graph = await GraphPlayground.create(new PlaygroundRun(spec), ORT, 'wasm');
    for (let s = 0; s < 5; s++) expect(Math.abs((await graph.trainStep()).loss - eager.trainStep().loss)).toBeLessThan(1e-4);
    expect((await graph.evaluate()).sample!.prompt).toBe(eager.evaluate().sample!.prompt);
    await graph.release();
  });

  it('SGD is not in the graph: graphSupport says so and create refuses', async () => {
    const spec = defaultSpec({ optimizer: 'sgd' });
    expect(graphSupport(spec)).toMatch(/AdamW only/);
    expect(graphSupport(defaultSpec())).toBeNull();
    await expect(GraphPlayground.create(new PlaygroundRun(spec), ORT, 'wasm')).rejects.toThrow(/AdamW only/);
  });
});
