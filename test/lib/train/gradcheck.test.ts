import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/tensor';
import { applyRope } from '@/lib/model/positions';
import { GradOps, leaf, type Var } from '@/lib/train';
import * as R from './ref64';

/**
 * Every backward rule of GradOps against central finite differences of an independent float64
 * forward (ref64.ts): for a random cotangent r, ∂(Σ r ⊙ f(x))/∂xᵢ ≈ (F(x + h eᵢ) − F(x − h eᵢ)) / 2h.
 * Inputs are float32-representable, so both sides evaluate at the same point. Error: normwise
 * max |analytic − numeric| / max |numeric| per input, worst input reported.
 */
interface Case {
  inputs: number[][];
  /** Inputs that get gradients (default all). */
  grad?: boolean[];
  /** Values of input i (default N(0, 1)). */
  value?: (i: number, j: number, rng: () => number) => number;
  run: (o: GradOps, xs: Var[]) => Var;
  ref: (xs: R.T64[]) => R.T64 | number;
}

const mask33 = leaf({ data: Uint8Array.from([0, 1, 1, 0, 0, 1, 0, 0, 0]), shape: [3, 3] });
const ids = leaf({ data: BigInt64Array.from([0, 3, 0, 2], BigInt), shape: [1, 4] });
const targets = [0, 5, 2, 5];
const rope64 = (x: R.T64, cos: R.T64, sin: R.T64): R.T64 => {
  const h = x.s[x.s.length - 1] / 2;
  const x1 = R.slice(x, 3, 0, h), x2 = R.slice(x, 3, h, 2 * h);
  const mul = (a: R.T64, b: R.T64): R.T64 => R.binary(a, b, (p, q) => p * q);
  return R.concat([R.binary(mul(x1, cos), mul(x2, sin), (p, q) => p - q), R.binary(mul(x2, cos), mul(x1, sin), (p, q) => p + q)], 3);
};

const cases: Record<string, Case> = {
  'matmul a·b over a batch': { inputs: [[2, 3, 4], [2, 4, 5]], run: (o, [a, b]) => o.matmul(a, b), ref: ([a, b]) => R.matmul(a, b) },
  'matmul a·bᵀ (attention scores)': { inputs: [[1, 2, 3, 4], [1, 2, 5, 4]], run: (o, [a, b]) => o.matmul(a, b, { transB: true }), ref: ([a, b]) => R.matmul(a, b, true) },
  'matmul with b broadcast over the batch': { inputs: [[2, 3, 4], [4, 5]], run: (o, [a, b]) => o.matmul(a, b), ref: ([a, b]) => R.matmul(a, b) },
  'linear x·Wᵀ + b': {
    inputs: [[1, 3, 4], [5, 4], [5]],
    run: (o, [x, w, b]) => o.linear(x, w, b),
    ref: ([x, w, b]) => R.binary(R.matmul(x, w, true), b, (p, q) => p + q),
  },
  'add with a broadcast row': { inputs: [[2, 3], [3]], run: (o, [a, b]) => o.add(a, b), ref: ([a, b]) => R.binary(a, b, (p, q) => p + q) },
  'sub with a broadcast column': { inputs: [[2, 3], [2, 1]], run: (o, [a, b]) => o.sub(a, b), ref: ([a, b]) => R.binary(a, b, (p, q) => p - q) },
  'mul broadcasting both operands': { inputs: [[2, 1, 4], [3, 1]], run: (o, [a, b]) => o.mul(a, b), ref: ([a, b]) => R.binary(a, b, (p, q) => p * q) },
  'scale': { inputs: [[2, 3]], run: (o, [x]) => o.scale(x, 0.37), ref: ([x]) => R.map(x, (v) => v * 0.37) },
  'softmax after the causal where': {
    inputs: [[2, 3, 3]],
    run: (o, [x]) => o.softmax(o.where(mask33, -Infinity, x)),
    ref: ([x]) => R.softmax({ d: x.d.map((v, i) => (mask33.value.data[i % 9] ? -Infinity : v)), s: x.s }),
  },
  'layerNorm with bias': {
    inputs: [[2, 3, 5], [5], [5]],
    run: (o, [x, w, b]) => o.layerNorm(x, w, b, 1e-5),
    ref: ([x, w, b]) => R.layerNorm(x, w, b, 1e-5),
  },
  'rmsNorm': { inputs: [[2, 3, 5], [5]], run: (o, [x, w]) => o.rmsNorm(x, w, 1e-5), ref: ([x, w]) => R.rmsNorm(x, w, 1e-5) },
  'gelu (tanh approximation)': { inputs: [[2, 5]], run: (o, [x]) => o.gelu(x), ref: ([x]) => R.map(x, R.gelu) },
  'silu': { inputs: [[2, 5]], run: (o, [x]) => o.silu(x), ref: ([x]) => R.map(x, R.silu) },
  'sin': { inputs: [[2, 5]], run: (o, [x]) => o.sin(x), ref: ([x]) => R.map(x, Math.sin) },
  'cos': { inputs: [[2, 5]], run: (o, [x]) => o.cos(x), ref: ([x]) => R.map(x, Math.cos) },
  'transpose then reshape (head split)': {
    inputs: [[1, 3, 2, 4]],
    run: (o, [x]) => o.reshape(o.transpose(x, [0, 2, 1, 3]), [0, 0, -1]),
    ref: ([x]) => R.transpose(x, [0, 2, 1, 3]),
  },
  'concat on the last axis': { inputs: [[2, 3], [2, 2]], run: (o, [a, b]) => o.concat([a, b], -1), ref: ([a, b]) => R.concat([a, b], 1) },
  'slice of the middle axis': { inputs: [[2, 5, 3]], run: (o, [x]) => o.slice(x, 1, 1, 4), ref: ([x]) => R.slice(x, 1, 1, 4) },
  'expand (GQA head repeat)': {
    inputs: [[1, 2, 1, 3, 2]],
    run: (o, [x]) => o.expand(x, [1, 1, 3, 1, 1]),
    ref: ([x]) => R.binary(x, { d: new Float64Array(3), s: [1, 1, 3, 1, 1] }, (p) => p),
  },
  'gather with a repeated id (embedding)': { inputs: [[5, 3]], run: (o, [t]) => o.gather(t, ids), ref: ([t]) => R.gather(t, [0, 3, 0, 2]) },
  'cross-entropy': { inputs: [[1, 4, 6]], run: (o, [z]) => o.crossEntropy(z, targets), ref: ([z]) => R.crossEntropy(z, targets) },
  'exp': { inputs: [[2, 5]], run: (o, [x]) => o.exp(x), ref: ([x]) => R.map(x, Math.exp) },
  'softplus (both sides of the x > 20 threshold)': {
    inputs: [[2, 5]],
    value: (_, j, n) => (j === 0 ? 25 : 3 * n()),
    run: (o, [x]) => o.softplus(x),
    ref: ([x]) => R.map(x, (v) => (v > 20 ? v : Math.log1p(Math.exp(v)))),
  },
  'cumsum along the middle axis': {
    inputs: [[2, 4, 3]],
    run: (o, [x]) => o.cumsum(x, 1),
    ref: ([x]) => {
      const d = new Float64Array(x.d.length);
      for (let a = 0; a < 2; a++) for (let c = 0; c < 3; c++) for (let b = 0, s = 0; b < 4; b++) d[a * 12 + b * 3 + c] = s += x.d[a * 12 + b * 3 + c];
      return { d, s: x.s };
    },
  },
  'RoPE (rotate-half, constant cos/sin)': {
    inputs: [[1, 2, 3, 6], [3, 3], [3, 3]],
    grad: [true, false, false],
    run: (o, [x, c, s]) => applyRope(o, x, { cos: c, sin: s }, 6),
    ref: ([x, c, s]) => rope64(x, c, s),
  },
};

function gradcheck(c: Case, seed: number): number {
  const rng = mulberry32(seed);
  const vals = c.inputs.map((s, i) => Float64Array.from({ length: R.size(s) }, (_, j) => Math.fround(c.value ? c.value(i, j, rng.normal) : rng.normal())));
  const wants = c.grad ?? c.inputs.map(() => true);
  const o = new GradOps(new Map());
  const xs = vals.map((v, i) => leaf({ data: Float32Array.from(v), shape: c.inputs[i] }, wants[i]));
  const y = c.run(o, xs);
  const r = Float64Array.from({ length: y.value.data.length }, () => Math.fround(rng.normal()));
  o.backward(y, Float32Array.from(r));
  const F = (vs: Float64Array[]): number => {
    const out = c.ref(vs.map((d, i) => ({ d, s: c.inputs[i] })));
    if (typeof out === 'number') return out * r[0];
    return out.d.reduce((s, v, i) => s + (Number.isFinite(v) ? v * r[i] : 0), 0);
  };
  let worst = 0;
  vals.forEach((v, i) => {
    if (!wants[i]) return;
    const num = new Float64Array(v.length);
    for (let j = 0; j < v.length; j++) {
      const x0 = v[j];
      const h = 1e-5 * Math.max(1, Math.abs(x0));
      v[j] = x0 + h;
      const fp = F(vals);
      v[j] = x0 - h;
      const fm = F(vals);
      v[j] = x0;
      num[j] = (fp - fm) / (2 * h);
    }
    const ana = xs[i].grad ?? new Float32Array(v.length);
    let diff = 0;
    let scale = 0;
    for (let j = 0; j < v.length; j++) {
      diff = Math.max(diff, Math.abs(ana[j] - num[j]));
      scale = Math.max(scale, Math.abs(num[j]));
    }
    worst = Math.max(worst, diff / Math.max(scale, 1e-12));
  });
  return worst;
}

const errors = new Map<string, number>();

describe('GradOps backward rules vs float64 central differences', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: the gradient matches to 1e-4 relative`, () => {
      const e = Math.max(gradcheck(c, 1), gradcheck(c, 2));
      errors.set(name, e);
      expect(e).toBeLessThan(1e-4);
    });
  }
  afterAll(() => {
    if (process.env.GRADCHECK_REPORT) console.log([...errors].map(([n, e]) => `${e.toExponential(2)}  ${n}`).join('\n'));
  });
});
