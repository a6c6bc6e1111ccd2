/**
 * Pure data of the head-scoring widget: the three scores of every head from one tapped run of
 * the repeated random block, ranked, with uniform attention's score as the floor to beat.
 *
 * Example: 2 layers × 4 heads → scores.induction has 8 entries in (layer, head) order and
 * ranked.induction the same 8 sorted high to low.
 */
import { rankHeads, scoreHeads, uniformBaseline, type HeadScore, type ProbsTap, type ScoreKind } from '@/lib/interp/head-scores';

export const KINDS: readonly ScoreKind[] = ['induction', 'previous', 'first'];

export const KIND_TEXT: Record<ScoreKind, { name: string; what: string }> = {
  induction: { name: 'Induction (prefix matching)', what: 'attention from each token of the second copy to the token after its first occurrence' },
  previous: { name: 'Previous-token', what: 'attention to the token just before' },
  first: { name: 'First-token', what: 'attention to the first token of the sequence' },
};

export interface HeadTable {
  scores: Record<ScoreKind, HeadScore[]>;
  ranked: Record<ScoreKind, HeadScore[]>;
  baseline: Record<ScoreKind, number>;
}

export function headTable(layers: readonly ProbsTap[], period: number): HeadTable {
  const T = 2 * period;
  const scores = {} as Record<ScoreKind, HeadScore[]>;
  const ranked = {} as Record<ScoreKind, HeadScore[]>;
  const baseline = {} as Record<ScoreKind, number>;
  for (const k of KINDS) {
    scores[k] = scoreHeads(layers, k, period);
    ranked[k] = rankHeads(scores[k]);
    baseline[k] = uniformBaseline(k, T, period);
  }
  return { scores, ranked, baseline };
}

/**
 * Where each score looks, as line segments in cell units over a [T, T] map (T = 2n): the
 * previous-token diagonal (i, i-1) for i = 1..T-1, and the induction diagonal (i, i-n+1) for
 * i = n..2n-1. Each point is the centre of a cell: x = key + 0.5, y = query + 0.5.
 * Example (n = 3): previous from (0.5, 1.5) to (4.5, 5.5); induction from (1.5, 3.5) to (3.5, 5.5).
 */
export function guideLines(period: number): { previous: [number, number, number, number]; induction: [number, number, number, number] } {
  const T = 2 * period;
  return {
    previous: [0.5, 1.5, T - 2 + 0.5, T - 1 + 0.5],
    induction: [1.5, period + 0.5, period + 0.5, T - 1 + 0.5],
  };
}
