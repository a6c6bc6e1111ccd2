/**
 * ZeRO per-device memory against the paper's Figure 1 (Ψ = 7.5B, K = 12, N_d = 64: 120 GB, 31.4 GB,
 * 16.6 GB, 1.9 GB), ring all-reduce volume, the pipeline bubble and the GPipe schedule, and a
 * hand-derived 3D-parallel case.
 */
import { describe, expect, it } from 'vitest';
import { bubbleFraction, bubbleOverIdeal, divisorsOf, gpipeSchedule, ringAllReduceBytes, simulate, zeroPerDevice } from '@/lib/scale/parallel';
import { bytesPerParam } from '@/lib/scale/memory';

const K12 = bytesPerParam('mixed', 'adam');

describe('ZeRO stages', () => {
  it('reproduce Figure 1 of Rajbhandari et al. 2020 (7.5B params, 64 GPUs)', () => {
    const gb = (s: 0 | 1 | 2 | 3) => zeroPerDevice(7.5e9, 64, s, K12).total / 1e9;
    expect(gb(0)).toBe(120);
    expect(gb(1).toFixed(1)).toBe('31.4');
    expect(gb(2).toFixed(1)).toBe('16.6');
    expect(gb(3).toFixed(1)).toBe('1.9');
    expect(gb(1)).toBeCloseTo(30 + 90 / 64, 10);
    expect(gb(2)).toBeCloseTo(15 + 105 / 64, 10);
    expect(gb(3)).toBeCloseTo(1.875, 10);
  });
  it('one device gets no saving from any stage', () => {
    for (const s of [0, 1, 2, 3] as const) expect(zeroPerDevice(1e9, 1, s, K12).total).toBe(16e9);
  });
});

describe('communication and the bubble', () => {
  it('ring all-reduce sends 2(N−1)/N of the buffer per device', () => {
    expect(ringAllReduceBytes(1000, 1)).toBe(0);
    expect(ringAllReduceBytes(1000, 2)).toBe(1000);
    expect(ringAllReduceBytes(1000, 4)).toBe(1500);
    expect(ringAllReduceBytes(1000, 64)).toBeCloseTo(1968.75, 10);
  });
  it('bubble (p−1)/(m+p−1): 4 stages, 1 micro-batch idle 75%; 8 micro-batches 3/11; Narayanan form (p−1)/m', () => {
    expect(bubbleFraction(4, 1)).toBe(0.75);
    expect(bubbleFraction(4, 8)).toBeCloseTo(3 / 11, 12);
    expect(bubbleFraction(1, 8)).toBe(0);
    expect(bubbleOverIdeal(4, 8)).toBe(0.375);
  });
  it('the GPipe schedule has 2(m+p−1) slots, every stage busy 2m of them, no slot used twice', () => {
    const p = 4;
    const m = 3;
    const { slots, length } = gpipeSchedule(p, m);
    expect(length).toBe(12);
    expect(slots.length).toBe(2 * p * m);
    const seen = new Set(slots.map((s) => `${s.stage}:${s.t}`));
    expect(seen.size).toBe(slots.length);
    const idle = 1 - (2 * m) / length;
    expect(idle).toBeCloseTo(bubbleFraction(p, m), 12);
    // micro-batch 0 goes forward down the stages, and its backward comes back up
    expect(slots.filter((s) => s.micro === 0 && s.kind === 'F').map((s) => s.t)).toEqual([0, 1, 2, 3]);
    expect(slots.filter((s) => s.micro === 0 && s.kind === 'B').map((s) => [s.stage, s.t])).toEqual([[0, 9], [1, 8], [2, 7], [3, 6]]);
  });
  it('divisorsOf lists the divisors', () => {
    expect(divisorsOf(8)).toEqual([1, 2, 4, 8]);
    expect(divisorsOf(12)).toEqual([1, 2, 3, 4, 6, 12]);
  });
});

describe('simulate', () => {
  it('splits states over t·p and ZeRO over d, and counts each kind of traffic (hand-derived)', () => {
    // Ψ = 8e9, L = 32, d = 4, t = 2, p = 2, ZeRO-1, mixed Adam, m = 4, s = 1000, b = 1, h = 4000, a = 40, full recompute
    const r = simulate({
      params: 8e9, nLayer: 32, shape: { seq: 1000, microBatch: 1, hidden: 4000, heads: 40 },
      precision: 'mixed', optimizer: 'adam', recompute: 'full', dp: 4, tp: 2, pp: 2, zero: 1, microBatches: 4,
    });
    expect(r.devices).toBe(16);
    expect(r.shardParams).toBe(2e9);
    expect(r.states.total).toBe(2e9 * 4 + (2e9 * 12) / 4); // 8 GB + 6 GB
    expect(r.layersPerStage).toBe(16);
    expect(r.inFlight).toBe(2);
    expect(r.activations).toBe(16 * 2 * 4e6 * 2); // 16 layers · 2sbh · 2 micro-batches in flight
    expect(r.comm.dp).toBe(1.5 * 4e9); // 2(4−1)/4 · 2e9 params · 2 bytes
    expect(r.comm.tp).toBe(4 * 16 * 4 * 8e6); // m · layers · 4 all-reduces · 2(2−1)/2 · sbh·2 bytes
    expect(r.comm.pp).toBe(4 * 2 * 8e6);
    expect(r.bubble).toBeCloseTo(1 / 5, 12);
  });
  it('ZeRO-3 moves 1.5× the data-parallel traffic of stages 0–2', () => {
    const base = { params: 1e9, nLayer: 24, shape: { seq: 512, microBatch: 1, hidden: 2048, heads: 16 }, precision: 'mixed' as const, optimizer: 'adam' as const, recompute: 'none' as const, dp: 8, tp: 1, pp: 1, microBatches: 1 };
    expect(simulate({ ...base, zero: 3 }).comm.dp).toBeCloseTo(1.5 * simulate({ ...base, zero: 2 }).comm.dp, 6);
    expect(simulate({ ...base, zero: 2 }).comm.dp).toBe(simulate({ ...base, zero: 0 }).comm.dp);
  });
});
