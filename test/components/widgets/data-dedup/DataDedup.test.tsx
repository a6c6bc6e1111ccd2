// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DataDedup from '@/components/widgets/data-dedup/DataDedup';
import { dataDedupSchema } from '@/components/widgets/data-dedup';
import { clip, sCurve } from '@/components/widgets/data-dedup/layout';
import { setExcerptForTests } from '@/components/widgets/data-common/excerpt';
import { candidateProbability } from '@/lib/data';
import { testExcerpt } from './excerpt-fixture';

afterEach(cleanup);
beforeEach(() => setExcerptForTests(testExcerpt()));
const none = new Set<string>();

describe('<DataDedup />', () => {
  it('MinHash + LSH finds the repeated verse (3 copies → 3 pairs) and the repeated "Yes." as two groups of identical text', async () => {
    const { container } = render(<DataDedup state={dataDedupSchema.defaults} setState={vi.fn()} hidden={none} locked={none} />);
    await screen.findByText(/largest first/, {}, { timeout: 10_000 });
    const stats = container.querySelector('[data-accepted]')!;
    // pairs with J ≥ 0.8: 3 of the thrice-repeated verse + 1 of '"Yes."' twice; the offering pair has J = 11/14 < 0.8
    expect(Number(stats.getAttribute('data-accepted'))).toBe(4);
    expect(Number(stats.getAttribute('data-clusters'))).toBe(2);
    expect(screen.getAllByText('identical text').length).toBe(2);
    expect(screen.getByText('3 passages')).toBeInTheDocument();
  });

  it('at threshold 0.7 the two offerings (J = 11/14 ≈ 0.786) are a group too; hiding identical texts leaves just them', async () => {
    render(<DataDedup state={{ ...dataDedupSchema.defaults, threshold: 0.7, hideIdentical: true }} setState={vi.fn()} hidden={none} locked={none} />);
    const note = await screen.findByText(/with more than one distinct text/, {}, { timeout: 10_000 });
    expect(note.getAttribute('data-shown')).toBe('1');
    expect(screen.getByText('Jaccard ≥ 0.786')).toBeInTheDocument();
  });

  it('the suffix array lists the repeated verse with its count', async () => {
    const { container } = render(<DataDedup state={{ ...dataDedupSchema.defaults, method: 'exact', minChars: 30 }} setState={vi.fn()} hidden={none} locked={none} />);
    await screen.findByText(/Repeated spans/, {}, { timeout: 10_000 });
    const items = [...container.querySelectorAll('.dw-item')].map((li) => li.textContent ?? '');
    expect(items.some((t) => /^3× · \d+ characters/.test(t) && t.includes('And the LORD spake unto Moses, saying,'))).toBe(true);
    expect(items.some((t) => /^2× · /.test(t) && t.includes('One young bullock, one ram, one lamb of the first year, for a burnt offering'))).toBe(true);
  });
});

describe('data-dedup layout', () => {
  it('the S-curve passes through 1 − (1 − s^r)^b', () => {
    const c = sCurve(5, 20, 0.8, 100, 50);
    expect(c.atThreshold).toBeCloseTo(candidateProbability(0.8, 5, 20), 12);
    expect(c.table[5].p).toBeCloseTo(1 - (31 / 32) ** 20, 12);
    expect(c.path.startsWith('M0.0,50.0')).toBe(true);
    expect(c.path.endsWith('L100.0,0.0')).toBe(true);
    expect(clip('abcdef', 3)).toBe('abc…');
  });
});
