'use client';
/** The content width of an element, kept up to date with a ResizeObserver (fallback: `initial`). */
import { useEffect, useRef, useState } from 'react';

export function useWidth<E extends HTMLElement>(initial: number) {
  const ref = useRef<E | null>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

/** A token's text made visible: spaces → ␣, newlines → ⏎, tabs → ⇥. */
export function showToken(s: string): string {
  return s.replace(/ /g, '␣').replace(/\n/g, '⏎').replace(/\t/g, '⇥');
}
