// @vitest-environment jsdom
/**
 * The embedding map on a 5-token hand-made table: the PCA runs (sliced) to the end, the explained
 * variance is shown, typing a word moves the neighbours, and a word that is not one token gets a note.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rowNorms } from '@/lib/interp/neighbours';
import { pca } from '@/lib/interp/pca';

const words = ['man', 'woman', 'king', 'queen', 'apple'];
const table = Float32Array.from([1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1]);
const tok = {
  encode: (t: string) => { const i = words.indexOf(t.trim()); return i >= 0 ? [i] : [7, 8]; },
  decode: () => '',
  tokenText: (i: number) => (i < words.length ? ` ${words[i]}` : ['x', 'y', 'z', ' wh', 'ale'][i - 5] ?? '?'),
};
// one stable object, as the real hook keeps it in state (a new object per render would restart the PCA)
const view = { phase: 'ready', loaded: 1, total: 1, data: { table, V: 5, d: 3, norms: rowNorms(table, 5, 3), tok, tied: true } };
vi.mock('@/components/widgets/embed-common/useEmbeddingTable', () => ({ useEmbeddingTable: () => view }));

const { default: EmbedMap } = await import('@/components/widgets/embed-map/EmbedMap');
type State = import('@/components/widgets/embed-map/index').EmbedMapState;
afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

function Harness() {
  const [state, set] = useState<State>({ word: 'man', count: 300, k: 2 });
  return <EmbedMap state={state} setState={(p) => set((x) => ({ ...x, ...p }))} hidden={none} locked={none} />;
}

describe('embed-map', () => {
  it('shows PC1 from lib, the neighbours of the word, and follows a typed word', async () => {
    const { container } = render(<Harness />);
    const want = `${(100 * pca(table, 5, 3, 2).explainedRatio[0]).toFixed(1)}%`;
    await waitFor(() => expect(screen.getByTestId('pc1').textContent).toBe(want));
    const root = container.querySelector('[data-nb]')!;
    const before = root.getAttribute('data-nb');
    expect(before!.split(',')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Word'), { target: { value: 'queen' } });
    expect(root.getAttribute('data-pick')).toBe('3');
    expect(root.getAttribute('data-nb')).not.toBe(before);
    expect(container.querySelectorAll('circle.em-dot-nb')).toHaveLength(2);
  });

  it('a word that is not one token gets a note', () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText('Word'), { target: { value: 'whale' } });
    expect(screen.getByTestId('split').textContent).toContain('“whale” is not one token');
  });
});
