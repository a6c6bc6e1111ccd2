// The worked numbers of the speculative-decoding lesson (text and challenge), recomputed with lib's
// formulas and checked against hand arithmetic: (1 − 0.6^{k+1}) / 0.4 = 1.6, 1.96, 2.176, 2.3056.
import { describe, expect, it } from 'vitest';
import { expectedSpeedup, expectedTokensPerCall } from '@/lib/spec';
import { lessonText } from '../../content/quoted-facts';

const inLesson = (fragment: string) => expect(lessonText('speculative-decoding')).toContain(fragment.replace(/\s+/g, ' '));
const f2 = (x: number) => x.toFixed(2);

describe('the speculative-decoding lesson’s formula numbers', () => {
  it('tokens per call at α = 0.6 are 1.6, 1.96, 2.18, 2.31 for k = 1…4, 2.2 at k = 4, and never above 2.5', () => {
    const t = [1, 2, 3, 4].map((k) => expectedTokensPerCall(0.6, k));
    [1.6, 1.96, 2.176, 2.3056].forEach((v, i) => expect(t[i]).toBeCloseTo(v, 10));
    inLesson(`Tokens per call: 1.6, ${t.slice(1).map(f2).join(', ')} for $k = 1 \\dots 4$`);
    inLesson(`$\\alpha = 0.6$ and $k = 4$ that is about ${t[3].toFixed(1)}; it can never exceed $1/(1-\\alpha) = ${1 / 0.4}$`);
    expect(expectedTokensPerCall(0.6, 200)).toBeCloseTo(2.5, 10);
  });

  it('speed-ups with c = 0.2 peak at k = 2 (1.40), and with c = 0.01 are 1.58, 1.92, 2.11, 2.22', () => {
    const s = [1, 2, 3, 4].map((k) => expectedSpeedup(0.6, k, 0.2));
    expect(s.map(f2)).toEqual(['1.33', '1.40', '1.36', '1.28']);
    expect(s.indexOf(Math.max(...s))).toBe(1);
    inLesson(`$1.6/1.2 \\approx ${f2(s[0])}$, $1.96/1.4 = ${f2(s[1])}$, $2.18/1.6 \\approx ${f2(s[2])}$, $2.31/1.8 \\approx ${f2(s[3])}$`);
    const c = [1, 2, 3, 4].map((k) => f2(expectedSpeedup(0.6, k, 0.01)));
    expect(c).toEqual(['1.58', '1.92', '2.11', '2.22']);
    inLesson(`about ${c.join(', ')},`);
  });

  it('the H100 example: 14 GB at 3.35 TB/s is about 4.2 ms; 1.4e10 FLOP at 9.9e14 FLOP/s about 0.014 ms', () => {
    expect((14e9 / 3.35e12) * 1e3).toBeCloseTo(4.2, 1);
    expect((2 * 7e9) / 9.9e14 * 1e3).toBeCloseTo(0.014, 3);
    expect(1979 / 2).toBeCloseTo(990, -1);
    inLesson('$14 / 3350 \\approx 4.2$ ms');
  });
});
