import { describe, expect, it } from 'vitest';
import { bytesText, sharingFigure } from '@/components/widgets/attention-kv/layout';

describe('K/V sharing figure', () => {
  it('the doc-comment example: 4 query heads over 2 K/V heads in 300 px', () => {
    const f = sharingFigure(4, 2, 300);
    expect(f.queries.map((q) => q.cx)).toEqual([37.5, 112.5, 187.5, 262.5]);
    expect(f.kvs.map((k) => k.cx)).toEqual([75, 225]);
    expect(f.links.map((l) => [l.q, l.kv])).toEqual([[0, 0], [1, 0], [2, 1], [3, 1]]);
  });

  it('MQA puts its one K/V head under the middle; MHA one under each query head', () => {
    expect(sharingFigure(4, 1, 400).kvs.map((k) => k.cx)).toEqual([200]);
    expect(sharingFigure(4, 4, 400).kvs.map((k) => k.cx)).toEqual([50, 150, 250, 350]);
  });

  it('bytesText uses binary units', () => {
    expect(bytesText(8192)).toBe('8 KiB');
    expect(bytesText(1048576)).toBe('1 MiB');
    expect(bytesText(1536)).toBe('1.5 KiB');
    expect(bytesText(100)).toBe('100 B');
  });
});
