// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import UnigramSamples from '@/components/widgets/unigram-samples/UnigramSamples';
import { unigramSamplesSchema, type UnigramSamplesState } from '@/components/widgets/unigram-samples';

afterEach(cleanup);
const none = new Set<string>();
const state = (p: Partial<UnigramSamplesState>) => ({ ...unigramSamplesSchema.defaults, vocab: 300, ...p });

/** The sampled segmentations as text, in list order. */
async function sampled() {
  const list = await screen.findByRole('list', {}, { timeout: 20_000 });
  return within(list).getAllByRole('listitem').map((li) => li.textContent);
}

describe('<UnigramSamples />', () => {
  it('lists n best segmentations whose probabilities fall, and the same seed gives the same samples', async () => {
    const { unmount } = render(<UnigramSamples state={state({ text: 'happiness', nbest: 4, samples: 6, seed: 3 })} setState={() => {}} hidden={none} locked={none} />);
    const first = await sampled();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    const logp = rows.map((r) => Number(r.querySelectorAll('td')[1].textContent));
    expect([...logp].sort((a, b) => b - a)).toEqual(logp);
    unmount();
    render(<UnigramSamples state={state({ text: 'happiness', nbest: 4, samples: 6, seed: 3 })} setState={() => {}} hidden={none} locked={none} />);
    expect(await sampled()).toEqual(first);
  }, 30_000);

  it('with a very large alpha every sample is the best segmentation', async () => {
    render(<UnigramSamples state={state({ text: 'happiness', alpha: 3, samples: 10, seed: 1 })} setState={() => {}} hidden={none} locked={none} />);
    const items = await sampled();
    const best = within(screen.getByRole('table')).getAllByRole('row')[1].querySelector('.sr-only')?.textContent;
    expect(items).toHaveLength(1);
    expect(items[0]).toContain('×10');
    expect(items[0]).toContain(best);
  }, 30_000);
});
