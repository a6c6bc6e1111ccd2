/**
 * Pure view data of the SSM widget (tested in test/components/widgets/ssm-scan/layout.test.ts).
 *   rows(x [T·H], H) → x as T rows of H values
 *   headNorms(state [H·P·N], H) → ‖h_head‖₂ per head  [H]
 */
export function rows(x: ArrayLike<number>, H: number): number[][] {
  const T = x.length / H;
  return Array.from({ length: T }, (_, t) => Array.from({ length: H }, (_, h) => x[t * H + h]));
}

/** Euclidean norm of each head's P×N block of a state [1, H, P, N] (flat). */
export function headNorms(state: ArrayLike<number>, H: number): number[] {
  const per = state.length / H;
  return Array.from({ length: H }, (_, h) => {
    let s = 0;
    for (let i = h * per; i < (h + 1) * per; i++) s += state[i] * state[i];
    return Math.sqrt(s);
  });
}

/** Largest value of a grid (0 for an empty one), to scale colours. */
export function gridMax(g: readonly number[][]): number {
  let m = 0;
  for (const r of g) for (const v of r) m = Math.max(m, Math.abs(v));
  return m;
}
