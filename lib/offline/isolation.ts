/**
 * When the page should reload itself once so the service worker's isolation headers take effect
 * (hosts that cannot send COOP/COEP; lib/offline/service-worker.ts adds them). Only a top-level
 * page: inside an iframe (an embed on a course page) isolation also needs the parent page to be
 * isolated and to allow it, so a reload could never help there and the embed simply runs on one
 * thread. Once per tab session, so a browser that ignores the headers cannot loop.
 *
 *   shouldReloadForIsolation({ isolated: false, topLevel: true, secure: true, tried: false }) → true
 */

export interface IsolationState {
  /** self.crossOriginIsolated */
  isolated: boolean;
  /** window.top === window */
  topLevel: boolean;
  /** window.isSecureContext (service workers need it) */
  secure: boolean;
  /** a reload for isolation already happened in this tab session (or that cannot be recorded) */
  tried: boolean;
}

export function shouldReloadForIsolation(s: IsolationState): boolean {
  return !s.isolated && s.topLevel && s.secure && !s.tried;
}

/** The sessionStorage key that records the one reload. */
export const ISOLATION_RELOAD_KEY = 'llm-lab:isolation-reload';
