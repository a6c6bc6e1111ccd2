// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DataQuality from '@/components/widgets/data-quality/DataQuality';
import { dataQualitySchema } from '@/components/widgets/data-quality';
import { judge, thresholdsOf } from '@/components/widgets/data-quality/layout';
import { setExcerptForTests } from '@/components/widgets/data-common/excerpt';
import { qualityStats, splitPassages } from '@/lib/data';
import { testExcerpt } from '../data-dedup/excerpt-fixture';

afterEach(cleanup);
beforeEach(() => setExcerptForTests(testExcerpt()));
const none = new Set<string>();

describe('<DataQuality />', () => {
  it('judges every passage with the URL thresholds and lists the dropped ones; a lower word minimum drops fewer', async () => {
    const { container, rerender } = render(<DataQuality state={dataQualitySchema.defaults} setState={vi.fn()} hidden={none} locked={none} />);
    const shown = () => Number(container.querySelector('[data-shown]')?.getAttribute('data-shown') ?? -1);
    await vi.waitFor(() => expect(shown()).toBeGreaterThan(0), { timeout: 10_000 });
    const before = shown();
    rerender(<DataQuality state={{ ...dataQualitySchema.defaults, minWords: 0, maxLetters: 1 }} setState={vi.fn()} hidden={none} locked={none} />);
    expect(shown()).toBeLessThan(before); // thresholds are applied in the page: no new job
    expect(container.querySelector('tr[data-group="kjv"]')).not.toBeNull();
  });

  it("judges the student's own passage: a list of numbers is dropped", async () => {
    render(<DataQuality state={{ ...dataQualitySchema.defaults, mine: '1 2 3 4 5 6 7 8 9 10 11 12' }} setState={vi.fn()} hidden={none} locked={none} />);
    const p = await screen.findByText(/Your passage is dropped/, {}, { timeout: 10_000 });
    expect(p.textContent).toMatch(/words without letters/);
  });
});

describe('data-quality layout', () => {
  it('counts dropped passages and characters per source and per rule', () => {
    const texts = ['the cat and the dog of the house', 'x', 'the end of the story, and that is all'];
    const stats = texts.map(qualityStats);
    const s = judge(stats, [0, 0, 0], ['a', 'a', 'b'], texts.map((t) => t.length), thresholdsOf({ ...dataQualitySchema.defaults, minWords: 5 }));
    expect(s.bySource).toEqual([
      { group: 'a', passages: 2, dropped: 1, chars: texts[0].length + 1, droppedChars: 1 },
      { group: 'b', passages: 1, dropped: 0, chars: texts[2].length, droppedChars: 0 },
    ]);
    expect(s.byRule.get('minWords')).toBe(1);
    expect(splitPassages(texts.join('\n\n'), 'paragraph')).toHaveLength(3);
  });
});
