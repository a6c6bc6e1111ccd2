// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useReducedMotion } from '@/components/ui/useReducedMotion';

afterEach(cleanup);

/** A controllable matchMedia (jsdom has none). */
function fakeMatchMedia(initial: boolean) {
  let matches = initial;
  const listeners = new Set<() => void>();
  window.matchMedia = ((query: string) => ({
    get matches() {
      return query === '(prefers-reduced-motion: reduce)' && matches;
    },
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  })) as unknown as typeof window.matchMedia;
  return (v: boolean) => {
    matches = v;
    listeners.forEach((l) => l());
  };
}

function Probe() {
  return <p>{useReducedMotion() ? 'still' : 'moving'}</p>;
}

describe('useReducedMotion', () => {
  it('follows prefers-reduced-motion, including changes while mounted', () => {
    const set = fakeMatchMedia(true);
    render(<Probe />);
    expect(screen.getByText('still')).toBeInTheDocument();
    act(() => set(false));
    expect(screen.getByText('moving')).toBeInTheDocument();
  });
});
