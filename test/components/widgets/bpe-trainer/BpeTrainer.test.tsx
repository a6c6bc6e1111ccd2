// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import BpeTrainer from '@/components/widgets/bpe-trainer/BpeTrainer';
import { bpeTrainerSchema, type BpeTrainerState } from '@/components/widgets/bpe-trainer';

afterEach(cleanup);
const none = new Set<string>();

/** The widget with a real state store, as the frame gives it. */
function Harness({ initial }: { initial: Partial<BpeTrainerState> }) {
  const [state, set] = useState<BpeTrainerState>({ ...bpeTrainerSchema.defaults, ...initial });
  return <BpeTrainer state={state} setState={(p) => set((s) => ({ ...s, ...p }))} hidden={none} locked={none} />;
}

const table = () => screen.getByRole('table');
const bodyRows = () => within(table()).getAllByRole('row').slice(1);

describe('<BpeTrainer />', () => {
  it('trains on typed text, and the slider moves through the merge table (aaabdaaabac)', async () => {
    render(<Harness initial={{ corpus: 'x', vocab: 259 }} />);
    fireEvent.change(screen.getByLabelText(/Training corpus/), { target: { value: 'aaabdaaabac' } });
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    const slider = await screen.findByRole('slider', {}, { timeout: 5000 });
    expect(slider).toHaveAttribute('max', '3');
    expect(bodyRows()[0]).toHaveTextContent('No merges yet');

    fireEvent.change(slider, { target: { value: '1' } });
    // merge 1: a + a → "aa", counted 4 times (overlaps included), new id 256
    expect(bodyRows().map((r) => r.textContent)).toEqual(['1a + a4aa256']);

    fireEvent.change(slider, { target: { value: '3' } });
    expect(bodyRows().map((r) => r.textContent)).toEqual(['1a + a4aa256', '2a + b2ab257', '3aa + ab2aaab258']);
    expect(screen.getByText(/Bytes per token/)).toHaveTextContent('2.2 (5 tokens)'); // 11 / 5
    // the corpus at step 3 is aaab|d|aaab|a|c
    const corpus = screen.getByRole('list', { name: 'Corpus tokens at this step' });
    expect(Array.from(corpus.querySelectorAll('[role="listitem"]')).map((e) => e.textContent)).toEqual(['aaab', 'd', 'aaab', 'a', 'c']);
  });

  it('clicking a token shows the merges that built it', async () => {
    render(<Harness initial={{ corpus: 'aaabdaaabac', vocab: 259, trained: true, step: 3 }} />);
    const corpus = await screen.findByRole('list', { name: 'Corpus tokens at this step' }, { timeout: 5000 });
    await act(async () => {
      fireEvent.click(corpus.querySelectorAll('[role="listitem"]')[0]);
    });
    const tree = screen.getByRole('list', { name: 'Merge tree of token 258' });
    expect(within(tree).getAllByRole('listitem').map((li) => li.querySelector('code')?.textContent)).toEqual(['aaab', 'aa', 'a', 'a', 'ab', 'a', 'b']);
  });

  it('Step and Back buttons change the step by one', async () => {
    render(<Harness initial={{ corpus: 'aaabdaaabac', vocab: 259, trained: true, step: 1 }} />);
    await screen.findByRole('slider', {}, { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    expect(screen.getByRole('slider')).toHaveValue('2');
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('slider')).toHaveValue('0');
  });
});

describe('<NumberField /> (vocabulary size)', () => {
  it('lets the student clear the field and type 500: the state changes only to valid sizes', async () => {
    const setState = vi.fn();
    render(<BpeTrainer state={{ ...bpeTrainerSchema.defaults }} setState={setState} hidden={none} locked={none} />);
    const input = screen.getByLabelText(/Vocabulary size/);
    for (const t of ['', '5', '50', '500']) fireEvent.change(input, { target: { value: t } });
    expect(input).toHaveValue(500);
    expect(setState.mock.calls).toEqual([[{ vocab: 500, trained: false, step: 0, sel: -1 }]]);
  });
});
