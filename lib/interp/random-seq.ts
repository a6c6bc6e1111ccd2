/**
 * The probe for induction heads (Olsson et al. 2022): a block of uniformly random token ids,
 * then the same block again. In the first copy nothing can be predicted; in the second, a model
 * that copies "what came after this token last time" predicts every token.
 *
 * Ids are drawn from [lo, hi) with lib/tensor's seeded mulberry32, so a seed reproduces the
 * sequence on every machine. We draw from the merged tokens (256 and up, past the 256 single
 * bytes) so that each id shows as readable text; no id repeats inside a block, so "the earlier
 * occurrence" of a token is unique.
 *
 * Example: repeatedRandomTokens(7, 3, 256, 4096) → [a, b, c, a, b, c] with a, b, c distinct.
 */
import { mulberry32 } from '@/lib/tensor/rng';

export function repeatedRandomTokens(seed: number, period: number, lo: number, hi: number): number[] {
  if (!Number.isInteger(period) || period < 2) throw new Error(`period must be an integer ≥ 2, got ${period}`);
  if (hi - lo < period) throw new Error(`cannot draw ${period} distinct ids from [${lo}, ${hi})`);
  const rng = mulberry32(seed);
  const seen = new Set<number>();
  const block: number[] = [];
  while (block.length < period) {
    const id = lo + rng.int(hi - lo);
    if (seen.has(id)) continue;
    seen.add(id);
    block.push(id);
  }
  return [...block, ...block];
}

/**
 * Mean next-token loss (nats) on each copy, from logits [T, V] (row t predicts ids[t+1]):
 * copy 1 = predictions of ids[1..n-1], copy 2 = predictions of ids[n+1..2n-1] (the first token of
 * copy 2 is left out: nothing before it says the block restarts). A model that copies from
 * context (induction) has a much lower loss on copy 2; one that does not scores both alike.
 */
export function copyLosses(logits: ArrayLike<number>, ids: readonly number[], period: number, V: number): { first: number; second: number } {
  if (ids.length !== 2 * period) throw new Error(`copyLosses: expected ${2 * period} ids, got ${ids.length}`);
  const nll = (t: number): number => {
    let m = -Infinity;
    for (let v = 0; v < V; v++) m = Math.max(m, logits[t * V + v]);
    let s = 0;
    for (let v = 0; v < V; v++) s += Math.exp(logits[t * V + v] - m);
    return Math.log(s) + m - logits[t * V + ids[t + 1]];
  };
  const mean = (from: number, to: number): number => {
    let s = 0;
    for (let t = from; t < to; t++) s += nll(t);
    return s / (to - from);
  };
  return { first: mean(0, period - 1), second: mean(period, 2 * period - 1) };
}
