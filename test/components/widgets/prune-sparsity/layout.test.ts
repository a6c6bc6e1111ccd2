import { describe, expect, it } from 'vitest';
import { GRID, layoutCurve, snap } from '@/components/widgets/prune-sparsity/layout';

describe('prune-sparsity layout', () => {
  it('snaps any fraction to the 0.1 grid inside [0, 0.9]', () => {
    expect(GRID).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect([snap(0.34), snap(0.35), snap(-1), snap(5)]).toEqual([0.3, 0.4, 0, 0.9]);
  });
  it('maps fraction 0 to the left edge, 0.9 to the right, loss 0 to the bottom; points sorted by fraction', () => {
    const v = layoutCurve([{ fraction: 0.9, loss: 9.4 }, { fraction: 0, loss: 3.5 }], 3.5, 400, 200);
    expect(v.yMax).toBe(10);
    expect(v.dots.map((d) => d.fraction)).toEqual([0, 0.9]);
    expect(v.x(0)).toBe(v.pad.l);
    expect(v.x(0.9)).toBe(400 - v.pad.r);
    expect(v.y(0)).toBe(200 - v.pad.b);
    expect(v.y(10)).toBe(v.pad.t);
    expect(v.path.startsWith('M')).toBe(true);
    expect(v.yTicks).toEqual([0, 2, 4, 6, 8, 10]);
  });
});
