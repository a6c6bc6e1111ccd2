'use client';
/**
 * Registers the lab's service worker (public/sw.js, built from lib/offline/) on site pages, in
 * production builds only (`next dev` chunks change on every edit; a cache-first worker would serve
 * stale code). After registration the page tells the worker which files it loaded before the
 * worker controlled it, so the first page visited also works offline. Where the host sent no
 * isolation headers the page reloads once the worker controls it (lib/offline/isolation.ts).
 * No service worker support, storage disabled, registration refused: nothing happens, no error.
 */
import { useEffect } from 'react';
import { ISOLATION_RELOAD_KEY, shouldReloadForIsolation } from '@/lib/offline/isolation';
import { SITE_BASE, sitePath } from '@/components/site-base';

function reloadedBefore(): boolean {
  try {
    return sessionStorage.getItem(ISOLATION_RELOAD_KEY) !== null;
  } catch {
    return true; // cannot record the reload: never risk a loop
  }
}

function register(sw: ServiceWorkerContainer): void {
  sw.register(sitePath('sw.js'), { scope: SITE_BASE })
    .then(() => sw.ready)
    .then((reg) => {
      const urls = [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)];
      reg.active?.postMessage({ type: 'llm-lab:cache-urls', urls });
    })
    .catch(() => {});
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
