// @vitest-environment jsdom
/** The head-scoring widget on a fake model client: it runs the repeated random block and ranks every head three ways. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HeadsPanel } from '@/components/widgets/attention-heads/Heads';
import { headsSchema } from '@/components/widgets/attention-heads/index';
import type { Deps } from '@/components/lesson/live-model';
import { repeatedRandomTokens } from '@/lib/interp/random-seq';
import { ByteTokenizer } from '@/lib/tokenizer/byte';
import { fakeClient } from '../attention-explorer/fake-model';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

describe('<HeadsPanel />', () => {
  it('runs the seeded block twice over, and shows the grid, three ranked tables and the copy losses', async () => {
    const client = fakeClient();
    const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
    const setState = vi.fn();
    render(<HeadsPanel state={{ ...headsSchema.defaults, seed: 5, period: 12 }} setState={setState} hidden={none} locked={none} deps={deps} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    await waitFor(() => expect(document.querySelector('.ax-grid-cell')).not.toBeNull());
    const fed = Array.from((vi.mocked(client.run).mock.calls[0][2].ids.data as BigInt64Array), Number);
    expect(fed).toEqual(repeatedRandomTokens(5, 12, 256, 4096));
    expect(document.querySelectorAll('.ax-grid-cell')).toHaveLength(8);
    expect(document.querySelectorAll('table[data-kind]')).toHaveLength(3);
    const loss = document.querySelector('.ax-loss')!;
    expect(Number(loss.getAttribute('data-first'))).toBeGreaterThan(0);
    expect(document.querySelector('.ax-pattern')!.getAttribute('data-layer')).toBe('1'); // layer 4 clamped to the fake's 2 layers
    expect(document.querySelectorAll('.ax-pattern .ax-cell')).toHaveLength(24 * 25 / 2);
    // the pattern's data table: one row per query 1..23; the mean of the dashed column is the head's induction score
    const rows = [...document.querySelectorAll('.ax-pattern ~ details tbody tr')];
    expect(rows).toHaveLength(23);
    const dashed = rows.slice(11).map((r) => Number(r.querySelectorAll('td')[1].textContent));
    const shown = /this head: ([\d.]+)\)\.$/.exec(document.querySelector('.ax-pattern')!.closest('figure')!.querySelector('figcaption')!.textContent!.trim())![1];
    expect(dashed.reduce((s, x) => s + x, 0) / dashed.length).toBeCloseTo(Number(shown), 2);
    expect(rows[11].querySelector('th')!.textContent).toBe('12 (copy 2)');
    fireEvent.click(screen.getByRole('button', { name: /^Layer 0, head 2:/ }));
    expect(setState).toHaveBeenCalledWith({ layer: 0, head: 2 });
    fireEvent.click(screen.getByRole('button', { name: 'New random block' }));
    expect(setState).toHaveBeenCalledWith({ seed: 6 });
  });
});
