/**
 * Beam search: keep the `beamWidth` most probable partial sequences, extend each by its best
 * tokens, and keep the best `beamWidth` of all extensions. Scores are summed log-probabilities;
 * a finished hypothesis (one that drew a stop id) is ranked by logProb / length^lengthPenalty
 * (length = generated tokens, stop id included), as in Hugging Face transformers.
 *
 * Why: greedy commits to the best FIRST token; a sequence whose first token is second-best but
 * whose continuation is near-certain can be more probable overall. Example (see the tests):
 *   step 1: A 0.5, B 0.4;  after A every token ≤ 0.4;  after B, X = 0.9
 *   greedy: A then 0.4 → 0.20;   beam (width 2): B X → 0.36.
 *
 * Stops when every beam is finished, after maxNewTokens, or (heuristic, like transformers'
 * default) once beamWidth hypotheses are finished and none beats the best alive beam's score.
 */

import { logSoftmax, rankDescending } from './softmax';
import type { NextLogits } from './step';

export interface BeamOptions<C = unknown> {
  nextLogits: NextLogits<C>;
  prompt: readonly number[];
  beamWidth: number;
  maxNewTokens: number;
  stopIds?: readonly number[];
  /** α in logProb / length^α; default 1. 0 compares raw log-probabilities. */
  lengthPenalty?: number;
  /** Initial cache for the prompt; with forkCache each beam gets its own copy. */
  cache?: C;
  forkCache?: (cache: C) => C;
  /** Called after every step with the beams kept and the hypotheses that finished there. */
  onStep?: (s: BeamStep) => void;
}

/** One step of the search, for drawing the tree. */
export interface BeamStep {
  step: number;
  /** Beams alive after this step, best first; parent = index in the previous step's beams. */
  beams: { parent: number; id: number; logProb: number; tokenLogProb: number }[];
  /** Hypotheses that drew a stop id at this step. */
  finished: { parent: number; id: number; logProb: number }[];
  /** Extensions considered and dropped (best first, at most 2·beamWidth). */
  dropped: { parent: number; id: number; logProb: number; tokenLogProb: number }[];
}

export interface Hypothesis {
  ids: number[];
  newIds: number[];
  /** Σ log p of the generated tokens (natural log). */
  logProb: number;
  /** logProb / length^lengthPenalty: what hypotheses are ranked by. */
  score: number;
  finished: boolean;
}

interface Beam<C> {
  ids: number[];
  logProb: number;
  cache?: C;
}

export async function beamSearch<C>(o: BeamOptions<C>): Promise<Hypothesis[]> {
  if (!Number.isInteger(o.beamWidth) || o.beamWidth < 1) throw new Error(`beamWidth must be an integer ≥ 1 (got ${o.beamWidth})`);
  const alpha = o.lengthPenalty ?? 1;
  const stop = new Set(o.stopIds ?? []);
  const start = o.prompt.length;
  const hyp = (b: Beam<C>, finished: boolean): Hypothesis => {
    const len = b.ids.length - start;
    return { ids: b.ids, newIds: b.ids.slice(start), logProb: b.logProb, score: len === 0 ? 0 : b.logProb / len ** alpha, finished };
  };
  let alive: Beam<C>[] = [{ ids: [...o.prompt], logProb: 0, cache: o.cache }];
  const finished: Hypothesis[] = [];

  for (let step = 0; step < o.maxNewTokens && alive.length > 0; step++) {
    const candidates: { parent: number; id: number; logProb: number; tokenLogProb: number }[] = [];
    for (let b = 0; b < alive.length; b++) {
      const logp = logSoftmax(await o.nextLogits(alive[b].ids, alive[b].cache)); // [V]
      // 2·beamWidth per beam, so that stop ids cannot crowd out every live continuation
      for (const id of rankDescending(logp).slice(0, 2 * o.beamWidth)) {
        candidates.push({ parent: b, id, logProb: alive[b].logProb + logp[id], tokenLogProb: logp[id] });
      }
    }
    candidates.sort((x, y) => y.logProb - x.logProb);
    const next: Beam<C>[] = [];
    const forked = new Set<number>();
    const record: BeamStep = { step, beams: [], finished: [], dropped: [] };
    let used = 0;
    for (const [rank, c] of candidates.entries()) {
      if (next.length === o.beamWidth) break;
      used = rank + 1;
      const parent = alive[c.parent];
      const ids = [...parent.ids, c.id];
      if (stop.has(c.id)) {
        if (rank < o.beamWidth) {
          finished.push(hyp({ ids, logProb: c.logProb }, true));
          record.finished.push({ parent: c.parent, id: c.id, logProb: c.logProb });
        }
        continue;
      }
      record.beams.push({ parent: c.parent, id: c.id, logProb: c.logProb, tokenLogProb: c.tokenLogProb });
      // the first child reuses the parent's cache; later children get a copy
      let cache = parent.cache;
      if (cache !== undefined && forked.has(c.parent)) cache = o.forkCache ? o.forkCache(cache) : undefined;
      forked.add(c.parent);
      next.push({ ids, logProb: c.logProb, cache });
    }
    record.dropped = candidates.slice(used, used + 2 * o.beamWidth).filter((c) => !stop.has(c.id));
    o.onStep?.(record);
    alive = next;
    if (finished.length >= o.beamWidth && alive.length > 0) {
      const worstKept = [...finished].sort((x, y) => y.score - x.score)[o.beamWidth - 1].score;
      if (hyp(alive[0], false).score <= worstKept) break;
    }
  }
  const all = [...finished, ...alive.map((b) => hyp(b, false))];
  return all.sort((x, y) => y.score - x.score).slice(0, o.beamWidth);
}
