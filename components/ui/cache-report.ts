/**
 * Hands URLs the page or its model worker fetched to the lab's service worker, which keeps ours
 * for offline use (lib/offline/service-worker.ts, message 'llm-lab:cache-urls'). Waits until the
 * service worker is active; in development, without support, or where none was registered (its
 * `ready` never settles) nothing happens.
 */
export function reportToServiceWorker(urls: readonly string[]): void {
  if (process.env.NODE_ENV !== 'production' || urls.length === 0) return;
  try {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage({ type: 'llm-lab:cache-urls', urls: [...urls] })).catch(() => {});
  } catch {
    // a sandboxed frame without storage
  }
}
