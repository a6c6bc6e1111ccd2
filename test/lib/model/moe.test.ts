// Mixture of Experts (lib/model/moe.ts): a hand-derived routing case with capacity dropping, the
// load-balancing loss against its formula, eager vs ONNX graph (WASM), and KV-cache decoding.
import { afterAll, describe, expect, it } from 'vitest';
import { ids, type AnyTensor, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps } from '@/lib/model/eager';
import { buildTransformerGraph, buildTransformerModel } from '@/lib/model/build';
import { GRAPH_OPS, MOE_SSM_GRAPH_OPS } from '@/lib/model/graph';
import { paramCount, randomWeights } from '@/lib/model/init';
import { eagerStep } from '@/lib/model/kvcache';
import { chosenExperts, loadBalancingLoss, moeCost, moeFeedForward } from '@/lib/model/moe';
import { names } from '@/lib/model/names';
import { transformer } from '@/lib/model/transformer';
import { base, testInit } from './fixtures';
import { run, session } from './ort';
import { maxErr } from './compare';

const report: string[] = [];
afterAll(() => console.log(`MoE eager vs ONNX (max relative error over taps | logits):\n${report.join('\n')}`));

const T_ = (data: number[], shape: number[]): Tensor => ({ data: Float32Array.from(data), shape });
const arr = (t: AnyTensor | undefined): number[] => Array.from(t!.data as Float32Array);

/** C = 2, F = 1, GELU experts, router = identity: tokens [2,0], [1,0], [3,0] prefer expert 0, [0,1] expert 1. */
const hand: TransformerConfig = {
  ...base, dModel: 2, dFF: 1, nHead: 1, nKvHead: 1, nLayer: 1, norm: 'rmsnorm', position: 'none', bias: false, mlp: 'gelu',
  moe: { experts: 2, topK: 1, capacityFactor: 1 },
};
const handWeights = new Map<string, Tensor>([
  ['blocks.0.moe.router.weight', T_([1, 0, 0, 1], [2, 2])],
  ['blocks.0.moe.w1', T_([1, 0.5, -1, 2], [2, 1, 2])], // expert 0: a = x0 + 0.5·x1; expert 1: a = -x0 + 2·x1
  ['blocks.0.moe.w2', T_([1, 2, -1, 3], [2, 2, 1])], // expert 0: y = gelu(a)·[1, 2]; expert 1: gelu(a)·[-1, 3]
]);
const xs = [[2, 0], [1, 0], [3, 0], [0, 1]];
const gelu = (a: number): number => 0.5 * a * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (a + 0.044715 * a ** 3)));
const softmax2 = (a: number, b: number): [number, number] => [1 / (1 + Math.exp(b - a)), 1 / (1 + Math.exp(a - b))];

describe('MoE routing on a hand case (2 experts, top-1, capacity factor 1)', () => {
  const ops = new EagerOps(handWeights, { taps: true });
  const y = moeFeedForward(ops, hand, 0, T_(xs.flat(), [1, 4, 2]));
  const tap = (n: string): number[] => arr(ops.trace.get(n));

  it('router probabilities are the softmax of x · Wrᵀ', () => {
    expect(maxErr(tap(names.moeRouterProbs(0)), xs.flatMap(([a, b]) => softmax2(a, b)))).toBeLessThan(1e-6);
  });

  it('chooses the top expert, counts 3 + 1 tokens, and drops the third token of expert 0 (capacity ceil(1·4·1/2) = 2)', () => {
    expect(tap(names.moeChosen(0))).toEqual([1, 0, 1, 0, 1, 0, 0, 1]);
    expect(tap(names.moeCounts(0))).toEqual([3, 1]);
    expect(tap(names.moeDropped(0))).toEqual([0, 0, 0, 0, 1, 0, 0, 0]);
    expect(tap(names.moeGates(0))).toEqual([1, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('the output is the kept expert of each token, and 0 for the dropped token', () => {
    const want = [gelu(2) * 1, gelu(2) * 2, gelu(1), gelu(1) * 2, 0, 0, -gelu(2), gelu(2) * 3];
    expect(maxErr(arr(y), want)).toBeLessThan(1e-6);
  });

  it('without a capacity nothing is dropped; with top-2 of 2 the gates are the probabilities themselves', () => {
    const o1 = new EagerOps(handWeights, { taps: true });
    moeFeedForward(o1, { ...hand, moe: { experts: 2, topK: 1 } }, 0, T_(xs.flat(), [1, 4, 2]));
    expect(arr(o1.trace.get(names.moeGates(0)))).toEqual([1, 0, 1, 0, 1, 0, 0, 1]);
    expect(o1.trace.has(names.moeDropped(0))).toBe(false);
    const o2 = new EagerOps(handWeights, { taps: true });
    moeFeedForward(o2, { ...hand, moe: { experts: 2, topK: 2 } }, 0, T_(xs.flat(), [1, 4, 2]));
    expect(maxErr(arr(o2.trace.get(names.moeGates(0))), xs.flatMap(([a, b]) => softmax2(a, b)))).toBeLessThan(1e-6);
  });

  it('chosenExperts lists each token\'s experts, most probable first', () => {
    const o = new EagerOps(handWeights, { taps: true });
    moeFeedForward(o, { ...hand, moe: { experts: 2, topK: 2 } }, 0, T_(xs.flat(), [1, 4, 2]));
    expect(chosenExperts(o.trace.get(names.moeChosen(0)) as Tensor, o.trace.get(names.moeRouterProbs(0)) as Tensor)).toEqual([[0, 1], [0, 1], [0, 1], [1, 0]]);
    expect(chosenExperts(ops.trace.get(names.moeChosen(0)) as Tensor, ops.trace.get(names.moeRouterProbs(0)) as Tensor)).toEqual([[0], [0], [0], [1]]);
  });

  it('a tie goes to the lower expert index', () => {
    const o = new EagerOps(handWeights, { taps: true });
    moeFeedForward(o, { ...hand, moe: { experts: 2, topK: 1 } }, 0, T_([1, 1], [1, 1, 2]));
    expect(arr(o.trace.get(names.moeChosen(0)))).toEqual([1, 0]);
  });

  it('load-balancing loss = E · Σ f_e P_e: f = (3/4, 1/4) here, and exactly 1 when routing and probabilities are uniform', () => {
    const probs = ops.trace.get(names.moeRouterProbs(0)) as Tensor;
    const P = [0, 1].map((e) => xs.reduce((s, x) => s + softmax2(x[0], x[1])[e], 0) / 4);
    const want = 2 * (0.75 * P[0] + 0.25 * P[1]);
    expect(loadBalancingLoss(probs, ops.trace.get(names.moeChosen(0)) as Tensor, 1)).toBeCloseTo(want, 6);
    expect(loadBalancingLoss(T_([0.5, 0.5, 0.5, 0.5], [1, 2, 2]), T_([1, 0, 0, 1], [1, 2, 2]), 1)).toBeCloseTo(1, 12);
    expect(loadBalancingLoss(T_([1, 0, 1, 0], [1, 2, 2]), T_([1, 0, 1, 0], [1, 2, 2]), 1)).toBeCloseTo(2, 12); // collapse: E
  });
});

const moeVariants: Record<string, TransformerConfig> = {
  '4 experts top-2, rmsnorm rope swiglu': { ...base, norm: 'rmsnorm', position: 'rope', rope: { base: 10000 }, mlp: 'swiglu', bias: false, nKvHead: 2, moe: { experts: 4, topK: 2 } },
  '3 experts top-1 + shared expert, capacity 1.0, gelu, MoE in block 1 only': { ...base, norm: 'rmsnorm', position: 'alibi', bias: false, moe: { experts: 3, topK: 1, sharedExpert: true, capacityFactor: 1, layers: [1] } },
  '4 experts top-2, capacity 0.5 (drops many)': { ...base, norm: 'rmsnorm', position: 'rope', rope: { base: 10000 }, mlp: 'swiglu', bias: false, moe: { experts: 4, topK: 2, capacityFactor: 0.5 } },
};

describe('MoE Transformer: eager ↔ ONNX graph (onnxruntime-web WASM)', () => {
  for (const [label, cfg] of Object.entries(moeVariants)) {
    it(`agrees on every tap (router, gates, counts, drops) and the logits: ${label}`, async () => {
      const w = randomWeights(cfg, 7, testInit);
      const x = ids([3, 1, 4, 1, 5, 9, 2, 6, 5].map((v) => v % cfg.vocabSize));
      const ops = new EagerOps(w, { taps: true });
      const ref = transformer(ops, cfg, x).logits;
      const out = await run(await session(buildTransformerModel(cfg, w, { taps: true })), { ids: x as { data: BigInt64Array; shape: number[] } });
      let worst = 0;
      for (const [name, e] of ops.trace) {
        expect(out[name]?.shape, name).toEqual(e.shape);
        const err = maxErr(out[name].data, e.data as Float32Array);
        expect(err, name).toBeLessThan(1e-4);
        worst = Math.max(worst, err);
      }
      if (cfg.moe?.capacityFactor === 0.5) expect(arr(ops.trace.get(names.moeDropped(0))).some((v) => v === 1)).toBe(true);
      const le = maxErr(out.logits.data, ref.data as Float32Array);
      expect(le).toBeLessThan(1e-4);
      report.push(`  ${label.padEnd(72)} ${worst.toExponential(1)} | ${le.toExponential(1)}`);
    });
  }

  it('the graphs use only GRAPH_OPS plus Exp (no TopK, Loop, Scan or contrib MoE)', () => {
    const used = new Set<string>();
    for (const cfg of Object.values(moeVariants)) {
      buildTransformerGraph(cfg, randomWeights(cfg, 1), { taps: true, cache: 'decode' }).nodes.forEach((n) => used.add(n.opType));
    }
    const allowed = [...GRAPH_OPS, ...MOE_SSM_GRAPH_OPS] as string[];
    expect([...used].filter((op) => !allowed.includes(op))).toEqual([]);
    expect(used.has('CumSum')).toBe(true);
  });

  it('KV-cache decoding equals the full pass (no capacity: routing is per token)', () => {
    const cfg = moeVariants['4 experts top-2, rmsnorm rope swiglu'];
    const w = randomWeights(cfg, 3, testInit);
    const seq = [5, 2, 7, 1, 8, 2].map((v) => v % cfg.vocabSize);
    const full = eagerStep(cfg, w, ids(seq)).logits;
    let r = eagerStep(cfg, w, ids(seq.slice(0, 3)));
    for (let i = 3; i < seq.length; i++) r = eagerStep(cfg, w, ids([seq[i]]), r.cache);
    const V = cfg.vocabSize;
    expect(maxErr(r.logits.data, full.data.subarray((seq.length - 1) * V))).toBeLessThan(1e-4);
  });

  it('parameter accounting: lm-moe-like layer has E× the expert weights of one expert, k/E of them active', () => {
    const cfg: TransformerConfig = { ...moeVariants['4 experts top-2, rmsnorm rope swiglu'], dModel: 128, dFF: 96, nHead: 4, nKvHead: 2 };
    const c = moeCost(cfg);
    expect(c.expertParams).toBe(4 * 3 * 128 * 96 + 4 * 128);
    expect(c.activeExpertParams).toBe(2 * 3 * 128 * 96 + 4 * 128);
    expect(c.flopsDenseMix / c.flopsSparse).toBeCloseTo((4 * 36864 + 512) / (2 * 36864 + 512), 10);
    const dense: TransformerConfig = { ...cfg, dFF: 384, moe: undefined };
    expect(paramCount(cfg) - paramCount(dense)).toBe(cfg.nLayer * 4 * 128); // same expert params as the dense MLP, plus routers
  });
});
