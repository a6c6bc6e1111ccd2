import { describe, expect, it } from 'vitest';
import { roundChips, summarize } from '@/components/widgets/speculative/layout';
import type { Round } from '@/lib/spec';

const round = (draft: number[], accepted: number, final: number, kind: 'resampled' | 'bonus'): Round => ({
  draft,
  verify: {
    accepted, emitted: [...draft.slice(0, accepted), final], final: { id: final, kind },
    fates: [...Array(accepted).fill('accepted'), ...(kind === 'resampled' ? ['rejected'] : [])], acceptProb: [],
  },
  draftMs: 1, verifyMs: 2,
});

describe('speculative widget layout', () => {
  it('marks accepted ✓, the first rejection ✗, later drafts as not checked, then lm’s token', () => {
    const chips = roundChips(round([7, 8, 9, 10], 1, 5, 'resampled'));
    expect(chips.map((c) => `${c.id}${c.mark}${c.kind}`)).toEqual(['7✓accepted', '8✗rejected', '9–unchecked', '10–unchecked', '5↺resampled']);
    expect(roundChips(round([1, 2], 2, 3, 'bonus')).map((c) => c.mark).join('')).toBe('✓✓+');
  });

  it('summary: 3 of 8 drafts accepted, α̂ = 3 / (3 + 2 rejections), tokens per call 5 / 2, speed-up from the two timings', () => {
    const s = summarize([round([1, 2, 3, 4], 3, 9, 'resampled'), round([5, 6, 7, 8], 0, 9, 'resampled')], 4, { tokens: 5, ms: 50 }, { tokens: 5, ms: 100 });
    expect(s.accepted).toBe(3);
    expect(s.drafted).toBe(8);
    expect(s.alpha).toBeCloseTo(3 / 5, 12); // checked: 3 accepted + 2 rejections
    expect(s.tokensPerCall).toBeCloseTo(5 / 2, 12);
    expect(s.predictedPerCall).toBeCloseTo((1 - 0.6 ** 5) / 0.4, 12);
    expect(s.specPerS).toBeCloseTo(100, 9);
    expect(s.plainPerS).toBeCloseTo(50, 9);
    expect(s.speedup).toBeCloseTo(2, 12);
  });
});
