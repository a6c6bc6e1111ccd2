import { describe, expect, it } from 'vitest';
import { bradleyTerry, dpoLoss, sigmoid, softplus } from '@/lib/align/preference';
import { klRows, meanKl } from '@/lib/align/kl';

describe('bradleyTerry', () => {
  it('gives −log σ(1) = log(1 + e^−1) ≈ 0.313262 and ∂/∂r_c = −σ(−1) ≈ −0.268941 for rewards 1 and 0', () => {
    const l = bradleyTerry(1, 0);
    expect(l.loss).toBeCloseTo(Math.log(1 + Math.exp(-1)), 12);
    expect(l.loss).toBeCloseTo(0.313262, 6);
    expect(l.dChosen).toBeCloseTo(-0.268941, 6);
    expect(l.dRejected).toBeCloseTo(0.268941, 6);
  });
  it('is log 2 when both rewards are equal, and stays finite for a margin of −800', () => {
    expect(bradleyTerry(3, 3).loss).toBeCloseTo(Math.LN2, 12);
    expect(bradleyTerry(-800, 0).loss).toBeCloseTo(800, 9);
    expect(sigmoid(-800)).toBe(0);
    expect(softplus(800)).toBe(800);
  });
});

describe('dpoLoss', () => {
  // log π: chosen −10, rejected −12; log π_ref: chosen −11, rejected −11; β = 0.5
  // z = 0.5·((−10 + 11) − (−12 + 11)) = 0.5·2 = 1 → loss = log(1 + e^−1), ∂/∂log π(y_c) = −0.5·σ(−1)
  const p = { chosen: -10, rejected: -12, refChosen: -11, refRejected: -11 };
  it('matches the hand-derived value for z = 1 (β = 0.5)', () => {
    const l = dpoLoss(p, 0.5);
    expect(l.margin).toBeCloseTo(1, 12);
    expect(l.loss).toBeCloseTo(0.313262, 6);
    expect(l.dChosen).toBeCloseTo(-0.5 * 0.268941, 6);
    expect(l.dRejected).toBeCloseTo(0.5 * 0.268941, 6);
  });
  it('has derivatives that agree with central finite differences', () => {
    const h = 1e-5;
    const fd = (k: 'chosen' | 'rejected'): number => (dpoLoss({ ...p, [k]: p[k] + h }, 0.5).loss - dpoLoss({ ...p, [k]: p[k] - h }, 0.5).loss) / (2 * h);
    expect(dpoLoss(p, 0.5).dChosen).toBeCloseTo(fd('chosen'), 8);
    expect(dpoLoss(p, 0.5).dRejected).toBeCloseTo(fd('rejected'), 8);
  });
  it('is log 2 when the policy equals the reference, whatever β', () => {
    expect(dpoLoss({ chosen: -3, rejected: -9, refChosen: -3, refRejected: -9 }, 0.1).loss).toBeCloseTo(Math.LN2, 12);
  });
});

describe('klRows', () => {
  it('is 0.5·ln 1.5 + 0.5·ln 0.75 ≈ 0.058892 nats for [0.5, 0.25, 0.25] against the uniform 3-token distribution', () => {
    const p = { data: Float32Array.from([0.5, 0.25, 0.25].map(Math.log)), shape: [1, 3] };
    const q = { data: Float32Array.from([7, 7, 7]), shape: [1, 3] }; // any equal logits = uniform
    const hand = 0.5 * Math.log(1.5) + 0.5 * Math.log(0.75);
    expect(hand).toBeCloseTo(0.058892, 6);
    expect(klRows(p, q)[0]).toBeCloseTo(hand, 6);
    expect(klRows(q, q)[0]).toBe(0);
  });
  it('averages rows: one identical row and one 0.058892 row give half of it', () => {
    const p = { data: Float32Array.from([0, 0, 0, ...[0.5, 0.25, 0.25].map(Math.log)]), shape: [2, 3] };
    const q = { data: new Float32Array(6), shape: [2, 3] };
    expect(meanKl(p, q)).toBeCloseTo(0.058892 / 2, 6);
  });
});
