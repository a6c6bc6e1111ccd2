/**
 * Every number the Positions lesson states, checked two ways:
 *   - the cheap ones (RoPE spectrum, YaRN's ratios, ALiBi slopes) are recomputed here from lib/ and
 *     from their closed forms, and the lesson must quote them as computed;
 *   - the measured losses come from `npm run bench -- positions`, too heavy for a unit test: its
 *     output is recorded in positions-bench.recorded.txt, and every loss the lesson quotes must be
 *     the recorded cell it names (so prose and recorded run cannot drift apart).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alibiSlopes } from '@/lib/model/alibi';
import { ropeFrequencies } from '@/lib/model/rope';
import { spectrum } from '@/lib/longctx/rope-geometry';
import { scalingFor } from '@/lib/longctx/scaling';

const lesson = readFileSync('content/lessons/positions.mdx', 'utf8').replace(/\s+/g, ' ');
const recorded = readFileSync('test/lib/longctx/positions-bench.recorded.txt', 'utf8');
const HS = 32, BASE = 10000, L = 256;
const rows = (kind: 'none' | 'pi' | 'ntk' | 'yarn', s: number) => spectrum(HS, { base: BASE, scaling: scalingFor(kind, s, L) }, L).rows;
const inside = (kind: 'none' | 'pi' | 'ntk' | 'yarn', s: number) => rows(kind, s).filter((r) => r.scaledWavelength <= L).length;
const has = (fragment: string) => expect(lesson.includes(fragment), `the lesson quotes: ${fragment}`).toBe(true);

/** The recorded summary table: series label → column header → cell. */
function table(): Map<string, Map<string, string>> {
  const lines = recorded.split('\n').filter((l) => l.includes(' | '));
  const head = lines[0].split('|').map((c) => c.trim());
  return new Map(lines.slice(1).map((l) => {
    const cells = l.split('|').map((c) => c.trim());
    return [cells[0], new Map(head.map((h, i) => [h, cells[i]]))];
  }));
}

/** Recorded loss per 64-position bucket at 4×: series id → bucket start → loss. */
function bucketsAt4(): Map<string, Map<number, number>> {
  const lines = recorded.split('\n');
  const h = lines.findIndex((l) => l.startsWith('positions\t'));
  const ids = lines[h].split('\t').slice(1);
  const out = new Map(ids.map((id) => [id, new Map<number, number>()]));
  for (const l of lines.slice(h + 1)) {
    const m = /^(\d+)-\d+\t/.exec(l);
    if (!m) break;
    l.split('\t').slice(1).forEach((c, i) => { if (c !== '–') out.get(ids[i])!.set(Number(m[1]), Number(c)); });
  }
  return out;
}

describe('the Positions lesson quotes lib/ and the recorded bench', () => {
  it('states lm\'s spectrum as lib computes it: θ_15, λ_15, r_0 and the kept / interpolated pairs', () => {
    const r = rows('none', 1);
    expect(r[0].theta).toBe(1);
    expect(r[15].theta).toBeCloseTo(Math.pow(10, -3.75), 12);
    has(`10000^{-30/32} \\approx ${(r[15].theta * 1e4).toFixed(1)} \\times 10^{-4}`);
    has(`$\\approx ${Math.round(r[15].wavelength / 1000)}\\,000$ tokens`);
    has(`$r_0 \\approx ${r[0].turns.toFixed(1)}$`);
    expect(r.filter((x) => x.turns > 32).map((x) => x.j)).toEqual([0]);
    expect(r.filter((x) => x.turns < 1).map((x) => x.j)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
    has('only pair 0 turns more than 32 times');
    has('pairs 7–15 turn less than once');
  });

  it('answers the pair-count challenge as the spectrum widget counts: 7 as trained, 5 after PI at s = 4', () => {
    expect(inside('none', 1)).toBe(7);
    expect(inside('pi', 4)).toBe(5);
    has('pairs 0 to 6, **7 pairs**');
    has('pairs 0 to 4, **5 pairs**');
    has(`256/2\\pi \\approx ${(256 / (2 * Math.PI)).toFixed(1)}`);
    has(`j \\le 4 \\log_{10} 40.7 \\approx ${(4 * Math.log10(256 / (2 * Math.PI))).toFixed(1)}`);
    has(`10000^{j/16} \\le ${(64 / (2 * Math.PI)).toFixed(1)}`);
    has(`$j \\le ${(4 * Math.log10(64 / (2 * Math.PI))).toFixed(2)}$`);
    const l4 = rows('pi', 4)[4].scaledWavelength;
    expect(l4).toBeLessThanOrEqual(256);
    has(`\\approx ${Math.round(l4)}$ tokens`);
  });

  it('NTK-aware keeps pair 0 and divides the slowest pair by exactly s, as the lesson says', () => {
    for (const s of [2, 4]) {
      const base = ropeFrequencies(HS, { base: BASE }).invFreq;
      const ntk = ropeFrequencies(HS, { base: BASE, scaling: { kind: 'ntk', factor: s } }).invFreq;
      expect(ntk[0]).toBe(base[0]);
      expect(base[15] / ntk[15]).toBeCloseTo(s, 4);
      expect(base[7] / ntk[7]).toBeCloseTo(Math.pow(s, 14 / 30), 4); // s^(2j/(d−2))
    }
  });

  it('ALiBi slopes and the challenge\'s penalties at distance 256 match lib/model/alibi.ts', () => {
    expect(Array.from(alibiSlopes(4))).toEqual([1 / 4, 1 / 16, 1 / 64, 1 / 256]);
    has('$\\tfrac14, \\tfrac1{16}, \\tfrac1{64}, \\tfrac1{256}$');
    const pen = Array.from(alibiSlopes(4), (m) => 256 * m);
    expect(pen).toEqual([64, 16, 4, 1]);
    has('$256 \\times \\tfrac14 = 64$, $256 \\times \\tfrac1{16} = 16$, $256 \\times \\tfrac1{64} = 4$ and $256 \\times \\tfrac1{256} = 1$');
    has(`$e^{-4} \\approx ${Math.exp(-4).toFixed(3)}$`);
    has(`$e^{-1} \\approx ${Math.exp(-1).toFixed(2)}$`);
  });

  it('every mean loss the lesson quotes is the recorded bench cell it names', () => {
    const t = table();
    const c = (series: string, col: string) => t.get(series)!.get(col)!;
    const line = (name: string, series: string) =>
      `**${name}**: ${c(series, '1× (N=256)')}${series === 'lm, no scaling' ? ' at 256 tokens' : ''}; ` +
      `${c(series, '2× (N=512)')} / ${c(series, '2×, pos ≥ 256')}${series === 'lm, no scaling' ? ' at 512' : ''}; ` +
      `${c(series, '4× (N=1024)')} / ${c(series, '4×, pos ≥ 256')}${series === 'lm, no scaling' ? ' at 1024' : ''}`;
    has(line('no scaling', 'lm, no scaling'));
    has(line('PI', 'lm + PI'));
    has(line('NTK-aware', 'lm + NTK-aware'));
    has(line('YaRN', 'lm + YaRN'));
    has(`(${c('lm + NTK-aware', '2× (N=512)')} vs ${c('lm + YaRN', '2× (N=512)')})`);
    has(`(${c('lm + YaRN', '2×, pos ≥ 256')} vs ${c('lm + NTK-aware', '2×, pos ≥ 256')})`);
    has(`**At 4×, YaRN is clearly best** (${c('lm + YaRN', '4× (N=1024)')} over the window, ${c('lm + YaRN', '4×, pos ≥ 256')} past 256), then NTK-aware (${c('lm + NTK-aware', '4× (N=1024)')}), PI (${c('lm + PI', '4× (N=1024)')}) and no scaling (${c('lm, no scaling', '4× (N=1024)')})`);
    has(`the first 256 positions cost ${c('lm + NTK-aware', '4×, pos < 256')} (NTK-aware), ${c('lm + YaRN', '4×, pos < 256')} (YaRN) and ${c('lm + PI', '4×, pos < 256')} (PI) instead of ${c('lm, no scaling', '4×, pos < 256')} unscaled`);
    has(`at ${c('lm-alibi', '4×, pos ≥ 256')}, against ${c('lm-alibi', '4×, pos < 256')} over its first 256 positions`);
    // the ordering claims themselves
    const n = (series: string, col: string) => Number(c(series, col));
    expect(n('lm + NTK-aware', '2× (N=512)')).toBeLessThan(n('lm + YaRN', '2× (N=512)'));
    expect(n('lm + YaRN', '2×, pos ≥ 256')).toBeLessThan(n('lm + NTK-aware', '2×, pos ≥ 256'));
    expect(n('lm + PI', '2× (N=512)')).toBeGreaterThan(n('lm + YaRN', '2× (N=512)'));
    const at4 = ['lm + YaRN', 'lm + NTK-aware', 'lm + PI', 'lm, no scaling'].map((s) => n(s, '4× (N=1024)'));
    expect([...at4].sort((a, b) => a - b)).toEqual(at4);
  });

  it('the bucket claims about NTK-aware at s = 4 hold in the recorded buckets', () => {
    const b = bucketsAt4();
    const range = (id: string, from: number) => [...b.get(id)!].filter(([k]) => k >= from).map(([, v]) => v);
    for (const [start, ntk] of b.get('ntk')!) if (start < 640) expect(ntk, `bucket ${start}`).toBeLessThan(b.get('yarn')!.get(start)!);
    const span = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
    has(`${span(range('ntk', 640))} per bucket from 640 to 1022`);
    has(`(${span(range('none', 640))})`);
    has(`YaRN stays at ${span(range('yarn', 640))}`);
  });

  it('the factor challenge quotes the recorded s = 4 vs s = 2 runs on 512 tokens', () => {
    // "  lm + PI: all / < 256 / ≥ 256   (s = 2: all / < 256 / ≥ 256)"
    const m = (label: string) => new RegExp(`${label.replace(/[+]/g, '\\+')}: ([\\d.]+) / ([\\d.]+) / ([\\d.]+)   \\(s = 2: ([\\d.]+) / ([\\d.]+) / ([\\d.]+)\\)`).exec(recorded)!;
    const pi = m('lm + PI'), ntk = m('lm + NTK-aware');
    has(`PI at ${pi[1]} over the 512-token window with $s = 4$, against ${pi[4]} with $s = 2$; on the first 256 positions alone, ${pi[2]} against ${pi[5]}; past 256, ${pi[3]} against ${pi[6]}`);
    has(`NTK-aware with $s = 4$ on 512 tokens measured ${ntk[1]}, slightly better than its ${ntk[4]} with $s = 2$`);
    expect(Number(ntk[1])).toBeLessThan(Number(ntk[4]));
    for (const i of [1, 2, 3]) expect(Number(pi[i])).toBeGreaterThan(Number(pi[i + 3])); // PI: s = 4 worse everywhere
  });
});
