import { describe, expect, it } from 'vitest';
import type { MergeStep } from '@/lib/tokenizer';
import { chartGeometry, compressionPoints, mergeRows, treeRows, CHART_MARGIN } from '@/components/widgets/bpe-trainer/layout';

// Wikipedia's example "aaabdaaabac" (11 bytes), worked by hand:
//   (a,a)→256: ZabdZabac  11 → 9 tokens, count 4 (overlapping pairs counted: "aaa" holds two)
//   (a,b)→257: ZYdZYac     9 → 7, count 2
//   (256,257)→258: XdXac   7 → 5, count 2
const trace: MergeStep[] = [
  { rank: 0, pair: [97, 97], id: 256, count: 4, tokensBefore: 11, tokensAfter: 9, words: 1 },
  { rank: 1, pair: [97, 98], id: 257, count: 2, tokensBefore: 9, tokensAfter: 7, words: 1 },
  { rank: 2, pair: [256, 257], id: 258, count: 2, tokensBefore: 7, tokensAfter: 5, words: 1 },
];
const text = (id: number) => ({ 97: 'a', 98: 'b', 256: 'aa', 257: 'ab', 258: 'aaab' })[id] ?? '?';

describe('bpe-trainer layout', () => {
  it('compressionPoints gives bytes per token after 0…3 merges of "aaabdaaabac"', () => {
    expect(compressionPoints(trace, 11)).toEqual([
      { step: 0, ratio: 1, tokens: 11 },
      { step: 1, ratio: 11 / 9, tokens: 9 },
      { step: 2, ratio: 11 / 7, tokens: 7 },
      { step: 3, ratio: 11 / 5, tokens: 5 },
    ]);
  });

  it('chartGeometry maps step and ratio linearly into the plot box', () => {
    const g = chartGeometry(compressionPoints(trace, 11), 3, 300, 200);
    const left = CHART_MARGIN.left, right = 300 - CHART_MARGIN.right, top = CHART_MARGIN.top, bottom = 200 - CHART_MARGIN.bottom;
    // y runs 0 … 2.5 (the largest ratio 11/5 = 2.2, made nice); step 3 of 3 → right edge
    const yOf = (r: number) => bottom - (r / 2.5) * (bottom - top);
    expect(g.marker.x).toBeCloseTo(right, 2);
    expect(g.marker.y).toBeCloseTo(yOf(11 / 5), 2);
    // the line starts at (left, y(1)): one byte per token before any merge
    expect(g.path.startsWith(`M${left},${yOf(1)}`)).toBe(true);
    expect(g.yTicks[0]).toEqual({ y: bottom, label: '0' });
    expect(g.yTicks[g.yTicks.length - 1]).toEqual({ y: top, label: '2.5' });
  });

  it('mergeRows shows the merges done so far, newest last and marked current', () => {
    expect(mergeRows(trace, 0, text)).toEqual([]);
    const rows = mergeRows(trace, 2, text);
    expect(rows.map((r) => [r.left, r.right, r.merged, r.id, r.count, r.current])).toEqual([
      ['a', 'a', 'aa', 256, 4, false],
      ['a', 'b', 'ab', 257, 2, true],
    ]);
    expect(mergeRows(trace, 3, text, 1).map((r) => r.merged)).toEqual(['aaab']);
  });

  it('treeRows lists a merge tree in pre-order with depths', () => {
    const tree = { id: 258, text: 'aaab', left: { id: 256, text: 'aa', left: { id: 97, text: 'a' }, right: { id: 97, text: 'a' } }, right: { id: 257, text: 'ab', left: { id: 97, text: 'a' }, right: { id: 98, text: 'b' } } };
    expect(treeRows(tree).map((r) => `${r.depth}:${r.text}${r.leaf ? '.' : ''}`)).toEqual(['0:aaab', '1:aa', '2:a.', '2:a.', '1:ab', '2:a.', '2:b.']);
  });
});
