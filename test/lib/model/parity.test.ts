// Eager (TS reference) vs ONNX graph (onnxruntime-web WASM in Node) on every tap and the logits.
import { afterAll, describe, expect, it } from 'vitest';
import { ids, type AnyTensor } from '@/lib/tensor';
import { buildTransformerGraph, buildTransformerModel } from '@/lib/model/build';
import { FUSED_GRAPH_OPS, GRAPH_OPS } from '@/lib/model/graph';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { allTapNames, names } from '@/lib/model/names';
import { transformer } from '@/lib/model/transformer';
import { variants, testInit } from './fixtures';
import { run, session } from './ort';
import { maxErr } from './compare';

const report: string[] = [];
afterAll(() => console.log(`parity max errors (relative, max over taps | logits):\n${report.join('\n')}`));

describe('eager ↔ ONNX graph parity', () => {
  for (const [label, cfg] of Object.entries(variants)) {
    it(`agrees on every tap and the logits: ${label}`, async () => {
      const w = randomWeights(cfg, 1234, testInit);
      const x = ids([3, 1, 4, 1, 5, 9, 2, 6, 5, 3].slice(0, 7).map((v) => v % cfg.vocabSize));
      const ops = new EagerOps(w, { taps: true });
      const ref = transformer(ops, cfg, x).logits;
      const out = await run(await session(buildTransformerModel(cfg, w, { taps: true })), { ids: x as { data: BigInt64Array; shape: number[] } });
      const expected = allTapNames(cfg.nLayer, cfg.position === 'learned' || cfg.position === 'sinusoidal');
      expect([...ops.trace.keys()].sort()).toEqual([...expected].sort());
      expect(Object.keys(out).sort()).toEqual([...expected, names.logits()].sort());
      let worst = 0;
      for (const name of expected) {
        const e = ops.trace.get(name) as AnyTensor;
        expect(out[name].shape, name).toEqual(e.shape);
        const err = maxErr(out[name].data, e.data as Float32Array);
        expect(err, name).toBeLessThan(1e-4);
        worst = Math.max(worst, err);
      }
      const le = maxErr(out.logits.data, ref.data as Float32Array);
      expect(le).toBeLessThan(1e-4);
      report.push(`  ${label.padEnd(50)} ${worst.toExponential(1)} | ${le.toExponential(1)}`);
    });
  }

  it('every variant, with taps and with a cache, uses only the ops listed in GRAPH_OPS', () => {
    const used = new Set<string>();
    for (const cfg of Object.values(variants)) {
      const w = randomWeights(cfg, 1);
      for (const cache of ['none', 'decode'] as const) buildTransformerGraph(cfg, w, { taps: true, cache }).nodes.forEach((n) => used.add(n.opType));
    }
    expect([...used].filter((op) => !(GRAPH_OPS as readonly string[]).includes(op))).toEqual([]);
    const elsewhere = ['Slice', 'Expand']; // the SSM mixer's split and conv; the train step's backward (zeros, broadcast adjoints)
    expect(elsewhere.filter((op) => used.has(op))).toEqual([]);
    expect(used.size + elsewhere.length).toBe(GRAPH_OPS.length); // the list is not longer than needed (Div comes from RMSNorm)
  });

  it('a fused step graph uses contrib kernels for the norms (with their residual adds), RoPE and SiLU, and no Transpose but the keys\'', () => {
    const cfg = variants['GQA rmsnorm rope swiglu untied no-bias'];
    const w = randomWeights(cfg, 1);
    const count = (fused: boolean) => {
      const by = new Map<string, number>();
      for (const n of buildTransformerGraph(cfg, w, { cache: 'step', fused }).nodes) by.set(n.opType, (by.get(n.opType) ?? 0) + 1);
      return by;
    };
    const fused = count(true), plain = count(false);
    const allowed: readonly string[] = [...GRAPH_OPS, ...FUSED_GRAPH_OPS];
    expect([...fused.keys()].filter((op) => !allowed.includes(op))).toEqual([]);
    expect(fused.get('SimplifiedLayerNormalization')).toBe(1); // blocks.0.norm1; every later norm takes the residual add before it
    expect(fused.get('SkipSimplifiedLayerNormalization')).toBe(2 * cfg.nLayer);
    expect(fused.get('QuickGelu')).toBe(cfg.nLayer);
    expect(fused.get('Sigmoid')).toBeUndefined();
    expect(fused.get('ReduceMean')).toBeUndefined();
    expect(plain.get('ReduceMean')).toBe(2 * cfg.nLayer + 1);
    expect(fused.get('RotaryEmbedding')).toBe(2 * cfg.nLayer);
    expect(plain.get('RotaryEmbedding')).toBeUndefined();
    expect(fused.get('Transpose')).toBe(cfg.nLayer); // one token: head splits and merges are reshapes; only kᵀ moves data
  });

  it('an inplace graph runs each layer\'s attention as one GroupQueryAttention on one packed QKV projection, and writes present.* from that node itself', () => {
    const cfg = variants['GQA rmsnorm rope swiglu untied no-bias'];
    const g = buildTransformerGraph(cfg, randomWeights(cfg, 1), { cache: 'inplace', fused: true });
    const count = (op: string) => g.nodes.filter((n) => n.opType === op).length;
    expect(count('GroupQueryAttention')).toBe(cfg.nLayer);
    for (const op of ['Softmax', 'Transpose', 'Concat', 'RotaryEmbedding', 'Where', 'MatMul']) expect(count(op)).toBe(0);
    expect(count('Gemm')).toBe(cfg.nLayer * 5 + 1); // qkv, o, w1, w3, w2 per layer, and the head
    const gqa = g.nodes.filter((n) => n.opType === 'GroupQueryAttention');
    gqa.forEach((n, l) => expect(n.outputs.slice(1)).toEqual([names.presentKey(l), names.presentValue(l)])); // no renaming copy after it
    const inits = new Set(g.initializers.map((t) => t.name));
    expect(inits.has('blocks.0.attn.wq.weight')).toBe(false); // folded into the packed initializer, not shipped twice
    const packed = g.initializers.find((t) => t.name === g.nodes.find((n) => n.opType === 'Gemm')!.inputs[1])!;
    expect(packed.dims).toEqual([(cfg.nHead + 2 * cfg.nKvHead) * (cfg.dModel / cfg.nHead), cfg.dModel]);
  });

  it('a graph built without taps outputs only the logits', async () => {
    const cfg = variants['GQA rmsnorm rope swiglu untied no-bias'];
    const s = await session(buildTransformerModel(cfg, randomWeights(cfg, 1)));
    expect(s.outputNames).toEqual([names.logits()]);
    expect(s.inputNames).toEqual([names.ids()]);
  });

  it('a tap filter keeps only the chosen taps', async () => {
    const cfg = variants['MHA layernorm learned gelu tied bias'];
    const s = await session(buildTransformerModel(cfg, randomWeights(cfg, 1), { taps: (n) => n === names.attnProbs(1) }));
    expect([...s.outputNames].sort()).toEqual([names.attnProbs(1), names.logits()].sort());
  });
});
