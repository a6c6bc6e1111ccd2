import { describe, expect, it } from 'vitest';
import { bucketTable, chartSeries, signed, summaryRows } from '@/components/widgets/kv-window/layout';
import { boundedPlan } from '@/lib/longctx/bounded-cache';

const plan = boundedPlan(16, 4);
const ramp = Float64Array.from({ length: 32 }, (_, i) => i); // two buckets of 16: means 7.5, 23.5

describe('kv-window layout', () => {
  it('buckets each curve into points at the bucket middle, dashing full attention', () => {
    const s = chartSeries(plan, { full: ramp });
    expect(s).toHaveLength(1);
    expect(s[0].points).toEqual([{ x: 7.5, y: 7.5 }, { x: 23.5, y: 23.5 }]);
    expect(s[0].dashed).toBe(true);
  });

  it('gives each series its change against full attention', () => {
    const plus1 = ramp.map((x) => x + 1);
    const rows = summaryRows(plan, { full: ramp, w16s0: plus1 });
    expect(rows.map((r) => r.id)).toEqual(['full', 'w16s0']);
    expect(rows[1].dWhole).toBeCloseTo(1, 12);
    expect(summaryRows(plan, { w16s0: plus1 })[0].dWhole).toBeNaN();
  });

  it('signs changes with a real minus and shows zero bare', () => {
    expect(signed(0.1234)).toBe('+0.123');
    expect(signed(-0.002)).toBe('−0.002');
    expect(signed(0.0001)).toBe('0.000');
    expect(signed(NaN)).toBe('–');
  });

  it('tables one row per bucket', () => {
    const t = bucketTable(plan, { full: ramp, w16s4: ramp });
    expect(t.head).toEqual(['Positions', 'full attention', 'window 16 + 4 sinks']);
    expect(t.rows).toEqual([['0–15', '7.500', '7.500'], ['16–31', '23.500', '23.500']]);
  });
});
