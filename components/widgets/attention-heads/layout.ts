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
  induction: { name: 'Induction', what: 'attention from each token of the second copy to the token after its first occurrence' },
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
