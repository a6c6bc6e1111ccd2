// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { watchHeight } from '@/components/widgets/watch-height';

/** A <div> whose bounding-box height is whatever `h.value` says (jsdom does no layout). */
function sizedDiv(h: { value: number }): HTMLDivElement {
  const el = document.createElement('div');
  el.getBoundingClientRect = () => ({ height: h.value, width: 100, top: 0, left: 0, right: 100, bottom: h.value, x: 0, y: 0, toJSON() {} }) as DOMRect;
  document.body.appendChild(el);
  return el;
}

describe('watchHeight', () => {
  it('reports the height at once, rounded up to a whole pixel', () => {
    const h = { value: 100.2 };
    const seen: number[] = [];
    const stop = watchHeight(sizedDiv(h), (x) => seen.push(x));
    expect(seen).toEqual([101]);
    stop();
  });

  it('reports again after a DOM change alters the height, without a ResizeObserver callback', async () => {
    // jsdom has no ResizeObserver: this is the situation of a throttled, off-screen cross-origin
    // iframe, where only DOM mutations tell the embed that its content changed.
    expect(typeof (globalThis as { ResizeObserver?: unknown }).ResizeObserver).toBe('undefined');
    const h = { value: 536 };
    const seen: number[] = [];
    const el = sizedDiv(h);
    const stop = watchHeight(el, (x) => seen.push(x));
    h.value = 450;
    el.appendChild(document.createElement('p'));
    await vi.waitFor(() => expect(seen).toEqual([536, 450]));
    stop();
  });

  it('does not repeat a height it already reported, and goes quiet once stopped', async () => {
    const h = { value: 200 };
    const seen: number[] = [];
    const el = sizedDiv(h);
    const stop = watchHeight(el, (x) => seen.push(x));
    el.setAttribute('data-x', '1'); // a mutation that leaves the height as it was
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([200]);
    stop();
    h.value = 300;
    el.appendChild(document.createElement('p'));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([200]);
  });
});
