// @vitest-environment jsdom
/**
 * The analogy widget on a 5-token hand-made table (the lib test's man/woman/king/queen/apple):
 * typing a word updates the answers, and a word that is not one token gets a visible note.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rowNorms } from '@/lib/interp/neighbours';

const words = ['man', 'woman', 'king', 'queen', 'apple'];
const table = Float32Array.from([1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1]);
const tok = {
  encode: (t: string) => { const i = words.indexOf(t.trim()); return i >= 0 ? [i] : [9, 9]; },
  decode: () => '',
  tokenText: (i: number) => (i < words.length ? ` ${words[i]}` : 'x'),
};
const view = { phase: 'ready', loaded: 1, total: 1, data: { table, V: 5, d: 3, norms: rowNorms(table, 5, 3), tok, tied: true } };
vi.mock('@/components/widgets/embed-common/useEmbeddingTable', () => ({ useEmbeddingTable: () => view }));

const { default: EmbedAnalogy } = await import('@/components/widgets/embed-analogy/EmbedAnalogy');
type State = import('@/components/widgets/embed-analogy/index').EmbedAnalogyState;
afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

function Harness() {
  const [state, set] = useState<State>({ a: 'man', b: 'king', c: 'woman', expected: 'queen' });
  return <EmbedAnalogy state={state} setState={(p) => set((x) => ({ ...x, ...p }))} hidden={none} locked={none} />;
}

describe('embed-analogy', () => {
  it('man : king :: woman : queen ranks queen #1, and changing the expected word updates the rank', () => {
    const { container } = render(<Harness />);
    expect(screen.getByTestId('rank').textContent).toContain('#1');
    fireEvent.change(screen.getByLabelText('is to (expected)'), { target: { value: 'apple' } });
    expect(screen.getByTestId('rank').textContent).toContain('#2');
    expect(container.querySelector('[data-rank]')!.getAttribute('data-rank')).toBe('2');
  });

  it('a word that is not one token gets a note, not a crash', () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText('as c'), { target: { value: 'whale' } });
    expect(screen.getByTestId('split').textContent).toContain('“whale” is not one token');
  });
});
