'use client';
/** The content width of an element, kept up to date with a ResizeObserver (`initial` until measured). */
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

