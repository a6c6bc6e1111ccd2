// The train-step ONNX graph (forward + backward + AdamW, lib/train/train-graph.ts) run on
// onnxruntime-web's WASM backend in Node, against lib/train's eager gradients and optimiser
// (themselves checked against finite differences and PyTorch in gradcheck / torch tests).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { GRAPH_OPS, type GVal } from '@/lib/model/graph';
import type { WeightMap } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import type { Ops } from '@/lib/model/ops';
import { loadWeights } from '@/lib/model/weights';
import { LoraOps, initLora, isLoraName, withAdapters, type LoraConfig } from '@/lib/peft';
import {
  AdamW, GRAD_GRAPH_OPS, adamScalars, batchStep, buildTrainGraph, buildTrainModel, cloneWeights, lossAndGrads, playgroundConfig, trainNames,
  trainStep, type TaskSpec, type Var, type Weights,
} from '@/lib/train';
import { variants, testInit } from '../model/fixtures';
import { run, session, type Feed } from '../model/ort';

const report: string[] = [];
afterAll(() => console.log(`train graph vs eager (max |Δ| / max |eager| per tensor, worst):\n${report.join('\n')}`));

/**
 * max |a − b| / max |b|: a relative error that does not blow up on entries near 0; `floor` (1e-3 of
 * the largest gradient of the model) stands in for max |b| on a tensor whose true gradient is 0
 * (e.g. a key bias: softmax ignores a shift common to a row), where both sides hold rounding noise.
 */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>, scale = 0): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / (Math.max(m, 1e-3 * scale) || 1);
}

const maxAbs = (m: ReadonlyMap<string, ArrayLike<number>>): number => Math.max(...[...m.values()].map((g) => Math.max(...Array.from(g, Math.abs))));

const i64 = (xs: readonly number[], shape: number[]) => ({ data: BigInt64Array.from(xs, (x) => BigInt(x)), shape });

function exampleFeed(b: number, tokens: readonly number[], targets?: readonly number[]): Feed {
  const T = tokens.length - 1;
  return { [trainNames.ids(b)]: i64(tokens.slice(0, -1), [1, T]), [trainNames.targets(b)]: i64(targets ?? tokens.slice(1), [T]) };
}

function paramFeed(w: WeightMap, params: { name: string; shape: number[] }[]): Feed {
  return Object.fromEntries(params.map((p) => [p.name, { data: (w.get(p.name) as Tensor).data, shape: p.shape }]));
}

/** Graph gradients (no update) vs lossAndGrads; returns the worst relative error. */
async function gradParity(label: string, cfg: TransformerConfig, w: Weights, tokens: number[], opts: { trainable?: (n: string) => boolean; wrap?: (o: Ops<GVal>) => Ops<GVal>; wrapEager?: (o: Ops<Var>) => Ops<Var> } = {}): Promise<void> {
  const ref = lossAndGrads(w, cfg, tokens, { trainable: opts.trainable, wrap: opts.wrapEager });
  const { bytes, params } = buildTrainModel(cfg, w, { T: tokens.length - 1, trainable: opts.trainable, wrap: opts.wrap, noUpdate: true });
  expect(params.map((p) => p.name).sort()).toEqual([...ref.grads.keys()].sort());
  const out = await run(await session(bytes), { ...exampleFeed(0, tokens), ...paramFeed(w, params) });
  expect(Math.abs(out.loss.data[0] - ref.loss) / ref.loss).toBeLessThan(1e-5);
  const scale = maxAbs(ref.grads);
  let worst = 0;
  for (const p of params) {
    const e = relErr(out[trainNames.grad(p.name)].data, ref.grads.get(p.name)!, scale);
    expect(e, p.name).toBeLessThan(1e-4);
    worst = Math.max(worst, e);
  }
  report.push(`  ${label.padEnd(44)} grads ${worst.toExponential(1)}  (${params.length} tensors)`);
}

const tokens = [3, 17, 5, 5, 9, 0, 22, 11];

describe('train-step graph: gradients agree with the eager tape', () => {
  for (const name of ['MHA layernorm learned gelu tied bias', 'GQA rmsnorm rope swiglu untied no-bias', 'MQA layernorm sinusoidal swiglu untied bias', 'MHA layernorm alibi gelu window 3 + 1 sink']) {
    it(`every weight of ${name}`, async () => {
      const cfg = variants[name];
      await gradParity(name, cfg, cloneWeights(randomWeights(cfg, 7, testInit)), tokens.map((t) => t % cfg.vocabSize));
    });
  }

  it('every weight of tiny-random (the committed weights)', async () => {
    const cfg = JSON.parse(readFileSync('models/tiny-random/config.json', 'utf8')) as TransformerConfig;
    const w = new Map(await loadWeights(new Uint8Array(readFileSync('models/tiny-random/model.safetensors')), { config: cfg }));
    await gradParity('tiny-random', cfg, cloneWeights(w), tokens.map((t) => (t * 37) % cfg.vocabSize));
  });

  it('a gradient the graph gets wrong is caught (a perturbed weight feed)', async () => {
    const cfg = variants['GQA rmsnorm rope swiglu untied no-bias'];
    const w = cloneWeights(randomWeights(cfg, 7, testInit));
    const ref = lossAndGrads(w, cfg, tokens);
    const { bytes, params } = buildTrainModel(cfg, w, { T: tokens.length - 1, noUpdate: true });
    const feed = paramFeed(w, params);
    const name = 'blocks.1.mlp.w2.weight';
    feed[name] = { ...feed[name], data: (feed[name].data as Float32Array).map((x) => x * 1.01) };
    const out = await run(await session(bytes), { ...exampleFeed(0, tokens), ...feed });
    expect(relErr(out[trainNames.grad('blocks.1.attn.wq.weight')].data, ref.grads.get('blocks.1.attn.wq.weight')!)).toBeGreaterThan(1e-4);
  });
});

describe('train-step graph: lm + LoRA (r 8 on wq, wv; base frozen as initializers)', () => {
  const lora: LoraConfig = { r: 8, alpha: 16, targets: ['wq', 'wv'] };
  let cfg: TransformerConfig;
  let w: Weights;
  beforeAll(async () => {
    cfg = JSON.parse(readFileSync('models/lm/config.json', 'utf8')) as TransformerConfig;
    const base = await loadWeights(new Uint8Array(readFileSync('models/lm/model.safetensors')), { config: cfg });
    // B ≠ 0 (random), so A gets a gradient too
    const ad = initLora(cfg, lora, 1);
    const rng = mulberry32(5);
    for (const [n, t] of ad) if (n.endsWith('lora_B')) t.data.forEach((_, i) => (t.data[i] = 0.02 * rng.normal()));
    w = new Map(withAdapters(base, ad));
  });

  it('A and B gradients and the loss on 32 tokens', async () => {
    const toks = Array.from({ length: 33 }, (_, i) => (i * 7919 + 13) % cfg.vocabSize);
    await gradParity('lm + LoRA r 8, 32 tokens', cfg, w, toks, {
      trainable: isLoraName,
      wrap: (o) => new LoraOps(o, cfg, lora),
      wrapEager: (o) => new LoraOps(o, cfg, lora),
    });
  });

  it('the base weights are initializers, the adapters inputs', () => {
    const tg = buildTrainGraph(cfg, w, { T: 4, trainable: isLoraName, wrap: (o) => new LoraOps(o, cfg, lora) });
    const inputs = tg.graph.inputs.map((i) => i.name);
    expect(tg.params).toHaveLength(2 * 2 * cfg.nLayer);
    expect(inputs.filter((n) => n.startsWith('blocks.') && isLoraName(n))).toHaveLength(2 * 2 * cfg.nLayer);
    expect(inputs.filter((n) => n.startsWith('adam.m.'))).toHaveLength(2 * 2 * cfg.nLayer);
    expect(tg.graph.initializers.map((i) => i.name)).toContain('blocks.0.attn.wq.weight');
    expect(inputs).not.toContain('blocks.0.attn.wq.weight');
  });
});

describe('train-step graph: the AdamW update', () => {
  it('two steps (clip 1, weight decay 0.1 except norms) give the weights eager trainStep gives', async () => {
    const cfg = variants['GQA rmsnorm rope swiglu untied no-bias'];
    const w0 = cloneWeights(randomWeights(cfg, 3, testInit));
    const adam = { weightDecay: 0.1, decays: (n: string) => !n.includes('norm') };
    const { bytes, params } = buildTrainModel(cfg, w0, { T: tokens.length - 1, clip: 1, adam });
    const s = await session(bytes);
    const eager = cloneWeights(w0);
    const opt = new AdamW(adam);
    let state: Feed = paramFeed(w0, params);
    for (const p of params) {
      const z = new Float32Array(p.shape.reduce((a, d) => a * d, 1));
      state[trainNames.m(p.name)] = { data: z, shape: p.shape };
      state[trainNames.v(p.name)] = { data: z, shape: p.shape };
    }
    for (let t = 1; t <= 2; t++) {
      const lr = 0.01 * t;
      const r = trainStep(eager, cfg, tokens, opt, { lr, clip: 1 });
      const sc = adamScalars(adam, t, lr);
      const out = await run(s, {
        ...state, ...exampleFeed(0, tokens),
        [trainNames.step]: { data: Float32Array.of(sc.step), shape: [] },
        [trainNames.rb2]: { data: Float32Array.of(sc.rb2), shape: [] },
        [trainNames.decay]: { data: Float32Array.of(sc.decay), shape: [] },
      });
      expect(out.loss.data[0]).toBeCloseTo(r.loss, 5);
      expect(Math.abs(out.grad_norm.data[0] - r.gradNorm) / r.gradNorm).toBeLessThan(1e-4);
      expect(r.gradNorm).toBeGreaterThan(1); // so clipping acted
      const next: Feed = {};
      for (const p of params) for (const k of [p.name, trainNames.m(p.name), trainNames.v(p.name)]) next[k] = out[trainNames.next(k)];
      state = next;
    }
    let worst = 0;
    for (const p of params) {
      const e = relErr(state[p.name].data as Float32Array, eager.get(p.name)!.data);
      expect(e, p.name).toBeLessThan(1e-4);
      worst = Math.max(worst, e);
    }
    report.push(`  ${'2 AdamW steps, clip 1, λ 0.1'.padEnd(44)} weights ${worst.toExponential(1)}`);
  });

  // The weights after Adam's first step are not compared here: θ moves by ≈ lr·g/(|g| + ε), so an
  // entry whose gradient is ~1e-8 (rounding level) moves by a rounding-dependent amount on either side.
  it('a batch of 4 examples is batchStep (gradient accumulation: same loss, mean gradients) in one run', async () => {
    const task: TaskSpec = { kind: 'reverse', symbols: 4, length: 3 };
    const cfg = playgroundConfig(task);
    const w0 = cloneWeights(randomWeights(cfg, 1, { std: 0.1 }));
    const batch = [[0, 1, 2, 4, 2, 1, 0], [3, 3, 1, 4, 1, 3, 3], [2, 0, 0, 4, 0, 0, 2], [1, 2, 3, 4, 3, 2, 1]].map((t) => ({ tokens: t, targets: t.slice(1).map((x, i) => (i >= 3 ? x : -1)) }));
    const { bytes, params } = buildTrainModel(cfg, w0, { T: 6, batch: 4, clip: 1, adam: { weightDecay: 0.01 }, grads: true });
    const eager = cloneWeights(w0);
    const r = batchStep(eager, cfg, batch, new AdamW({ weightDecay: 0.01 }), { lr: 1e-2, clip: 1 });
    const sc = adamScalars({ weightDecay: 0.01 }, 1, 1e-2);
    const feed: Feed = { ...paramFeed(w0, params) };
    batch.forEach((ex, b) => Object.assign(feed, exampleFeed(b, ex.tokens, ex.targets)));
    for (const p of params) {
      const z = new Float32Array(p.shape.reduce((a, d) => a * d, 1));
      feed[trainNames.m(p.name)] = { data: z, shape: p.shape };
      feed[trainNames.v(p.name)] = { data: z, shape: p.shape };
    }
    Object.assign(feed, { [trainNames.step]: { data: Float32Array.of(sc.step), shape: [] }, [trainNames.rb2]: { data: Float32Array.of(sc.rb2), shape: [] }, [trainNames.decay]: { data: Float32Array.of(sc.decay), shape: [] } });
    const out = await run(await session(bytes), feed);
    expect(out.loss.data[0]).toBeCloseTo(r.loss, 5);
    let worst = 0;
    const mean = new Map<string, Float32Array>();
    for (const ex of batch) {
      for (const [n, g] of lossAndGrads(w0, cfg, ex.tokens, { targets: ex.targets }).grads) {
        const acc = mean.get(n) ?? new Float32Array(g.length);
        g.forEach((x, i) => (acc[i] += x / batch.length));
        mean.set(n, acc);
      }
    }
    const scale = maxAbs(mean);
    for (const p of params) worst = Math.max(worst, relErr(out[trainNames.grad(p.name)].data, mean.get(p.name)!, scale));
    expect(worst).toBeLessThan(1e-4);
    report.push(`  ${'playground default, batch 4 (mean gradients)'.padEnd(44)} grads ${worst.toExponential(1)}`);
  });

  it('uses only GraphOps ops plus the listed backward ops', () => {
    const cfg = variants['MHA layernorm learned gelu tied bias'];
    const used = new Set(buildTrainGraph(cfg, randomWeights(cfg, 1), { T: 5, clip: 1 }).graph.nodes.map((n) => n.opType));
    const allowed: readonly string[] = [...GRAPH_OPS, ...GRAD_GRAPH_OPS];
    expect([...used].filter((op) => !allowed.includes(op))).toEqual([]);
  });
});
