/**
 * Pure part of the data-quality widget: thresholds from the URL state, and which passages each
 * rule drops, per source.
 */
import { failedRules, GOPHER_THRESHOLDS, type QualityStats, type QualityThresholds, type Rule } from '@/lib/data/quality';

export interface ThresholdState {
  minWords: number;
  minMeanLen: number;
  maxMeanLen: number;
  maxSymbol: number;
  minAlpha: number;
  minStop: number;
  maxTop2: number;
  maxDup5: number;
  maxLetters: number;
}

export function thresholdsOf(s: ThresholdState): QualityThresholds {
  return {
    ...GOPHER_THRESHOLDS,
    minWords: s.minWords,
    minMeanWordLength: s.minMeanLen,
    maxMeanWordLength: s.maxMeanLen,
    maxSymbolRatio: s.maxSymbol,
    minAlphaWordFrac: s.minAlpha,
    minStopWords: s.minStop,
    maxTop2gramFrac: s.maxTop2,
    maxDup5gramFrac: s.maxDup5,
    maxLetterDistance: s.maxLetters,
  };
}

export interface Judged {
  index: number;
  group: string;
  chars: number;
  failed: Rule[];
}

export interface SourceSummary {
  group: string;
  passages: number;
  dropped: number;
  chars: number;
  droppedChars: number;
}

export interface QualitySummary {
  judged: Judged[];
  bySource: SourceSummary[];
  /** Passages failing each rule (one passage can fail several). */
  byRule: Map<Rule, number>;
}

/** Judge every passage: `groups[i]` names its source, `chars[i]` its length. */
export function judge(stats: readonly QualityStats[], letterDist: readonly number[], groups: readonly string[], chars: readonly number[], t: QualityThresholds): QualitySummary {
  const judged = stats.map((s, i) => ({ index: i, group: groups[i], chars: chars[i], failed: failedRules(s, t, letterDist[i]) }));
  const order = [...new Set(groups)];
  const bySource = order.map((g) => {
    const js = judged.filter((j) => j.group === g);
    const dropped = js.filter((j) => j.failed.length > 0);
    return { group: g, passages: js.length, dropped: dropped.length, chars: js.reduce((a, j) => a + j.chars, 0), droppedChars: dropped.reduce((a, j) => a + j.chars, 0) };
  });
  const byRule = new Map<Rule, number>();
  for (const j of judged) for (const r of j.failed) byRule.set(r, (byRule.get(r) ?? 0) + 1);
  return { judged, bySource, byRule };
}

export const RULE_LABELS: Record<Rule, string> = {
  minWords: 'too few words',
  maxWords: 'too many words',
  meanWordLength: 'mean word length',
  symbolRatio: '# or … per word',
  alphaWords: 'words without letters',
  stopWords: 'too few stop words',
  top2gram: 'top 2-gram repeats',
  dup5gram: 'repeated 5-grams',
  letters: 'letter profile',
};
