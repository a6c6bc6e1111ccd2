/**
 * What a head does, as one number each, from its attention probabilities P [T, T] (row i = query
 * position, column j = key position; causal, so P[i, j] = 0 for j > i; each row sums to 1).
 *
 *   previous-token score  mean over i = 1..T-1 of P[i, i-1]       (attends to the token just before)
 *   first-token score     mean over i = 1..T-1 of P[i, 0]         (row 0 is left out: it can only look at 0)
 *   induction score       on ids r₀…r_{n-1} r₀…r_{n-1} (a random block repeated once, T = 2n):
 *                         mean over i = n..2n-1 of P[i, i-n+1]    (from each token of the second copy
 *                         to the token that came right after that token's first occurrence)
 *
 * The induction score is the *prefix-matching* half of Olsson et al. 2022's definition ("In-context
 * Learning and Induction Heads": a head that, on a repeated random sequence, both attends to the token
 * after an earlier copy of the current token (prefix matching) and raises that token's logit
 * (copying)). Copying is not scored here; lib/interp/random-seq's copyLosses shows its effect. A head that ignores position
 * scores about 1/(i+1) on each of them (uniform attention), so all three are near 0 for long T.
 *
 * Example (T = 3, every query attends only to the token before it, row 0 to itself):
 *   P = [[1,0,0],[1,0,0],[0,1,0]] → previous-token 1, first-token 0.5 (row 1 hits both).
 */

/** A row-major [T, T] matrix of one head (a subarray of a [1, nh, T, T] tap is fine). */
export type Matrix = ArrayLike<number>;

/** Mean of P[i, i - offset] over rows i = from..T-1 (rows whose key is < 0 are skipped). */
export function diagonalMean(p: Matrix, T: number, offset: number, from: number): number {
  let sum = 0;
  let n = 0;
  for (let i = Math.max(from, offset); i < T; i++) {
    sum += p[i * T + (i - offset)];
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

export function previousTokenScore(p: Matrix, T: number): number {
  return diagonalMean(p, T, 1, 1);
}

export function firstTokenScore(p: Matrix, T: number): number {
  if (T < 2) return NaN;
  let sum = 0;
  for (let i = 1; i < T; i++) sum += p[i * T];
  return sum / (T - 1);
}

/** T must be 2·period (a block of `period` tokens, then the same block again). */
export function inductionScore(p: Matrix, T: number, period: number): number {
  if (period < 2 || T !== 2 * period) throw new Error(`inductionScore: expected T = 2·period with period ≥ 2, got T=${T}, period=${period}`);
  return diagonalMean(p, T, period - 1, period);
}

export type ScoreKind = 'previous' | 'first' | 'induction';

export interface HeadScore {
  layer: number;
  head: number;
  score: number;
}

/** Per-layer probs taps [1, nh, T, T] (data + dims) → one score per (layer, head). */
export interface ProbsTap {
  data: ArrayLike<number> & { subarray?(a: number, b: number): ArrayLike<number> };
  dims: readonly number[];
}

function headView(t: ProbsTap, h: number): Matrix {
  const [, , T, S] = t.dims;
  if (T !== S) throw new Error(`head scores need T = S (no cache), got [${t.dims}]`);
  const n = T * S;
  return t.data.subarray ? t.data.subarray(h * n, (h + 1) * n) : Array.from({ length: n }, (_, i) => t.data[h * n + i]);
}

/** Every head's score of one kind; `period` only for 'induction'. */
export function scoreHeads(layers: readonly ProbsTap[], kind: ScoreKind, period = 0): HeadScore[] {
  const out: HeadScore[] = [];
  layers.forEach((t, layer) => {
    const [, nh, T] = t.dims;
    for (let head = 0; head < nh; head++) {
      const p = headView(t, head);
      const score = kind === 'previous' ? previousTokenScore(p, T) : kind === 'first' ? firstTokenScore(p, T) : inductionScore(p, T, period);
      out.push({ layer, head, score });
    }
  });
  return out;
}

/** Highest score first; ties by layer, then head (a stable, reproducible order). */
export function rankHeads(scores: readonly HeadScore[]): HeadScore[] {
  return [...scores].sort((a, b) => b.score - a.score || a.layer - b.layer || a.head - b.head);
}

/** Uniform attention's expected score (every key equally likely): the floor a real pattern must beat. */
export function uniformBaseline(kind: ScoreKind, T: number, period = 0): number {
  if (kind === 'induction') {
    let s = 0;
    for (let i = period; i < T; i++) s += 1 / (i + 1);
    return s / (T - period);
  }
  let s = 0;
  for (let i = 1; i < T; i++) s += 1 / (i + 1);
  return s / (T - 1);
}

/**
 * The label a head earns on one input: 'previous-token' or 'first-token' when that score is at
 * least ROLE_THRESHOLD (the head puts that share of its attention, on average, there), else null.
 * 0.4 is our choice, not a standard: uniform attention over ~30 tokens scores about 0.1.
 */
export const ROLE_THRESHOLD = 0.4;

export type Role = 'previous-token' | 'first-token';

export function headRole(previous: number, first: number): Role | null {
  if (previous >= ROLE_THRESHOLD && previous >= first) return 'previous-token';
  if (first >= ROLE_THRESHOLD) return 'first-token';
  return null;
}
