import { describe, expect, it } from 'vitest';
import { bucketTable, chartSeries, rawCsv, summaryRows, trainingMarks } from '@/components/widgets/positions-extend/layout';
import { seriesPlan } from '@/lib/longctx/extension';
import { autoDomain, lineChartLayout } from '@/components/viz/line-chart';

const plan = seriesPlan(2, 5);
const curves = { none: Float64Array.of(1, 2, 3, 4), learned: Float64Array.of(5, 6) };

describe('positions-extend layout', () => {
  it('draws bucket means at bucket middles, only for computed series, twins dashed', () => {
    const s = chartSeries(plan, curves, 2);
    expect(s.map((x) => x.id)).toEqual(['none', 'learned']);
    expect(s[0].points).toEqual([{ x: 0.5, y: 1.5 }, { x: 2.5, y: 3.5 }]);
    expect(s[1].dashed).toBe(true);
    expect(s[1].label).toMatch(/stops at 128/);
  });
  it('summarizes each curve and tabulates buckets with a dash past a curve\'s end', () => {
    expect(summaryRows(plan, curves)[0]).toMatchObject({ id: 'none', whole: 2.5, within: 2.5, positions: 4 });
    expect(summaryRows(plan, curves)[1]).toMatchObject({ id: 'learned', label: 'lm-learned-pos', whole: 5.5, positions: 2 }); // its range cell shows where it stops
    const t = bucketTable(plan, curves, 2);
    expect(t.head).toEqual(['Positions', 'lm, no scaling', 'lm-learned-pos']);
    expect(t.rows).toEqual([['0–1', '1.500', '5.500'], ['2–3', '3.500', '–']]);
    expect(rawCsv(plan, curves).split('\n')).toEqual(['position,none,learned', '0,1.00000,5.00000', '1,2.00000,6.00000', '2,3.00000,', '3,4.00000,']);
  });
  it('marks the training lengths that fall inside the window', () => {
    expect(trainingMarks(1024).map((m) => m.x)).toEqual([128, 256]);
    expect(trainingMarks(200).map((m) => m.x)).toEqual([128]);
  });
});

describe('line chart layout', () => {
  it('pads and rounds the y range, and keeps only markers inside the x range', () => {
    const series = [{ id: 'a', label: 'a', color: 0, points: [{ x: 0, y: 3.2 }, { x: 10, y: 5.9 }] }];
    const [lo, hi] = autoDomain(series);
    expect(lo).toBeLessThanOrEqual(3.2);
    expect(hi).toBeGreaterThanOrEqual(5.9);
    const g = lineChartLayout(series, { xDomain: [0, 10], vlines: [{ x: 5, label: 'mid' }, { x: 50, label: 'out' }] }, 300, 200);
    expect(g.vlines).toHaveLength(1);
    expect(g.paths[0].d.startsWith('M')).toBe(true);
    expect(g.paths[0].end?.x).toBe(g.plot.right);
  });
});
