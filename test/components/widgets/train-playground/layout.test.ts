import { describe, expect, it } from 'vitest';
import { trainPlaygroundSchema } from '@/components/widgets/train-playground';
import { curves, evalEvery, firstReach, lossTop, lrCurve, rate, specOf, thin, tokenLabel } from '@/components/widgets/train-playground/layout';
import { defaultSpec, type EvalReport } from '@/lib/train/playground';

const ev = (step: number, loss: number, exact: number): EvalReport => ({ step, loss, token: exact, exact, train: { loss, token: exact, exact }, attention: [], tokens: [] });

describe('train-playground layout', () => {
  it('turns the default URL state into lib/train defaultSpec', () => {
    expect(specOf(trainPlaygroundSchema.defaults)).toEqual(defaultSpec());
  });
  it('forces length 2 for modadd and maps clip 0 to no clipping', () => {
    const s = specOf({ ...trainPlaygroundSchema.defaults, task: 'modadd', length: 5, clip: 0 });
    expect(s.task).toEqual({ kind: 'modadd', symbols: 6, length: 2 });
    expect(s.clip).toBe(Infinity);
  });
  it('clamps out-of-range URL values with a note', () => {
    const { state, notes } = trainPlaygroundSchema.parse(new URLSearchParams('lr=9&layers=0&width=20'));
    expect(state.lr).toBe(3);
    expect(state.layers).toBe(1);
    expect(state.width).toBe('32');
    expect(notes.length).toBe(3);
  });
  it('evaluates every 10 steps, or about 100 times a long run', () => {
    expect(evalEvery(300)).toBe(10);
    expect(evalEvery(4000)).toBe(40);
  });
  it('builds curves from step reports and evaluations', () => {
    const c = curves([{ step: 1, loss: 2, lr: 0.1, gradNorm: 1 }, { step: 2, loss: NaN, lr: 0.1, gradNorm: 1 }], [ev(0, 2.1, 0), ev(10, 0.5, 0.75)]);
    expect(c.trainLoss).toEqual([[1, 2]]);
    expect(c.heldLoss).toEqual([[0, 2.1], [10, 0.5]]);
    expect(c.heldExact).toEqual([[0, 0], [10, 0.75]]);
    expect(lossTop(c)).toBeCloseTo(2.1 * 1.05, 10);
    expect(firstReach([ev(0, 2, 0), ev(10, 1, 1)], 1)).toBe(10);
    expect(firstReach([ev(0, 2, 0)], 1)).toBeNull();
  });
  it('thins to every k-th point and keeps the last', () => {
    const pts = [0, 1, 2, 3, 4, 5, 6].map((x) => [x, x] as [number, number]);
    expect(thin(pts, 3).map((p) => p[0])).toEqual([0, 3, 6]);
    expect(thin(pts.slice(0, 6), 3).map((p) => p[0])).toEqual([0, 2, 4, 5]);
  });
  it('draws the schedule: warm-up 0.005, 0.01 then cosine (lr 0.01, warm-up 2, 6 steps)', () => {
    const c = lrCurve(defaultSpec({ lr: 0.01, warmup: 2, steps: 6 }));
    expect(c.map((p) => p[0])).toEqual([0, 1, 2, 3, 4, 5]);
    [0.005, 0.01, 0.01, 0.0085355, 0.005, 0.0014645].forEach((v, i) => expect(c[i][1]).toBeCloseTo(v, 6));
  });
  it('labels SEP as an arrow and gives steps per second after 5 steps', () => {
    expect(tokenLabel(6, 6)).toBe('→');
    expect(tokenLabel(3, 6)).toBe('3');
    expect(rate(4, 100)).toBeNull();
    expect(rate(50, 1000)).toBe(50);
  });
});

describe('the text task through a link', () => {
  it('trains an own text with a lone surrogate on what the link carries (U+FFFD), so the reopened link gives the same spec', () => {
    const s = { ...trainPlaygroundSchema.defaults, task: 'text' as const, passage: 'own' as const, own: 'ab\uD800c'.repeat(40) };
    const back = new URLSearchParams(new URLSearchParams({ own: s.own }).toString()).get('own')!;
    expect(back).not.toBe(s.own); // the link replaced the surrogate
    expect(specOf({ ...s, own: back })).toEqual(specOf(s));
    const t = specOf(s).task;
    expect(t.kind === 'text' && t.text.slice(0, 4)).toBe('ab\uFFFDc');
  });

  it('clamps hostile link values with notes: an unknown engine, an unknown passage, an over-long own text', () => {
    const { state, notes } = trainPlaygroundSchema.parse(new URLSearchParams({ engine: 'xyz', passage: '999', own: 'x'.repeat(5000) }));
    expect(state.engine).toBe('ts');
    expect(state.passage).toBe('austen');
    expect(Array.from(state.own)).toHaveLength(2000);
    expect(notes.join(' ')).toMatch(/engine.*xyz/);
    expect(notes.join(' ')).toMatch(/passage.*999/);
    expect(notes.join(' ')).toMatch(/own: text longer than 2000/);
  });
});
