import { describe, expect, it } from 'vitest';
import { alibiSlopes } from '@/lib/model/alibi';
import { baseInvFreq, ropeFrequencies } from '@/lib/model/rope';
import { EagerOps } from '@/lib/model/eager';
import { applyRope } from '@/lib/model/positions';
import { mulberry32, randn, type Tensor } from '@/lib/tensor';

const hs = 8;
/** Rotates one head vector x [hs] to position p with the eager RoPE. */
function rot(x: Float32Array, p: number, invFreq: Float32Array): Float32Array {
  const ops = new EagerOps(new Map());
  const ang = Float32Array.from(invFreq, (f) => p * f);
  const cos: Tensor = { data: ang.map(Math.cos), shape: [1, hs / 2] };
  const sin: Tensor = { data: ang.map(Math.sin), shape: [1, hs / 2] };
  return applyRope(ops, { data: x, shape: [1, 1, 1, hs] }, { cos, sin }, hs).data as Float32Array;
}
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, i) => s + v * b[i], 0);

describe('RoPE', () => {
  const { invFreq } = ropeFrequencies(hs, { base: 10000 });
  const r = mulberry32(2);
  const q = randn(r, hs), k = randn(r, hs);

  it('preserves the norm of a vector at any position', () => {
    for (const p of [0, 1, 7, 100]) expect(Math.sqrt(dot(rot(q, p, invFreq), rot(q, p, invFreq)))).toBeCloseTo(Math.sqrt(dot(q, q)), 4);
  });
  it('makes q·k depend only on the offset between positions', () => {
    const d1 = dot(rot(q, 5, invFreq), rot(k, 2, invFreq));
    const d2 = dot(rot(q, 13, invFreq), rot(k, 10, invFreq));
    expect(d1).toBeCloseTo(d2, 3);
    expect(Math.abs(d1 - dot(rot(q, 5, invFreq), rot(k, 4, invFreq)))).toBeGreaterThan(1e-3);
  });
  it('rotates pair 0 (dims 0 and hs/2) by exactly one radian per position', () => {
    const e = new Float32Array(hs);
    e[0] = 1;
    const y = rot(e, 1, invFreq);
    expect(y[0]).toBeCloseTo(Math.cos(1), 6);
    expect(y[hs / 2]).toBeCloseTo(Math.sin(1), 6);
  });
  it('PI divides every frequency by the factor', () => {
    const pi = ropeFrequencies(hs, { base: 10000, scaling: { kind: 'pi', factor: 4 } }).invFreq;
    pi.forEach((f, j) => expect(f).toBeCloseTo(invFreq[j] / 4, 9));
  });
  it('NTK-aware keeps the fastest pair and divides the slowest by exactly the factor', () => {
    const ntk = ropeFrequencies(hs, { base: 10000, scaling: { kind: 'ntk', factor: 4 } }).invFreq;
    expect(ntk[0]).toBe(1);
    expect(ntk[hs / 2 - 1] / invFreq[hs / 2 - 1]).toBeCloseTo(1 / 4, 6);
  });
  it('YaRN keeps high frequencies, interpolates low ones like PI, and sets m = 0.1 ln s + 1', () => {
    const h = 64;
    const y = ropeFrequencies(h, { base: 10000, scaling: { kind: 'yarn', factor: 8, originalContext: 256 } });
    const b = baseInvFreq(h, 10000);
    expect(y.invFreq[0]).toBeCloseTo(b[0], 9); // wavelength 2π ≪ 256/32: kept
    expect(y.invFreq[h / 2 - 1]).toBeCloseTo(b[h / 2 - 1] / 8, 9); // wavelength ≫ 256: interpolated
    expect(y.attentionScale).toBeCloseTo(0.1 * Math.log(8) + 1, 9);
  });
});

describe('ALiBi slopes', () => {
  it('are 1/2, 1/4, …, 1/256 for 8 heads', () => {
    expect(Array.from(alibiSlopes(8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => 2 ** -i));
  });
  it('for 6 heads: the 4-head slopes then every other 8-head slope (1/√2, 1/(2√2))', () => {
    const s = Array.from(alibiSlopes(6));
    [2 ** -2, 2 ** -4, 2 ** -6, 2 ** -8, 2 ** -1, 2 ** -3].forEach((v, i) => expect(s[i]).toBeCloseTo(v, 7));
  });
});

describe('sinusoidal table', () => {
  it('gives PE[p, 2j] = sin(p/10000^(2j/C)) and PE[p, 2j+1] = cos(same) for C = 4', async () => {
    const { sinusoidal } = await import('@/lib/model/positions');
    const ops = new EagerOps(new Map());
    const pe = sinusoidal(ops, { data: BigInt64Array.of(0n, 1n, 2n), shape: [3] }, 4);
    expect(pe.shape).toEqual([3, 4]);
    const want = [0, 1, 2].flatMap((p) => [Math.sin(p), Math.cos(p), Math.sin(p / 100), Math.cos(p / 100)]);
    want.forEach((v, i) => expect(pe.data[i] as number).toBeCloseTo(v, 6));
  });
});

describe('ALiBi in the model', () => {
  it('adds exactly -slope[h]·(i - j) to every scaled score', async () => {
    const { transformer } = await import('@/lib/model/transformer');
    const { randomWeights } = await import('@/lib/model/init');
    const { names } = await import('@/lib/model/names');
    const { ids } = await import('@/lib/tensor');
    const { base } = await import('./fixtures');
    const cfg = { ...base, position: 'alibi' as const, nHead: 4, nKvHead: 4 };
    const ops = new EagerOps(randomWeights(cfg, 4, { std: 0.3 }), { taps: true });
    transformer(ops, cfg, ids([1, 2, 3, 4, 5]));
    const raw = ops.trace.get(names.attnScores(1))!.data as Float32Array;
    const scaled = ops.trace.get(names.attnScaled(1))!.data as Float32Array;
    const slopes = [2 ** -2, 2 ** -4, 2 ** -6, 2 ** -8];
    const hs = cfg.dModel / cfg.nHead;
    for (let h = 0; h < 4; h++)
      for (let i = 0; i < 5; i++)
        for (let j = 0; j < 5; j++) {
          const k = (h * 5 + i) * 5 + j;
          expect(scaled[k] - raw[k] / Math.sqrt(hs)).toBeCloseTo(-slopes[h] * (i - j), 5);
        }
  });
});
