// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DataContamination from '@/components/widgets/data-contamination/DataContamination';
import { dataContaminationSchema } from '@/components/widgets/data-contamination';
import { segments } from '@/components/widgets/data-contamination/layout';
import { setExcerptForTests } from '@/components/widgets/data-common/excerpt';
import { testExcerpt } from '../data-dedup/excerpt-fixture';

afterEach(cleanup);
beforeEach(() => setExcerptForTests(testExcerpt()));
const none = new Set<string>();

describe('<DataContamination />', () => {
  it('the quiz quoting Pride and Prejudice is contaminated, the quoted span is marked', async () => {
    const { container } = render(<DataContamination state={dataContaminationSchema.defaults} setState={vi.fn()} hidden={none} locked={none} />);
    await screen.findByText('contaminated', {}, { timeout: 10_000 });
    const marks = [...container.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks[0]).toMatch(/^It is a truth universally acknowledged, that a single man/);
    expect(marks.join(' ')).not.toMatch(/Reading check/);
  });

  it('keeps the previous result on screen, marked stale, until the new n has been computed', async () => {
    const props = { setState: vi.fn(), hidden: none, locked: none };
    const { container, rerender } = render(<DataContamination state={dataContaminationSchema.defaults} {...props} />);
    await screen.findByText('contaminated', {}, { timeout: 10_000 });
    expect(container.querySelector('[data-result]')?.getAttribute('data-result')).toBe('fresh');
    rerender(<DataContamination state={{ ...dataContaminationSchema.defaults, n: 5 }} {...props} />);
    expect(container.querySelector('[data-result]')?.getAttribute('data-result')).toBe('stale');
    expect(screen.getByText('Test 13-grams in training')).toBeInTheDocument(); // the old result, with its own n
    expect(await screen.findByText('Test 5-grams in training', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(container.querySelector('[data-result]')?.getAttribute('data-result')).toBe('fresh');
  });

  it('held-out text is clean at n = 13', async () => {
    render(<DataContamination state={{ ...dataContaminationSchema.defaults, test: 'validation' }} setState={vi.fn()} hidden={none} locked={none} />);
    expect(await screen.findByText('clean', {}, { timeout: 10_000 })).toBeInTheDocument();
  });
});

describe('data-contamination layout', () => {
  it('cuts a text into plain and marked segments', () => {
    expect(segments('abcdef', [[1, 3], [4, 5]])).toEqual([
      { text: 'a', hit: false },
      { text: 'bc', hit: true },
      { text: 'd', hit: false },
      { text: 'e', hit: true },
      { text: 'f', hit: false },
    ]);
    expect(segments('ab', [])).toEqual([{ text: 'ab', hit: false }]);
  });
});
