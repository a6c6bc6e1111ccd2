/**
 * The sweep points read from training/sweeps: params agree with countParams on the sweep's configs,
 * tokens = bestStep · 64 · context, and the fitted exponent on the best run per size (reported in
 * the lesson) is what the data give.
 */
import { describe, expect, it } from 'vitest';
import { countParams } from '@/lib/scale/params';
import { bestPerSize, CONFIGS, sweepPoints } from '@/lib/scale/sweeps';
import { fitPowerLaw } from '@/lib/scale/fit';

describe('sweep points', () => {
  const pts = sweepPoints();
  it('has all 22 runs of the three rounds, each with params equal to countParams of its config', () => {
    expect(pts.length).toBe(22);
    for (const p of pts) expect(countParams(CONFIGS[p.config]).total).toBe(p.params);
  });
  it('counts tokens as bestStep · 64 · context length', () => {
    const lm = pts.find((p) => p.id === 'lm-d128-l8-mix-drop20-8k')!;
    expect(lm.tokens).toBe(7700 * 64 * 256);
    expect(lm.flops).toBe(6 * 2_099_328 * 7700 * 64 * 256);
    expect(lm.data).toBe('mix');
    expect(pts.find((p) => p.id === 'lm-draft' && p.round === 'round1')!.data).toBe('austen');
  });
  it('best per size at context 256: four sizes, and a log–log slope of about −0.053', () => {
    const best = bestPerSize(pts.filter((p) => p.contextLength === 256));
    expect(best.map((p) => p.params)).toEqual([360768, 2099328, 2361024, 2454672]);
    const f = fitPowerLaw(best.map((p) => p.params), best.map((p) => p.valLoss));
    expect(f.alpha).toBeCloseTo(0.053, 3);
  });
});
