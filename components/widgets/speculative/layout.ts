/**
 * Pure view data for the speculative widget: one round → token chips with a fate and a mark
 * (so the meaning never rests on colour alone), and the run's summary numbers (from lib/spec).
 */
import { expectedTokensPerCall, specStats, type Round } from '@/lib/spec';

export type ChipKind = 'accepted' | 'rejected' | 'unchecked' | 'resampled' | 'bonus';

export interface Chip {
  id: number;
  kind: ChipKind;
  /** ✓ accepted, ✗ rejected, – never checked (after a rejection), ↺ resampled from max(0, p − q), + bonus from p. */
  mark: string;
  label: string;
}

export const MARK: Record<ChipKind, string> = { accepted: '✓', rejected: '✗', unchecked: '–', resampled: '↺', bonus: '+' };
export const LABEL: Record<ChipKind, string> = {
  accepted: 'accepted', rejected: 'rejected', unchecked: 'not checked (after a rejection)',
  resampled: 'resampled by lm', bonus: 'bonus token from lm',
};

/** The k draft tokens with their fates, then the token lm adds. */
export function roundChips(r: Round): Chip[] {
  const chips: Chip[] = r.draft.map((id, i) => {
    const kind: ChipKind = r.verify.fates[i] ?? 'unchecked';
    return { id, kind, mark: MARK[kind], label: LABEL[kind] };
  });
  const f = r.verify.final;
  chips.push({ id: f.id, kind: f.kind, mark: MARK[f.kind], label: LABEL[f.kind] });
  return chips;
}

export interface Summary {
  rounds: number;
  drafted: number;
  accepted: number;
  /** accepted ÷ drafted */
  acceptance: number;
  /** accepted ÷ checked: estimate of α */
  alpha: number;
  tokensPerCall: number;
  /** Leviathan et al.'s (1 − α^{k+1}) / (1 − α) at the estimated α. */
  predictedPerCall: number;
  specPerS: number | null;
  plainPerS: number | null;
  /** spec tokens/s ÷ plain tokens/s */
  speedup: number | null;
}

export function summarize(rounds: readonly Round[], k: number, spec: { tokens: number; ms: number } | null, plain: { tokens: number; ms: number } | null): Summary {
  const s = specStats(rounds);
  const perS = (x: { tokens: number; ms: number } | null) => (x && x.ms > 0 ? (x.tokens / x.ms) * 1000 : null);
  const specPerS = perS(spec);
  const plainPerS = perS(plain);
  return {
    rounds: rounds.length, drafted: s.drafted, accepted: s.accepted, acceptance: s.acceptance, alpha: s.alpha,
    tokensPerCall: s.tokensPerCall, predictedPerCall: expectedTokensPerCall(s.alpha, k),
    specPerS, plainPerS, speedup: specPerS !== null && plainPerS ? specPerS / plainPerS : null,
  };
}
