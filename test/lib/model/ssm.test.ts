// State-space models (lib/model/ssm.ts, ssm-lm.ts): parallel (SSD) = recurrent (eager), a hand-
// checked 1-channel mixer and ZOH discretisation, eager = ONNX graph (WASM) for the full-sequence,
// prefill and one-step decode graphs.
import { afterAll, describe, expect, it } from 'vitest';
import { ids, type AnyTensor, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps } from '@/lib/model/eager';
import { buildTransformerGraph, buildTransformerModel } from '@/lib/model/build';
import { GRAPH_OPS, MOE_SSM_GRAPH_OPS } from '@/lib/model/graph';
import { paramCount, randomWeights } from '@/lib/model/init';
import { names } from '@/lib/model/names';
import { mamba2, mamba2Step, s4dKernel, s4dReal, zeroSsmState } from '@/lib/model/ssm';
import { buildSsmModel, eagerSsmStep, ssmLm, ssmPastFeeds, type SsmCache } from '@/lib/model/ssm-lm';
import { kvCacheFloats, ssmStateFloats } from '@/lib/model/ssm-shapes';
import { base, testInit } from './fixtures';
import { run, session } from './ort';
import { maxErr } from './compare';

const report: string[] = [];
afterAll(() => console.log(`SSM max relative errors:\n${report.join('\n')}`));

const T_ = (data: number[], shape: number[]): Tensor => ({ data: Float32Array.from(data), shape });
const arr = (t: AnyTensor): Float32Array => t.data as Float32Array;
const ssmBase: TransformerConfig = { ...base, norm: 'rmsnorm', position: 'none', bias: false, mlp: 'swiglu', ssm: { dState: 4, headDim: 8, expand: 2, convKernel: 4 } };
const variants: Record<string, TransformerConfig> = {
  'Mamba-2 d16 N4 P8 K4 swiglu tied': ssmBase,
  'Mamba-2 d16 N3 P4 K2 gelu untied + MoE': { ...ssmBase, mlp: 'gelu', tiedEmbeddings: false, ssm: { dState: 3, headDim: 4, expand: 1, convKernel: 2 }, moe: { experts: 2, topK: 1 } },
};
const seq = [5, 2, 7, 1, 8, 2, 8, 1, 8, 3];
/** lm's shape (8 layers, 2 KV heads of 32). */
const variantsLm = { ...base, nLayer: 8, dModel: 128, nHead: 4, nKvHead: 2 } as TransformerConfig;
const softplus = (v: number): number => Math.log1p(Math.exp(v));
const silu = (v: number): number => v / (1 + Math.exp(-v));

describe('Mamba-2 mixer, one channel, by hand', () => {
  // C = Di = H = P = N = 1, K = 2: in_proj rows z | x | B | C | dt, each a scalar times u.
  const cfg: TransformerConfig = { ...ssmBase, dModel: 1, nHead: 1, nKvHead: 1, ssm: { dState: 1, headDim: 1, expand: 1, convKernel: 2 } };
  const wz = 0.7, wx = 1.3, wb = -0.4, wc = 0.9, wdt = 0.5, conv0 = 0.3, conv1 = 1.1, cb = [0.05, -0.1, 0.2], dtBias = -0.5, aLog = Math.log(2), D = 0.25;
  const w = new Map<string, Tensor>([
    ['blocks.0.ssm.in_proj.weight', T_([wz, wx, wb, wc, wdt], [5, 1])],
    ['blocks.0.ssm.conv.weight', T_([conv0, conv1, conv0, conv1, conv0, conv1], [3, 2])],
    ['blocks.0.ssm.conv.bias', T_(cb, [3])],
    ['blocks.0.ssm.dt_bias', T_([dtBias], [1])],
    ['blocks.0.ssm.A_log', T_([aLog], [1])],
    ['blocks.0.ssm.D', T_([D], [1])],
    ['blocks.0.ssm.norm.weight', T_([1], [1])],
    ['blocks.0.ssm.out_proj.weight', T_([1], [1, 1])],
  ]);
  const us = [0.5, -1, 2, 0.25];

  /** The recurrence written out with scalars; returns y_t before the gated norm, and z_t. */
  function byHand(): { y: number[]; z: number[]; dt: number[]; h: number } {
    let h = 0;
    const dts: number[] = [];
    const prev = [0, 0, 0]; // previous x, B, C inputs of the conv
    const y: number[] = [];
    const z: number[] = [];
    for (const u of us) {
      const cur = [wx * u, wb * u, wc * u];
      const [x, B, C] = cur.map((v, i) => silu(cb[i] + conv0 * prev[i] + conv1 * v));
      cur.forEach((v, i) => (prev[i] = v));
      const dt = softplus(wdt * u + dtBias);
      dts.push(dt);
      const Abar = Math.exp(dt * -2); // A = -exp(log 2)
      h = Abar * h + dt * B * x;
      y.push(h * C + D * x);
      z.push(wz * u);
    }
    return { y, z, dt: dts, h };
  }

  it('the parallel and the recurrent forms both give the hand recurrence: Δ, the final state h_T, and the output', () => {
    const { y, z, dt, h } = byHand();
    const want = y.map((v, i) => {
      const g = v * silu(z[i]);
      return g / Math.sqrt(g * g + cfg.normEps);
    });
    const ops = new EagerOps(w, { taps: true });
    const fut = { data: Uint8Array.from({ length: 16 }, (_, k) => (k % 4 > Math.floor(k / 4) ? 1 : 0)), shape: [4, 4] };
    const par = mamba2(ops, cfg, 0, T_(us, [1, 4, 1]), fut);
    expect(maxErr(arr(ops.trace.get(names.ssmDt(0))!), dt)).toBeLessThan(1e-6);
    expect(maxErr(arr(par.state.ssm), [h])).toBeLessThan(1e-6); // the recurrence itself, from the parallel form
    expect(maxErr(arr(par.y), want)).toBeLessThan(1e-5); // one channel: rmsnorm leaves the sign of y·silu(z)
    let st = zeroSsmState(ops, cfg);
    const steps: number[] = [];
    for (const u of us) {
      const r = mamba2Step(ops, cfg, 0, T_([u], [1, 1, 1]), st);
      steps.push(arr(r.y)[0]);
      st = r.state;
    }
    expect(maxErr(steps, want)).toBeLessThan(1e-5);
    expect(maxErr(arr(st.ssm), [h])).toBeLessThan(1e-6);
    expect(maxErr(arr(par.state.conv), arr(st.conv))).toBeLessThan(1e-7);
    expect(Array.from(arr(st.conv))).toEqual([wx * us[3], wb * us[3], wc * us[3]].map(Math.fround));
  });

  it('zero-order hold of an LTI SSM (A = -1, B = C = 1) on a unit step gives h_k = 1 - e^(-kΔ), and the convolution kernel gives the same y', () => {
    const dt = 0.3;
    const u = Array(6).fill(1);
    const y = s4dReal(u, [-1], [1], [1], dt);
    y.forEach((v, k) => expect(v).toBeCloseTo(1 - Math.exp(-(k + 1) * dt), 12));
    const u2 = [1, -2, 0.5, 3, 0, 1];
    const A = [-0.5, -2], B = [1, 0.3], C = [0.7, -1.2];
    const rec = s4dReal(u2, A, B, C, 0.1);
    const K = s4dKernel(A, B, C, 0.1, u2.length);
    const conv = u2.map((_, i) => u2.slice(0, i + 1).reduce((s, v, j) => s + K[i - j] * v, 0));
    expect(maxErr(conv, Array.from(rec))).toBeLessThan(1e-12);
  });
});

describe('SSM language model', () => {
  for (const [label, cfg] of Object.entries(variants)) {
    it(`parallel (SSD) = recurrent, and chunked prefill = full pass: ${label}`, () => {
      const w = randomWeights(cfg, 5, testInit);
      const V = cfg.vocabSize;
      const toks = seq.map((v) => v % V);
      const full = eagerSsmStep(cfg, w, ids(toks)).logits;
      let cache: SsmCache | undefined;
      const rec: number[] = [];
      for (const t of toks) {
        const r = eagerSsmStep(cfg, w, ids([t]), cache, 'recurrent');
        rec.push(...arr(r.logits));
        cache = r.cache;
      }
      const e1 = maxErr(rec, arr(full));
      expect(e1).toBeLessThan(1e-4);
      const a = eagerSsmStep(cfg, w, ids(toks.slice(0, 4)));
      const b = eagerSsmStep(cfg, w, ids(toks.slice(4)), a.cache);
      expect(maxErr(arr(b.logits), arr(full).subarray(4 * V))).toBeLessThan(1e-4);
      b.cache.forEach((s, l) => expect(maxErr(arr(s.ssm), arr(cache![l].ssm))).toBeLessThan(1e-4));
      report.push(`  ${label.padEnd(44)} recurrent vs parallel ${e1.toExponential(1)}`);
    });

    it(`eager = ONNX graph on every tap and the logits; prefill + one-step decode graphs = eager: ${label}`, async () => {
      const w = randomWeights(cfg, 11, testInit);
      const V = cfg.vocabSize;
      const toks = seq.map((v) => v % V);
      const ops = new EagerOps(w, { taps: true });
      const ref = ssmLm(ops, cfg, ids(toks)).logits;
      const out = await run(await session(buildTransformerModel(cfg, w, { taps: true })), { ids: ids(toks) as { data: BigInt64Array; shape: number[] } });
      let worst = 0;
      expect(ops.trace.has(names.ssmDt(0))).toBe(true);
      for (const [name, e] of ops.trace) {
        expect(out[name]?.shape, name).toEqual(e.shape);
        worst = Math.max(worst, maxErr(out[name].data, e.data as Float32Array));
      }
      expect(worst).toBeLessThan(1e-4);
      const le = maxErr(out.logits.data, arr(ref));
      expect(le).toBeLessThan(1e-4);
      const pre = await session(buildSsmModel(cfg, w, { cache: 'prefill' }));
      const dec = await session(buildSsmModel(cfg, w, { cache: 'decode' }));
      let o = await run(pre, { ids: ids(toks.slice(0, 5)) as { data: BigInt64Array; shape: number[] } });
      let de = 0;
      for (let i = 5; i < toks.length; i++) {
        o = await run(dec, { ids: ids([toks[i]]) as { data: BigInt64Array; shape: number[] }, ...ssmPastFeeds(o, cfg.nLayer) });
        de = Math.max(de, maxErr(o.logits.data, arr(ref).subarray(i * V, (i + 1) * V)));
      }
      expect(de).toBeLessThan(1e-4);
      report.push(`  ${label.padEnd(44)} ONNX taps ${worst.toExponential(1)} | logits ${le.toExponential(1)} | decode ${de.toExponential(1)}`);
    });
  }

  it('graphs use only GRAPH_OPS plus Exp, Log, Abs, Relu, CumSum (no Loop, Scan or Conv)', () => {
    const used = new Set<string>();
    for (const cfg of Object.values(variants)) {
      for (const cache of ['none', 'prefill', 'decode'] as const) buildTransformerGraph(cfg, randomWeights(cfg, 1), { taps: true, cache }).nodes.forEach((n) => used.add(n.opType));
    }
    const allowed = [...GRAPH_OPS, ...MOE_SSM_GRAPH_OPS] as string[];
    expect([...used].filter((op) => !allowed.includes(op))).toEqual([]);
  });

  it('the state per layer is fixed: (K-1)·(Di+2N) + H·P·N floats, whatever the context', () => {
    const cfg = ssmBase;
    expect(ssmStateFloats(cfg)).toBe(3 * (32 + 8) + 4 * 8 * 4);
    const w = randomWeights(cfg, 2);
    const a = eagerSsmStep(cfg, w, ids([1, 2]));
    const b = eagerSsmStep(cfg, w, ids(seq));
    expect(a.cache[0].ssm.shape).toEqual(b.cache[0].ssm.shape);
    expect(a.cache[0].conv.shape).toEqual([1, 3, 40]);
    expect(paramCount(cfg)).toBeGreaterThan(0);
    expect(kvCacheFloats(variantsLm, 1024)).toBe(2 * 8 * 2 * 32 * 1024); // lm: 1,048,576 floats at 1024 tokens
  });

  it('the recurrent form taps the hidden state after each token; its last value is the state the parallel form returns', () => {
    const cfg = ssmBase;
    const w = randomWeights(cfg, 4, testInit);
    const toks = seq.slice(0, 5);
    let cache: SsmCache | undefined;
    let last: AnyTensor | undefined;
    for (const t of toks) {
      const r = eagerSsmStep(cfg, w, ids([t]), cache, 'recurrent', (n) => n === names.ssmState(1));
      last = r.trace.get(names.ssmState(1));
      expect(last!.shape).toEqual([1, 4, 8, 4]);
      cache = r.cache;
    }
    const par = eagerSsmStep(cfg, w, ids(toks));
    expect(maxErr(arr(last!), arr(par.cache[1].ssm))).toBeLessThan(1e-5);
  });
});
