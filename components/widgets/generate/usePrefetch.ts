'use client';
/**
 * Calls `prefetch` while the student reads: once the panel has been on screen for VISIBLE_MS (at
 * once when it is on screen as the page opens: the student may click straight away) and the
 * browser is idle (requestIdleCallback, at most IDLE_TIMEOUT_MS later). Not inside an iframe
 * (a course page may embed many widgets) and not when the browser asks to save data; there, the
 * panel's hover and focus handlers still prefetch.
 */
import { useEffect, type RefObject } from 'react';

export const VISIBLE_MS = 300;
export const IDLE_TIMEOUT_MS = 2000;

/** How long the panel must stay on screen first: none when it is already there as the page opens. */
export function dwellMs(onScreenAtOpen: boolean): number {
  return onScreenAtOpen ? 0 : VISIBLE_MS;
}

/** Whether idle-time prefetching suits this page (top-level, no Save-Data). */
export function mayPrefetchWhenIdle(w: { self?: unknown; top?: unknown; navigator?: { connection?: { saveData?: boolean } } }): boolean {
  return w.self === w.top && w.navigator?.connection?.saveData !== true;
}

export function usePrefetch(root: RefObject<HTMLElement | null>, prefetch: () => void): void {
  useEffect(() => {
    const el = root.current;
    if (!el || typeof IntersectionObserver !== 'function' || !mayPrefetchWhenIdle(window as never)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let idle: number | undefined;
    const ric = window.requestIdleCallback?.bind(window);
    let first = true; // the observer's first report describes the page as it opened
    const io = new IntersectionObserver((entries) => {
      const atOpen = first;
      first = false;
      if (!entries.some((e) => e.isIntersecting)) {
        clearTimeout(timer);
        return;
      }
      timer = setTimeout(() => {
        io.disconnect();
        if (ric) idle = ric(() => prefetch(), { timeout: IDLE_TIMEOUT_MS });
        else prefetch();
      }, dwellMs(atOpen));
    });
    io.observe(el);
    return () => {
      io.disconnect();
      clearTimeout(timer);
      if (idle !== undefined) window.cancelIdleCallback?.(idle);
    };
  }, [root, prefetch]);
}
