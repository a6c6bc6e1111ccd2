/**
 * Pure read-outs of a Mixture-of-Experts router (lib/model/moe.ts taps) for the MoE lesson:
 * per-expert load, dropped share, the tokens each expert prefers (lift), and the mean
 * next-token loss of a logits tensor. No model code here: inputs are plain arrays.
 *
 * Shapes: probs / chosen / dropped [T·E] row-major (token t, expert e) — the [1, T, E] taps.
 */

/** Slots routed to each expert: Σ_t chosen[t, e]  → [E]. */
export function expertLoad(chosen: ArrayLike<number>, E: number): number[] {
  const out = Array<number>(E).fill(0);
  for (let i = 0; i < chosen.length; i++) out[i % E] += chosen[i];
  return out;
}

/** Share of routed (token, expert) slots whose expert was full: Σ dropped / Σ chosen (0 when nothing was routed). */
export function droppedShare(dropped: ArrayLike<number> | undefined, chosen: ArrayLike<number>): number {
  if (!dropped) return 0;
  let d = 0;
  let c = 0;
  for (let i = 0; i < chosen.length; i++) {
    d += dropped[i];
    c += chosen[i];
  }
  return c === 0 ? 0 : d / c;
}

export interface Lift {
  /** token id */
  id: number;
  /** times the token occurs in the text */
  n: number;
  /** P(expert chosen | this token) */
  pGiven: number;
  /** P(chosen | token) / P(chosen): above 1 = the expert takes this token more often than its average */
  lift: number;
}

/**
 * Per expert, the tokens with the highest lift P(e chosen | token) / P(e chosen) among tokens
 * seen at least `minCount` times (ties: more occurrences first, then lower id). ids [T], chosen [T·E].
 */
export function expertLift(ids: readonly number[], chosen: ArrayLike<number>, E: number, top = 5, minCount = 3): Lift[][] {
  const T = ids.length;
  const load = expertLoad(chosen, E);
  const perTok = new Map<number, { n: number; c: number[] }>();
  for (let t = 0; t < T; t++) {
    let s = perTok.get(ids[t]);
    if (!s) perTok.set(ids[t], (s = { n: 0, c: Array<number>(E).fill(0) }));
    s.n++;
    for (let e = 0; e < E; e++) s.c[e] += chosen[t * E + e];
  }
  return Array.from({ length: E }, (_, e) => {
    const base = load[e] / T;
    const rows: Lift[] = [];
    for (const [id, s] of perTok) {
      if (s.n < minCount || base === 0) continue;
      const pGiven = s.c[e] / s.n;
      rows.push({ id, n: s.n, pGiven, lift: pGiven / base });
    }
    rows.sort((a, b) => b.lift - a.lift || b.n - a.n || a.id - b.id);
    return rows.slice(0, top);
  });
}

/** Mean −ln p(next token) over positions 0..T-2 of logits [T·V] (row t predicts ids[t+1]), in nats. */
export function meanNextTokenLoss(logits: ArrayLike<number>, ids: readonly number[], V: number): number {
  const T = ids.length;
  if (T < 2) return NaN;
  let sum = 0;
  for (let t = 0; t < T - 1; t++) {
    let m = -Infinity;
    for (let v = 0; v < V; v++) m = Math.max(m, logits[t * V + v]);
    let z = 0;
    for (let v = 0; v < V; v++) z += Math.exp(logits[t * V + v] - m);
    sum += m + Math.log(z) - logits[t * V + ids[t + 1]];
  }
  return sum / (T - 1);
}

/** Largest |a_i − b_i| (the recurrent vs parallel check). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
