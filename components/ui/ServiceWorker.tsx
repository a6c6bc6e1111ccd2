'use client';
/**
 * Registers the lab's service worker (public/sw.js, built from lib/offline/) on site pages, in
 * production builds only (`next dev` chunks change on every edit; a cache-first worker would serve
 * stale code). The page tells the worker which files it loaded before the worker controlled it,
 * as each finishes (./cache-report.ts; the model worker's files follow with each model load,
 * components/lesson/live-model.ts), so the first page visited also works offline. Where the host sent no
 * isolation headers the page reloads once the worker controls it (lib/offline/isolation.ts).
 * No service worker support, storage disabled, registration refused: nothing happens, no error.
 */
import { useEffect } from 'react';
import { ISOLATION_RELOAD_KEY, shouldReloadForIsolation } from '@/lib/offline/isolation';
import { SITE_BASE, sitePath } from '@/components/site-base';
import { reportToServiceWorker } from './cache-report';

function reloadedBefore(): boolean {
  try {
    return sessionStorage.getItem(ISOLATION_RELOAD_KEY) !== null;
  } catch {
    return true; // cannot record the reload: never risk a loop
  }
}

/**
 * Reports every file the page fetched before the service worker controlled it (those went past
 * it), as they finish: a panel that prefetches as the page opens may still be downloading when
 * the worker takes over. Fetches started after that went through the worker, which kept them.
 */
function reportUncontrolled(sw: ServiceWorkerContainer): void {
  let controlledAt = sw.controller ? 0 : Infinity;
  if (controlledAt === 0) return;
  reportToServiceWorker([location.href]);
  sw.addEventListener('controllerchange', () => (controlledAt = Math.min(controlledAt, performance.now())), { once: true });
  try {
    new PerformanceObserver((list) => reportToServiceWorker(list.getEntries().filter((e) => e.startTime < controlledAt).map((e) => e.name))).observe({ type: 'resource', buffered: true });
  } catch {
    reportToServiceWorker(performance.getEntriesByType('resource').map((e) => e.name)); // no PerformanceObserver: what has finished so far
  }
}

function register(sw: ServiceWorkerContainer): void {
  reportUncontrolled(sw);
  sw.register(sitePath('sw.js'), { scope: SITE_BASE }).catch(() => {});
  const reload = shouldReloadForIsolation({ isolated: self.crossOriginIsolated === true, topLevel: window.top === window, secure: window.isSecureContext, tried: reloadedBefore() });
  if (!reload) return;
  const go = () => {
    try {
      sessionStorage.setItem(ISOLATION_RELOAD_KEY, '1');
    } catch {
      return;
    }
    location.reload();
  };
  if (sw.controller) go();
  else sw.addEventListener('controllerchange', go, { once: true });
}

export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    try {
      register(navigator.serviceWorker);
    } catch {
      // e.g. a sandboxed frame without storage
    }
  }, []);
  return null;
}
