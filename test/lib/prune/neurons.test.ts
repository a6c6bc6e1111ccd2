import { describe, expect, it } from 'vitest';
import { neuronScores, pruneNeurons } from '@/lib/prune/neurons';
import type { TransformerConfig } from '@/lib/model/config';

// one SwiGLU layer, C = 2, F = 2: W1 = W3 = I, W2 = diag(1, 3) → scores 1·1·1 and 1·1·3
const cfg = { nLayer: 1, dModel: 2, dFF: 2, mlp: 'swiglu' } as TransformerConfig;
const I = () => ({ data: Float32Array.from([1, 0, 0, 1]), shape: [2, 2] });
const w = new Map([
  ['blocks.0.mlp.w1.weight', I()],
  ['blocks.0.mlp.w3.weight', I()],
  ['blocks.0.mlp.w2.weight', { data: Float32Array.from([1, 0, 0, 3]), shape: [2, 2] }],
]);

describe('MLP neuron pruning', () => {
  it('scores neuron j by ‖W1[j]‖·‖W3[j]‖·‖W2[:, j]‖', () => {
    expect(Array.from(neuronScores(cfg, w, 0))).toEqual([1, 3]);
  });
  it('half the neurons: neuron 0 loses row 0 of W1 and W3 and column 0 of W2', () => {
    const { weights, pruned } = pruneNeurons(cfg, w, 0.5);
    expect(pruned).toEqual([[0]]);
    expect(Array.from(weights.get('blocks.0.mlp.w1.weight')!.data)).toEqual([0, 0, 0, 1]);
    expect(Array.from(weights.get('blocks.0.mlp.w3.weight')!.data)).toEqual([0, 0, 0, 1]);
    expect(Array.from(weights.get('blocks.0.mlp.w2.weight')!.data)).toEqual([0, 0, 0, 3]);
  });
  it('the pruned MLP computes the same as the MLP without that neuron', () => {
    const x = [0.7, -1.3];
    const silu = (v: number) => v / (1 + Math.exp(-v));
    const mlp = (m: Map<string, { data: Float32Array }>) => {
      const [w1, w3, w2] = ['w1', 'w3', 'w2'].map((k) => m.get(`blocks.0.mlp.${k}.weight`)!.data);
      const h = [0, 1].map((j) => silu(w1[2 * j] * x[0] + w1[2 * j + 1] * x[1]) * (w3[2 * j] * x[0] + w3[2 * j + 1] * x[1]));
      return [0, 1].map((r) => w2[2 * r] * h[0] + w2[2 * r + 1] * h[1]);
    };
    // without neuron 0 only neuron 1 contributes: W2[:, 1] · silu(x1)·x1
    expect(mlp(pruneNeurons(cfg, w, 0.5).weights)).toEqual([0, 3 * silu(x[1]) * x[1]].map((v) => expect.closeTo(v, 6)) as unknown as number[]);
  });
});
