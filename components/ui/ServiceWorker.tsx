'use client';
/**
 * Registers the lab's service worker (public/sw.js, built from lib/offline/) on site pages, in
 * production builds only (`next dev` chunks change on every edit; a cache-first worker would serve
 * stale code). On a first visit the page tells the worker which files it loaded, as each finishes
 * (./cache-report.ts; the model worker's files follow with its results, lib/runtime/resources.ts),
 * so the first page visited also works offline. Where the host sent no
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
 * Reports every file the page fetches to the worker, as each finishes, when the page opened
 * without a controlling worker (first visit). Files fetched before the worker took over went past
 * it, and so can some started just after: a model worker created within ~0.1 s after
 * 'controllerchange' may still fetch its script from the network (seen in Chromium), so the report
 * does not stop at control. The worker fetches only what its caches lack (a lookup per URL).
 */
function reportFetched(sw: ServiceWorkerContainer): void {
  if (sw.controller) return; // controlled from navigation: every fetch went through the worker (ORT's wasm, which passes it, the model worker reports)
  reportToServiceWorker([location.href]);
  try {
    new PerformanceObserver((list) => reportToServiceWorker(list.getEntries().map((e) => e.name))).observe({ type: 'resource', buffered: true });
  } catch {
    reportToServiceWorker(performance.getEntriesByType('resource').map((e) => e.name)); // no PerformanceObserver: what has finished so far
  }
}

function register(sw: ServiceWorkerContainer): void {
  reportFetched(sw);
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
