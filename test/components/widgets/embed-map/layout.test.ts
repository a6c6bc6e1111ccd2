import { describe, expect, it } from 'vitest';
import { MAP_MARGIN, mapLayout, padded, subset } from '@/components/widgets/embed-map/layout';
import { linearAxes, tokenLabel } from '@/components/widgets/embed-common/layout';

describe('embed-map layout', () => {
  it('subset takes the first count ids and clamps to what there is', () => {
    expect(subset([5, 7, 9], 2)).toEqual([5, 7]);
    expect(subset([5, 7, 9], 10)).toEqual([5, 7, 9]);
    expect(subset([5, 7, 9], -1)).toEqual([]);
  });

  it('padded widens a range by 5% each side and never returns an empty one', () => {
    expect(padded(-2, 2)).toEqual([-2.2, 2.2]);
    expect(padded(3, 3)).toEqual([2, 4]);
  });

  it('the doc example: (0, 0) lands in the middle of the plot; pick and neighbours come last', () => {
    const proj: Record<number, [number, number]> = { 1: [0, 0], 2: [2, 1], 3: [-2, -1] };
    const { axes, dots } = mapLayout([1, 2, 3], (i) => proj[i], 2, [3], 300, 200);
    const mid = dots.find((d) => d.id === 1)!;
    expect(mid.x).toBeCloseTo(MAP_MARGIN.left + axes.plot.width / 2, 9);
    expect(mid.y).toBeCloseTo(MAP_MARGIN.top + axes.plot.height / 2, 9);
    expect(dots.map((d) => [d.id, d.role])).toEqual([[1, ''], [3, 'nb'], [2, 'pick']]);
  });

  it('a pick that is not among the shown ids is still drawn', () => {
    const { dots } = mapLayout([1], () => [0, 0], 42, [], 300, 200);
    expect(dots.map((d) => d.id)).toEqual([1, 42]);
  });

  it('linearAxes maps the domain ends to the plot edges; tokenLabel shows spaces as ·', () => {
    const a = linearAxes({ width: 300, height: 100, margin: { top: 0, right: 10, bottom: 0, left: 40 }, xDomain: [0, 8], yDomain: [0, 1] });
    expect(a.x(0)).toBe(40);
    expect(a.x(8)).toBe(290);
    expect(tokenLabel(' the\n')).toBe('·the↵');
  });
});
