import { describe, expect, it } from 'vitest';
import { flashAttention, hbmTraffic, maxAbsDiff, naiveAttention } from '@/lib/longctx/flash';
import { mulberry32 } from '@/lib/tensor';

const rand = (n: number, seed: number) => {
  const r = mulberry32(seed);
  return Float64Array.from({ length: n }, () => 2 * r.uniform() - 1);
};

describe('tiled attention with the online softmax (FlashAttention, Algorithm 1)', () => {
  for (const causal of [false, true]) {
    it(`equals ordinary attention on random Q, K, V (${causal ? 'causal' : 'no mask'}), for several block sizes`, () => {
      const n = 37, d = 8;
      const a = { q: rand(n * d, 1), k: rand(n * d, 2), v: rand(n * d, 3), n, d, causal };
      const ref = naiveAttention(a);
      for (const [br, bc] of [[1, 1], [4, 4], [8, 5], [37, 37], [64, 3]]) {
        expect(maxAbsDiff(flashAttention(a, br, bc).out, ref), `${br}×${bc}`).toBeLessThan(1e-12);
      }
    });
  }

  it('works a 2×2-block causal case by hand: m and l after each block', () => {
    // N = 2, d = 1, blocks of 1×1; q = [1, 1], k = [0, ln 2], v = [1, 3]  (√d = 1, so S = q·k)
    const a = { q: [1, 1], k: [0, Math.LN2], v: [1, 3], n: 2, d: 1, causal: true };
    const r = flashAttention(a, 1, 1);
    // order: j outer, i inner → (0,0), (1,0), (0,1) skipped, (1,1)
    expect(r.steps.map((s) => [s.i, s.j, s.skipped])).toEqual([[0, 0, false], [1, 0, false], [0, 1, true], [1, 1, false]]);
    // row 1 after key 0: m = 0, l = 1, O = 1; after key 1: m = ln 2, l = e^{−ln2}·1 + 1 = 1.5
    expect(r.steps[1].mAfter[0]).toBe(0);
    expect(r.steps[1].lAfter[0]).toBe(1);
    expect(r.steps[3].mAfter[0]).toBeCloseTo(Math.LN2, 15);
    expect(r.steps[3].lAfter[0]).toBeCloseTo(1.5, 15);
    // softmax([0, ln 2]) = [1/3, 2/3] → O_1 = 1/3 + 2 = 7/3; O_0 = v_0 = 1
    expect(r.out[0]).toBeCloseTo(1, 15);
    expect(r.out[1]).toBeCloseTo(7 / 3, 14);
    expect(Array.from(naiveAttention(a))).toEqual([1, expect.closeTo(7 / 3, 14)]);
  });

  it('keeps m = the row max and l = Σ exp(S − m) of the whole row at the end', () => {
    const n = 9, d = 4;
    const a = { q: rand(n * d, 4), k: rand(n * d, 5), v: rand(n * d, 6), n, d };
    const r = flashAttention(a, 2, 3);
    for (let i = 0; i < n; i++) {
      const s = Array.from({ length: n }, (_, j) => { let t = 0; for (let x = 0; x < d; x++) t += a.q[i * d + x] * a.k[j * d + x]; return t / 2; });
      const m = Math.max(...s);
      expect(r.m[i]).toBeCloseTo(m, 14);
      expect(r.l[i]).toBeCloseTo(s.reduce((z, x) => z + Math.exp(x - m), 0), 13);
    }
  });

  it('storing everything in float32 still agrees to ~1e-6 with softmax(QKᵀ/√d)V in float64', () => {
    const n = 64, d = 32;
    const f = (s: number) => Float32Array.from(rand(n * d, s).map((x) => 3 * x));
    const a = { q: f(7), k: f(8), v: f(9), n, d, causal: true };
    const diff = maxAbsDiff(flashAttention(a, 16, 16, { float32: true }).out, naiveAttention(a));
    expect(diff).toBeLessThan(1e-6);
    expect(diff).toBeGreaterThan(0); // rounding is visible, so the test can tell float32 from float64
  });
});

describe('HBM traffic (Dao et al. 2022, Theorem 2)', () => {
  it('counts Algorithm 0 and Algorithm 1 by hand for N = 8, d = 2, M = 16', () => {
    const t = hbmTraffic(8, 2, 16);
    // standard: reads Q,K 32 + S 64 + P 64 + V 16 = 176; writes S 64 + P 64 + O 16 = 144
    expect(t.standard).toEqual({ reads: 176, writes: 144, total: 320 });
    // Bc = ⌈16/8⌉ = 2, Br = min(2, 2) = 2, Tc = 4; reads K,V 32 + 4·(Q 16 + O 16 + l,m 16) = 224;
    // writes init O,l,m 32 + 4·(O 16 + l,m 16) = 160
    expect(t.flash).toEqual({ reads: 224, writes: 160, total: 384, br: 2, bc: 2, tr: 4, tc: 4 });
  });

  it('grows like N² for standard and like N²d²/M for the tiled pass', () => {
    const a = hbmTraffic(1024, 64, 65536), b = hbmTraffic(2048, 64, 65536);
    expect(b.standard.total / a.standard.total).toBeCloseTo(4, 0);
    expect(b.flash.total / a.flash.total).toBeCloseTo(4, 0);
    // standard: 4Nd + 4N² = 262 144 + 4 194 304; Bc = 65536/256 = 256 → Tc = 4 passes:
    // reads 2Nd + 4(2Nd + 2N) = 131 072 + 532 480, writes Nd + 2N + 4(Nd + 2N) = 67 584 + 270 336
    expect(a.standard.total).toBe(4_456_448);
    expect(a.flash.tc).toBe(4);
    expect(a.flash.total).toBe(1_001_472);
    const big = hbmTraffic(1024, 64, 4 * 65536);
    expect(big.flash.total).toBeLessThan(a.flash.total);
  });

  it('rejects an SRAM smaller than 4d', () => {
    expect(() => hbmTraffic(8, 4, 8)).toThrow(/M ≥ 4d/);
  });
});
