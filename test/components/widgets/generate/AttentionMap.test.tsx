// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AttentionMap } from '@/components/widgets/generate/AttentionMap';
import type { Attention } from '@/components/widgets/generate/steps';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
const none: ReadonlySet<string> = new Set();

/** One layer, one head, causal uniform attention over T tokens. */
function uniform(T: number): Attention {
  const data = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) data[i * T + j] = 1 / (i + 1);
  return { layers: [{ data, dims: [1, 1, T, T] }], nHead: 1, T, S: T };
}

const labels = (sel: string) => [...document.querySelectorAll(sel)].map((t) => t.lastChild?.textContent);

describe('AttentionMap', () => {
  it('labels every key column with its token when the cells are big enough, each with a tooltip', () => {
    const tokens = ['The', ' cat', ' sat'];
    render(<AttentionMap attention={uniform(3)} layer={0} head={0} tokens={tokens} onPick={() => {}} hidden={none} locked={none} />);
    // 3 tokens at 18 px per cell (the width of 480 leaves room for all): every row and every column labelled.
    expect(labels('.gen-heat-col')).toEqual(['The', '␣cat', '␣sat']);
    expect(document.querySelector('.gen-heat-col title')?.textContent).toBe('key 0: The');
    expect(document.querySelectorAll('.gen-heat-label:not(.gen-heat-col)')).toHaveLength(3);
  });

  it('labels every n-th column, newest first, when the cells are too small for all of them', async () => {
    // A 300 px wide figure (a phone): label column 60 px, map 232 px → 24 cells of 9.67 px, font 9 px;
    // columns need 9 · 1.15 / sin 60° ≈ 11.95 px → every 2nd: 12 labels, t23 (the newest) first.
    vi.stubGlobal('ResizeObserver', class {
      constructor(private cb: ResizeObserverCallback) {}
      observe() {
        this.cb([{ contentRect: { width: 300 } } as ResizeObserverEntry], this as unknown as ResizeObserver);
      }
      disconnect() {}
    });
    const tokens = Array.from({ length: 24 }, (_, i) => `t${i}`);
    render(<AttentionMap attention={uniform(24)} layer={0} head={0} tokens={tokens} onPick={() => {}} hidden={none} locked={none} />);
    await act(async () => {});
    expect(labels('.gen-heat-col')).toEqual(Array.from({ length: 12 }, (_, i) => `t${2 * i + 1}`));
  });
});
