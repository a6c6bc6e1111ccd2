/**
 * Pure numbers for the analogy widget: bar widths of the top answers (cosine 0..1 → 0..max px,
 * negatives at 0), the accuracy summary of the preset set (cases with a word that is not one
 * token are counted as skipped, never as failures), and how a case is written.
 *
 *   barWidth(0.5, 120) → 60;  caseText({a:'man',b:'woman',c:'he',expected:'she'}) → "man : woman :: he : she"
 */
import { summarize, type AnalogyCase } from '@/lib/interp/analogy';
import type { CaseResult } from '@/lib/interp/analogy-set';

export const barWidth = (cos: number, max: number): number => Math.round(Math.max(0, Math.min(1, cos)) * max);

export const caseText = (c: AnalogyCase): string => `${c.a} : ${c.b} :: ${c.c} : ${c.expected}`;

export interface SetSummary {
  run: number;
  skipped: number;
  top1: number;
  top5: number;
  baselineTop1: number;
  medianRank: number;
  baselineMedianRank: number;
}

export function setSummary(rs: readonly CaseResult[]): SetSummary {
  const ok = rs.filter((r) => r.result && r.result.rank !== null);
  const s = summarize(ok.map((r) => r.result!.rank!));
  const b = summarize(ok.map((r) => r.result!.baselineRank!));
  return { run: s.n, skipped: rs.length - ok.length, top1: s.top1, top5: s.top5, baselineTop1: b.top1, medianRank: s.medianRank, baselineMedianRank: b.medianRank };
}
