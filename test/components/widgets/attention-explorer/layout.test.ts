import { describe, expect, it } from 'vitest';
import { headMatrix, heatCells, moveCell, num, pickCell, signedBars } from '@/components/widgets/attention-explorer/layout';

describe('attention explorer layout', () => {
  it('heatCells keeps the causal cells only, in row order, with opacity √p', () => {
    const m = [1, 0, 0, 0.75, 0.25, 0, 0.5, 0.25, 0.25];
    const cells = heatCells(m, 3, 10);
    expect(cells.map((c) => [c.row, c.col])).toEqual([[0, 0], [1, 0], [1, 1], [2, 0], [2, 1], [2, 2]]);
    expect(cells[2]).toMatchObject({ x: 10, y: 10, value: 0.25, opacity: 0.5 });
  });

  it('moveCell walks with the arrow keys and keeps key ≤ query; Home / End jump along the row', () => {
    expect(moveCell({ query: 2, key: 2 }, 'ArrowUp', 3)).toEqual({ query: 1, key: 1 });
    expect(moveCell({ query: 2, key: 0 }, 'ArrowLeft', 3)).toEqual({ query: 2, key: 0 });
    expect(moveCell({ query: 2, key: 1 }, 'ArrowRight', 3)).toEqual({ query: 2, key: 2 });
    expect(moveCell({ query: 2, key: 2 }, 'ArrowRight', 3)).toEqual({ query: 2, key: 2 });
    expect(moveCell({ query: 2, key: 1 }, 'ArrowDown', 3)).toEqual({ query: 2, key: 1 });
    expect(moveCell({ query: 2, key: 1 }, 'Home', 3)).toEqual({ query: 2, key: 0 });
    expect(moveCell({ query: 2, key: 0 }, 'End', 3)).toEqual({ query: 2, key: 2 });
    expect(moveCell({ query: 2, key: 0 }, 'a', 3)).toBeNull();
  });

  it('pickCell clamps URL values to the tokens there are', () => {
    expect(pickCell(13, 12, 5)).toEqual({ query: 4, key: 4 });
    expect(pickCell(3, 9, 30)).toEqual({ query: 3, key: 3 });
  });

  it('headMatrix picks one head of a [1, nh, T, T] tap', () => {
    const probs = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), dims: [1, 2, 2, 2] };
    expect([...headMatrix(probs, 1)]).toEqual([5, 6, 7, 8]);
  });

  it('signedBars: the largest |v| fills half the height, negatives hang below the midline', () => {
    const b = signedBars([2, -1], 20, 40);
    expect(b[0]).toMatchObject({ y: 0, height: 20, positive: true, x: 1, width: 8 });
    expect(b[1]).toMatchObject({ y: 20, height: 10, positive: false });
  });

  it('num writes a true minus sign and −∞', () => {
    expect(num(-0.5)).toBe('−0.500');
    expect(num(-Infinity)).toBe('−∞');
    expect(num(0.1234, 2)).toBe('0.12');
  });
});
