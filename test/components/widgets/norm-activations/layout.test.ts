import { describe, expect, it } from 'vitest';
import { activationCurves } from '@/lib/interp/norm-act';
import { curveSeries, normRows } from '@/components/widgets/norm-activations/layout';

describe('norm-activations layout', () => {
  it('normRows([3, 4], 0): rows (3, −1, 0.849) and (4, 1, 1.131)', () => {
    const { rows, mean, std } = normRows([3, 4], 0);
    expect([mean, std]).toEqual([3.5, 0.5]);
    expect(rows.map((r) => [r.x, +r.layer.toFixed(3), +r.rms.toFixed(3)])).toEqual([[3, -1, 0.849], [4, 1, 1.131]]);
  });
  it('curveSeries has GELU, SiLU and ReLU over the same x', () => {
    const s = curveSeries(activationCurves(-1, 1, 2));
    expect(s.map((x) => x.id)).toEqual(['gelu', 'silu', 'relu']);
    expect(s[2].points).toEqual([{ x: -1, y: 0 }, { x: 0, y: 0 }, { x: 1, y: 1 }]);
    expect(s[0].points[2].y).toBeCloseTo(0.841192, 6);
  });
});
