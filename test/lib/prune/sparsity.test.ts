import { describe, expect, it } from 'vitest';
import { breakEvenDensity, csrBytes, denseBytes, sparsityReport, zeros } from '@/lib/prune/sparsity';

describe('sparsity accounting', () => {
  it('a [4, 4] fp16 matrix with 8 nonzeros: dense 32 bytes whatever it holds, CSR 8·(2+4) + 5·4 = 68 bytes', () => {
    expect(denseBytes(4, 4)).toBe(32);
    expect(csrBytes(4, 4, 8)).toBe(68);
  });
  it('CSR with fp16 values and int32 indices beats dense only below a density of 1/3; int16 indices move that to 1/2', () => {
    expect(breakEvenDensity()).toBeCloseTo(1 / 3, 12);
    expect(breakEvenDensity(2, 2)).toBe(0.5);
  });
  it('a [128, 384] matrix: at 50 % sparsity CSR is 1.5× dense (+ rowPtr), at 90 % 0.3×', () => {
    const d = denseBytes(128, 384); // 98,304
    expect(d).toBe(98_304);
    expect(csrBytes(128, 384, 24_576)).toBe(24_576 * 6 + 129 * 4); // 147,972
    expect(csrBytes(128, 384, 24_576) / d).toBeCloseTo(1.5 + (129 * 4) / d, 12);
    expect(csrBytes(128, 384, 4915) / d).toBeCloseTo((4915 * 6 + 516) / 98_304, 12);
    expect((4915 * 6) / d).toBeCloseTo(0.3, 3);
  });
  it('zeros counts exact zeros, −0 included; the report sums over matrices', () => {
    const a = { data: Float32Array.from([0, -0, 1, 2]), shape: [2, 2] };
    const b = { data: Float32Array.from([0, 3, 0, 0, 5, 6]), shape: [2, 3] };
    expect(zeros(a)).toBe(2);
    const r = sparsityReport(new Map([['a', a], ['b', b]]), ['a', 'b']);
    expect(r).toEqual({ weights: 10, zeros: 5, sparsity: 0.5, dense: 20, csr: 2 * 6 + 3 * 4 + 3 * 6 + 3 * 4 });
  });
  it('rejects an impossible nonzero count', () => {
    expect(() => csrBytes(2, 2, 5)).toThrow();
  });
});
