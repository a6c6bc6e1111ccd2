import { describe, expect, it } from 'vitest';
import { contextAxes, CTX_MARGIN, layerLabels, seriesPoints, yDomain } from '@/components/widgets/embed-context/layout';

describe('embed-context layout', () => {
  it('labels the embedding then blocks 1..L', () => {
    expect(layerLabels(3)).toEqual(['emb', '1', '2', '3']);
  });

  it('the y domain ends just above 1 and starts at 0 unless a value is negative', () => {
    expect(yDomain([0.4, 1])).toEqual([0, 1.02]);
    expect(yDomain([0.4, 1, -0.1])).toEqual([-0.1, 1.02]);
    expect(yDomain([-0.25])).toEqual([-0.3, 1.02]);
  });

  it('x ticks are the layers; the end points have room inside the plot', () => {
    const a = contextAxes(8, [0.5, 1], 400, 240);
    expect(a.xTicks.map((t) => t.label)).toEqual(['emb', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(a.y(1.02)).toBe(CTX_MARGIN.top);
    expect(a.y(1)).toBeGreaterThan(CTX_MARGIN.top);
    expect(a.x(0)).toBeGreaterThan(CTX_MARGIN.left); // a quarter layer of room
    expect(a.x(-0.25)).toBe(CTX_MARGIN.left);
  });

  it('seriesPoints drops non-finite values and keeps the layer index', () => {
    expect(seriesPoints([1, NaN, 0.5])).toEqual([[0, 1], [2, 0.5]]);
  });
});
