/**
 * A whole training step as ONE ONNX graph: forward (the unchanged transformer.ts over GradGraph),
 * next-token cross-entropy, backward, clipping by global norm and the AdamW update, so
 * onnxruntime-web (WASM or WebGPU) runs a step per session.run with no TS kernels in the loop.
 *
 *   inputs   ids.{b} int64 [1, T], targets.{b} int64 [T] (−1 = not counted), b < batch
 *            every trained weight θ under its own name, adam.m.θ and adam.v.θ (same shape)
 *            adam.step = lr / (1 − β₁ᵗ), adam.rb2 = 1 / √(1 − β₂ᵗ), adam.decay = 1 − lr·λ  (scalars)
 *   outputs  loss [], grad_norm [] (before clipping), next.θ, next.adam.m.θ, next.adam.v.θ
 *            (+ grad.θ, before clipping, when `grads` is set)
 * Frozen weights are initializers (for LoRA: the whole base). The step scalars come from
 * adamScalars() so the graph needs no Pow and t lives in JS (lib/runtime/train-graph.ts).
 *
 * The update is optim.ts's AdamW (Loshchilov & Hutter 2019, Algorithm 2) node for node:
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  θ ← θ·decay − step·m / (√v·rb2 + ε)
 * and the batch is gradient accumulation as batchStep: the loss is the mean over the B examples
 * of each one's mean token loss (B copies of the forward share the weight inputs).
 *
 * Cross-entropy (loss.ts) from plain ops: z − max, Exp, ReduceSum, Log; the target logit by a
 * one-hot (Equal against 0..V−1, so −1 matches nothing); ∂L/∂z = (softmax − onehot)·mask / count.
 */
import { encodeModel, type OnnxGraph } from '@/lib/onnx';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import type { GVal } from '@/lib/model/graph';
import type { Ops } from '@/lib/model/ops';
import { dims, GradGraph } from './grad-graph';
import { modelLogits } from './step';

export interface AdamGraphOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** λ (as optim.ts's AdamW; default 0.01). */
  weightDecay?: number;
  /** Which weights decay (default all). */
  decays?: (name: string) => boolean;
}

export interface TrainGraphOptions {
  /** Tokens per example (static). */
  T: number;
  /** Examples per step (default 1). */
  batch?: number;
  trainable?: (name: string) => boolean;
  /** Wraps the recording Ops (e.g. LoraOps), as step.ts's `wrap`. */
  wrap?: (ops: Ops<GVal>) => Ops<GVal>;
  /** Max global gradient norm (omit: no clipping). */
  clip?: number;
  adam?: AdamGraphOptions;
  /** Also output grad.θ (tests). */
  grads?: boolean;
  /** Leave out the clip and update nodes: loss and grad.θ only (tests). */
  noUpdate?: boolean;
}

export interface TrainGraph {
  graph: OnnxGraph;
  /** Trained weights, in input order, with shapes. */
  params: { name: string; shape: number[] }[];
  batch: number;
  T: number;
}

export const trainNames = {
  ids: (b: number) => `ids.${b}`,
  targets: (b: number) => `targets.${b}`,
  m: (p: string) => `adam.m.${p}`,
  v: (p: string) => `adam.v.${p}`,
  next: (x: string) => `next.${x}`,
  grad: (p: string) => `grad.${p}`,
  loss: 'loss',
  gradNorm: 'grad_norm',
  step: 'adam.step',
  rb2: 'adam.rb2',
  decay: 'adam.decay',
} as const;

/** The three step scalars for update number t (1-based) at learning rate lr (optim.ts's arithmetic). */
export function adamScalars(opts: AdamGraphOptions, t: number, lr: number): { step: number; rb2: number; decay: number } {
  const b1 = opts.beta1 ?? 0.9;
  const b2 = opts.beta2 ?? 0.999;
  return { step: lr / (1 - b1 ** t), rb2: 1 / Math.sqrt(1 - b2 ** t), decay: 1 - lr * (opts.weightDecay ?? 0.01) };
}

/** Mean cross-entropy of logits [1, T, V] against targets int64 [T], scaled by 1/B; returns loss and ∂loss/∂logits. */
function crossEntropyNodes(gg: GradGraph, logits: GVal, targets: GVal, B: number): { loss: GVal; dlogits: GVal } {
  const G = gg.graph;
  const [, T, V] = dims(logits);
  const z = G.reshape(logits, [T, V]);
  const zs = G.sub(z, G.op('ReduceMax', [z], [T, 1], { axes: { ints: [-1] }, keepdims: { int: 1 } })); // [T, V]
  const e = G.exp(zs);
  const s = G.op('ReduceSum', [e, G.ints([-1])], [T, 1], { keepdims: { int: 1 } }); // [T, 1]
  const lse = G.op('Log', [s], [T, 1]);
  const onehot = G.toFloat(G.op('Equal', [G.reshape(targets, [T, 1]), G.ints([...Array(V).keys()])], [T, V], {}, 'bool')); // [T, V]
  const mask = G.op('ReduceSum', [onehot, G.ints([-1])], [T, 1], { keepdims: { int: 1 } }); // 1 where counted
  const count = G.op('Max', [G.op('ReduceSum', [mask, G.ints([0, 1])], [], { keepdims: { int: 0 } }), G.num(1)], []);
  const zt = G.op('ReduceSum', [G.mul(zs, onehot), G.ints([-1])], [T, 1], { keepdims: { int: 1 } }); // target logit − max
  const total = G.op('ReduceSum', [G.mul(G.sub(lse, zt), mask), G.ints([0, 1])], [], { keepdims: { int: 0 } });
  const denom = G.scale(count, B); // count · B
  const loss = G.op('Div', [total, denom], []);
  const p = G.op('Div', [e, s], [T, V]); // softmax
  const d = G.op('Div', [G.sub(G.mul(p, mask), onehot), denom], [T, V]);
  return { loss, dlogits: G.reshape(d, [1, T, V]) };
}

export function buildTrainGraph(cfg: TransformerConfig, weights: WeightMap, o: TrainGraphOptions): TrainGraph {
  const B = o.batch ?? 1;
  const gg = new GradGraph(weights, { trainable: o.trainable });
  const G = gg.graph;
  const ops = o.wrap ? o.wrap(gg) : gg;
  const losses: GVal[] = [];
  const seeds: { logits: GVal; d: GVal }[] = [];
  for (let b = 0; b < B; b++) {
    const ids = G.input(trainNames.ids(b), 'int64', [1, o.T]);
    const targets = G.input(trainNames.targets(b), 'int64', [o.T]);
    const logits = modelLogits(ops, cfg, ids); // [1, T, V]
    const { loss, dlogits } = crossEntropyNodes(gg, logits, targets, B);
    losses.push(loss);
    seeds.push({ logits, d: dlogits });
  }
  const loss = losses.reduce((a, l) => G.add(a, l));
  G.output(trainNames.loss, loss);
  // One sweep seeded at every example's logits (separate sweeps would re-run shared nodes).
  gg.backwardMany(seeds.map((s) => s.logits), seeds.map((s) => s.d));
  const params = [...gg.trained()].map(([name, v]) => ({ name, shape: dims(v) }));
  const grads = params.map((p) => gg.grad(p.name));
  if (o.grads || o.noUpdate) params.forEach((p, i) => G.output(trainNames.grad(p.name), grads[i]));
  if (!o.noUpdate) update(G, params, grads, o);
  return { graph: G.graph('train-step'), params, batch: B, T: o.T };
}

function update(G: GradGraph['graph'], params: TrainGraph['params'], grads: GVal[], o: TrainGraphOptions): void {
  const sq = grads.map((g) => G.op('ReduceSum', [G.mul(g, g), G.ints([...dims(g).keys()])], [], { keepdims: { int: 0 } }));
  const norm = G.op('Sqrt', [sq.reduce((a, s) => G.add(a, s))], []);
  G.output(trainNames.gradNorm, norm);
  const c = o.clip === undefined ? null : G.op('Min', [G.op('Div', [G.num(o.clip), G.add(norm, G.num(1e-6))], []), G.num(1)], []);
  const a = o.adam ?? {};
  const b1 = a.beta1 ?? 0.9;
  const b2 = a.beta2 ?? 0.999;
  const step = G.input(trainNames.step, 'float32', []);
  const rb2 = G.input(trainNames.rb2, 'float32', []);
  const decay = G.input(trainNames.decay, 'float32', []);
  params.forEach(({ name, shape }, i) => {
    const g = c ? G.mul(grads[i], c) : grads[i];
    const theta: GVal = { name, dtype: 'float32', shape };
    const m = G.input(trainNames.m(name), 'float32', shape);
    const v = G.input(trainNames.v(name), 'float32', shape);
    const m2 = G.add(G.scale(m, b1), G.scale(g, 1 - b1));
    const v2 = G.add(G.scale(v, b2), G.scale(G.mul(g, g), 1 - b2));
    const den = G.add(G.mul(G.op('Sqrt', [v2], shape), rb2), G.num(a.eps ?? 1e-8));
    const kept = (a.decays ?? (() => true))(name) ? G.mul(theta, decay) : theta;
    G.output(trainNames.next(name), G.sub(kept, G.op('Div', [G.mul(m2, step), den], shape)));
    G.output(trainNames.next(trainNames.m(name)), m2);
    G.output(trainNames.next(trainNames.v(name)), v2);
  });
}

/** The serialized train-step model (opset 17). */
export function buildTrainModel(cfg: TransformerConfig, weights: WeightMap, o: TrainGraphOptions): { bytes: Uint8Array; params: TrainGraph['params'] } {
  const tg = buildTrainGraph(cfg, weights, o);
  return { bytes: encodeModel(tg.graph, { opsetVersion: 17, producerName: 'llm-lab' }), params: tg.params };
}
