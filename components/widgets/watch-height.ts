/**
 * Calls `report(height)` with an element's height (CSS px, rounded up) now and whenever it changes,
 * never twice in a row with the same value. Returns a function that stops watching.
 *
 * Why not a ResizeObserver alone: Chromium stops rendering a cross-origin iframe that is scrolled
 * out of view (render throttling), and ResizeObserver callbacks run only as part of rendering. An
 * embed below the fold of a course page then changes size (its lazy widget replaces the loading
 * placeholder, fonts arrive) without telling the parent, which keeps a wrong height until the
 * student scrolls to it and the page jumps. DOM mutations, font loads and the load event are
 * delivered to such frames, and reading getBoundingClientRect() forces the layout they need, so
 * those triggers measure too. Measurements are coalesced to one per task.
 */
export function watchHeight(el: HTMLElement, report: (height: number) => void): () => void {
  let last = -1;
  let queued = false;
  let stopped = false;
  const measure = () => {
    queued = false;
    if (stopped) return;
    const height = Math.ceil(el.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    report(height);
  };
  const schedule = () => {
    if (queued) return;
    queued = true;
    setTimeout(measure, 0);
  };
  const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
  ro?.observe(el);
  const mo = typeof MutationObserver === 'function' ? new MutationObserver(schedule) : null;
  mo?.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
  const win = el.ownerDocument.defaultView;
  win?.addEventListener('load', schedule);
  win?.addEventListener('resize', schedule);
  const fonts = el.ownerDocument.fonts;
  fonts?.addEventListener?.('loadingdone', schedule);
  measure();
  return () => {
    stopped = true;
    ro?.disconnect();
    mo?.disconnect();
    win?.removeEventListener('load', schedule);
    win?.removeEventListener('resize', schedule);
    fonts?.removeEventListener?.('loadingdone', schedule);
  };
}
