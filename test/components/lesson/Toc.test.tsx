// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Toc } from '@/components/lesson/Toc';

let fire: (() => void) | null = null;
const tops: Record<string, number> = {};

beforeEach(() => {
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(cb: () => void) {
        fire = cb;
      }
      observe() {}
      disconnect() {}
    },
  );
  vi.stubGlobal('innerHeight', 1000); // reading line at 300 px
  for (const id of ['one', 'two', 'three']) {
    const h = document.createElement('h2');
    h.id = id;
    h.getBoundingClientRect = () => ({ top: tops[id] }) as DOMRect;
    document.body.appendChild(h);
  }
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const headings = [
  { id: 'one', text: 'One', depth: 2 },
  { id: 'two', text: 'Two', depth: 2 },
  { id: 'three', text: 'Three', depth: 3 },
] as const;

const current = () => screen.getAllByRole('link').filter((a) => a.getAttribute('aria-current') === 'true').map((a) => a.textContent);

describe('Toc', () => {
  it('marks the section in view with aria-current, and follows the reader as headings cross the line', () => {
    Object.assign(tops, { one: 50, two: 600, three: 1400 });
    render(<Toc headings={[...headings]} />);
    expect(current()).toEqual(['One']);
    Object.assign(tops, { one: -800, two: -100, three: 500 });
    act(() => fire!());
    expect(current()).toEqual(['Two']);
  });

  it('marks a clicked link at once', () => {
    Object.assign(tops, { one: 50, two: 600, three: 1400 });
    render(<Toc headings={[...headings]} />);
    act(() => screen.getByRole('link', { name: 'Three' }).click());
    expect(current()).toEqual(['Three']);
  });
});
