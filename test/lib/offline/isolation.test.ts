import { describe, expect, it } from 'vitest';
import { shouldReloadForIsolation } from '@/lib/offline/isolation';

describe('reloading once so the service worker isolates the page', () => {
  const base = { isolated: false, topLevel: true, secure: true, tried: false };
  it('happens for a top-level page that is not isolated yet', () => {
    expect(shouldReloadForIsolation(base)).toBe(true);
  });
  it('never happens when the host already isolates, inside an embed iframe, on http, or a second time', () => {
    expect(shouldReloadForIsolation({ ...base, isolated: true })).toBe(false);
    expect(shouldReloadForIsolation({ ...base, topLevel: false })).toBe(false);
    expect(shouldReloadForIsolation({ ...base, secure: false })).toBe(false);
    expect(shouldReloadForIsolation({ ...base, tried: true })).toBe(false);
  });
});
