import { describe, expect, it } from 'vitest';
import type { FinalTrace, LensCell } from '@/lib/interp/lens-readout';
import { gridRows, moveCell, pickPos, shade, topkRows, visible } from '@/components/widgets/logit-lens/layout';

// 3 stream points × 2 positions, vocabulary a, b, c.
const text = (id: number) => ['a', ' b', 'c\n'][id];
const cells: LensCell[][] = [
  [{ ids: [0, 1], probs: [0.9, 0.1] }, { ids: [1, 0], probs: [0.5, 0.3] }],
  [{ ids: [2, 0], probs: [0.4, 0.3] }, { ids: [2, 1], probs: [0.36, 0.3] }],
  [{ ids: [2, 1], probs: [0.81, 0.1] }, { ids: [2, 0], probs: [0.25, 0.2] }],
];
const tr = (rank: number, prob: number): FinalTrace => ({ id: 2, rank, prob });
const trace: FinalTrace[][] = [[tr(3, 0.0), tr(3, 0.2)], [tr(1, 0.4), tr(1, 0.36)], [tr(1, 0.81), tr(1, 0.25)]];

describe('logit-lens layout', () => {
  it('shades by √p and shows spaces and line breaks', () => {
    expect(shade(0.25)).toBe(0.5);
    expect(shade(1.5)).toBe(1);
    expect(visible(' of\n')).toBe('␣of⏎');
  });

  it('clamps the URL position to the tokens', () => {
    expect(pickPos(63, 4)).toBe(3);
    expect(pickPos(-2, 4)).toBe(0);
  });

  it('grid rows run from the model output down to the embedding, with the final answer marked', () => {
    const rows = gridRows(cells, trace, text, ['a', ' b']);
    expect(rows.map((r) => r.label)).toEqual(['1', '0', 'emb']);
    expect(rows[0].cells[0]).toMatchObject({ text: 'c⏎', p: 0.81, opacity: 0.9, final: true });
    expect(rows[2].cells[1]).toMatchObject({ text: '␣b', final: false });
    expect(rows[2].cells[1].label).toBe('embedding, position 1 (␣b): top token ␣b, p = 0.500');
  });

  it('top-k rows give the final token\'s rank and outline it', () => {
    const rows = topkRows(cells, trace, 1, text);
    expect(rows.map((r) => r.finalRank)).toEqual([1, 1, 3]);
    expect(rows[0].top.map((c) => c.final)).toEqual([true, false]);
    expect(rows[2].label).toBe('embedding');
  });

  it('arrow keys move within the grid, Up goes deeper, and the edges hold', () => {
    expect(moveCell({ point: 0, pos: 0 }, 'ArrowUp', 9, 4)).toEqual({ point: 1, pos: 0 });
    expect(moveCell({ point: 0, pos: 0 }, 'ArrowDown', 9, 4)).toEqual({ point: 0, pos: 0 });
    expect(moveCell({ point: 3, pos: 1 }, 'End', 9, 4)).toEqual({ point: 3, pos: 3 });
    expect(moveCell({ point: 3, pos: 1 }, 'PageUp', 9, 4)).toEqual({ point: 8, pos: 1 });
    expect(moveCell({ point: 3, pos: 1 }, 'x', 9, 4)).toBeNull();
  });
});
