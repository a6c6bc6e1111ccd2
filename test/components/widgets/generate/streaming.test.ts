import { describe, expect, it } from 'vitest';
import { frameBatcher } from '@/components/widgets/generate/useGenerator';
import { dwellMs, mayPrefetchWhenIdle, VISIBLE_MS } from '@/components/widgets/generate/usePrefetch';

describe('frameBatcher: tokens are drawn once per frame, however many arrive', () => {
  it('flushes once for many schedules in one frame, again in the next frame, and now() flushes what is pending', () => {
    const frames: (() => void)[] = [];
    let flushes = 0;
    const b = frameBatcher(() => flushes++, (cb) => frames.push(cb));
    for (let i = 0; i < 50; i++) b.schedule();
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(flushes).toBe(1);
    b.schedule();
    b.now(); // the run ended: draw the last tokens without waiting for the frame
    expect(flushes).toBe(2);
    frames.shift()!(); // the frame that was requested finds nothing pending
    expect(flushes).toBe(2);
  });
});

describe('mayPrefetchWhenIdle', () => {
  it('prefetches on a top-level page, not inside an iframe nor when the browser asks to save data', () => {
    const top = {};
    expect(mayPrefetchWhenIdle({ self: top, top, navigator: {} })).toBe(true);
    expect(mayPrefetchWhenIdle({ self: {}, top, navigator: {} })).toBe(false);
    expect(mayPrefetchWhenIdle({ self: top, top, navigator: { connection: { saveData: true } } })).toBe(false);
  });
});

describe('dwellMs', () => {
  it('prefetches at once for a panel on screen as the page opens, after VISIBLE_MS for one scrolled to', () => {
    expect(dwellMs(true)).toBe(0);
    expect(dwellMs(false)).toBe(VISIBLE_MS);
    expect(VISIBLE_MS).toBeGreaterThan(0);
  });
});
