// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TokenizerCompare from '@/components/widgets/tokenizer-compare/TokenizerCompare';
import { tokenizerCompareSchema } from '@/components/widgets/tokenizer-compare';

afterEach(cleanup);
const none = new Set<string>();

describe('<TokenizerCompare />', () => {
  it('trains BPE, WordPiece and Unigram in the page and compares their cuts with the reference', async () => {
    render(<TokenizerCompare state={{ ...tokenizerCompareSchema.defaults, text: 'unhappy cat', vocab: 300, ref: 'char' }} setState={vi.fn()} hidden={none} locked={none} />);
    await screen.findByText(/were trained live in your browser/, {}, { timeout: 20_000 });
    expect(screen.getAllByRole('region')).toHaveLength(5); // char, byte, BPE, WordPiece, Unigram
    const chars = screen.getByLabelText(/^Code points: 11 tokens, reference$/);
    // "unhappy cat" as code points: u n h a p p y · c a t
    expect(within(chars).getAllByText(/./).filter((e) => e.classList.contains('tok'))).toHaveLength(11);
    // every other tokenizer cuts no more often than code points do: it has 0 extra cuts
    for (const name of ['Bytes \\(UTF-8\\)', 'BPE \\(ours, byte-level\\)', 'WordPiece', 'Unigram']) {
      expect(screen.getByLabelText(new RegExp(`^${name}: \\d+ tokens, 0 extra cuts, \\d+ missing$`))).toBeInTheDocument();
    }
  }, 30_000);
});
