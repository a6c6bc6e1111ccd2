import { describe, expect, it } from 'vitest';
import { formatPct, labelIndices, layoutBars, layoutHeatmap, topTokens, windowOf } from '@/components/widgets/generate/layout';

describe('topTokens', () => {
  it('returns the k most likely ids in descending order, ties broken by the lower id, zeros left out', () => {
    expect(topTokens([0.1, 0.4, 0, 0.4, 0.1], 3)).toEqual([
      { id: 1, p: 0.4 },
      { id: 3, p: 0.4 },
      { id: 0, p: 0.1 },
    ]);
    expect(topTokens([0, 0.5, 0.5], 10)).toHaveLength(2);
  });
});

describe('layoutBars', () => {
  // by hand: plot width 340 - 100 - 40 = 200; x = p / 0.5 · 200 → 200, 120, 80.
  // band: step = 72 / (3 - 0.25 + 2·0.125) = 24; bandwidth = 24 · 0.75 = 18;
  // start = (72 - 24 · 2.75) / 2 = 3 → y = 3, 27, 51.
  const items = [
    { id: 7, p: 0.5, label: 'a' },
    { id: 8, p: 0.3, label: 'b', chosen: true },
    { id: 9, p: 0.2, label: 'c' },
  ];
  const v = layoutBars(items, { width: 340, labelWidth: 100, valueWidth: 40, rowHeight: 24 });

  it('scales bar lengths so the most likely token spans the plot', () => {
    expect(v.plotWidth).toBe(200);
    expect(v.bars.map((b) => b.width)).toEqual([200, 120, 80]);
  });

  it('places one bar per 24 px row, 18 px tall, centred in its band', () => {
    expect(v.height).toBe(72);
    expect(v.bars.map((b) => b.y)).toEqual([3, 27, 51]);
    expect(v.bars.every((b) => b.height === 18)).toBe(true);
  });

  it('keeps ids, labels and the chosen mark, and formats percentages with one decimal', () => {
    expect(v.bars.map((b) => [b.id, b.label, b.chosen ?? false, b.pct])).toEqual([
      [7, 'a', false, '50.0%'],
      [8, 'b', true, '30.0%'],
      [9, 'c', false, '20.0%'],
    ]);
    expect(formatPct(0.0004)).toBe('<0.1%');
    expect(formatPct(0)).toBe('0.0%');
  });
});

describe('windowOf', () => {
  it('takes the last w queries and the last w keys', () => {
    expect(windowOf(10, 10, 4)).toEqual({ row0: 6, col0: 6, n: 4 });
    expect(windowOf(3, 3, 40)).toEqual({ row0: 0, col0: 0, n: 3 });
    expect(windowOf(2, 5, 40)).toEqual({ row0: 0, col0: 3, n: 2 }); // 3 cached keys before the queries
  });
});

describe('layoutHeatmap', () => {
  // 3 tokens, causal: row i has keys 0..i
  const m = [1, 0, 0, 0.25, 0.75, 0, 0.2, 0.3, 0.5];

  it('draws one cell per (query, earlier-or-same key) in a square of the given size', () => {
    const v = layoutHeatmap(m, 3, 3, 90, 40);
    expect(v.cellSize).toBe(30);
    expect(v.cells).toHaveLength(6); // 1 + 2 + 3
    const c = v.cells.find((x) => x.row === 2 && x.col === 1)!;
    expect([c.x, c.y, c.value]).toEqual([30, 60, 0.3]);
    expect(v.cells.some((x) => x.col > x.row)).toBe(false);
  });

  it('maps weights to opacity on a sqrt scale from 0.06 to 1', () => {
    const v = layoutHeatmap(m, 3, 3, 90, 40);
    const op = (r: number, col: number) => v.cells.find((x) => x.row === r && x.col === col)!.opacity;
    expect(op(0, 0)).toBeCloseTo(1, 12);
    expect(op(1, 0)).toBeCloseTo(0.06 + 0.94 * 0.5, 12); // sqrt(0.25) = 0.5
  });

  it('shows only the last maxN positions, indexed in the full sequence', () => {
    const v = layoutHeatmap(m, 3, 3, 60, 2);
    expect(v.window).toEqual({ row0: 1, col0: 1, n: 2 });
    expect(v.cells.map((c) => [c.row, c.col, c.value])).toEqual([
      [1, 1, 0.75],
      [2, 1, 0.3],
      [2, 2, 0.5],
    ]);
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => layoutHeatmap([1, 2], 3, 3, 90, 40)).toThrow(/expected 3×3/);
  });
});

describe('labelIndices', () => {
  it('labels every step-th cell counted back from the last, so labels are at least minGap apart', () => {
    // by hand: step = ⌈14 / 6⌉ = 3; from the last (9) back: 9, 6, 3, 0.
    expect(labelIndices(10, 6, 14)).toEqual([0, 3, 6, 9]);
    // step ⌈14 / 5⌉ = 3 with n = 8: 7, 4, 1.
    expect(labelIndices(8, 5, 14)).toEqual([1, 4, 7]);
  });

  it('labels all cells when they are at least minGap tall, none when there are none', () => {
    expect(labelIndices(4, 14, 14)).toEqual([0, 1, 2, 3]);
    expect(labelIndices(0, 14, 14)).toEqual([]);
  });
});
