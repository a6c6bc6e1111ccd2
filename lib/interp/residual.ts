/**
 * The residual stream of a pre-norm Transformer, block by block (Elhage et al. 2021, "A
 * Mathematical Framework for Transformer Circuits": every block reads from the stream and adds
 * its output back). With x_l the input of block l (x_0 = the embedding):
 *
 *   mid_l  = x_l + attn(norm1(x_l))       tap.blocks.{l}.resid_mid
 *   x_l+1  = mid_l + mlp(norm2(mid_l))    tap.blocks.{l}.resid_post
 *
 * so attention added a_l = mid_l − x_l and the MLP added m_l = x_l+1 − mid_l. Per layer and
 * position this file measures ‖x_l‖, ‖a_l‖, ‖m_l‖, ‖x_l+1‖ and the cosine of each update with
 * the stream it was added to: cos(a_l, x_l) and cos(m_l, mid_l). All in float64.
 *
 * Inputs are flat [1, T, C] taps. Example (C = 2, one position): x = [3, 4], mid = [3, 8],
 * post = [0, 8] → ‖x‖ = 5, attention added [0, 4] (norm 4, cos 0.8 with x), the MLP added
 * [−3, 0] (norm 3, cos −3·3/(3·√73) = −0.351 with mid), ‖post‖ = 8.
 */

/** Euclidean norm of a (length C) from offset o. */
function norm(a: ArrayLike<number>, o: number, C: number): number {
  let s = 0;
  for (let c = 0; c < C; c++) s += a[o + c] * a[o + c];
  return Math.sqrt(s);
}

/** ‖b − a‖ and cos(b − a, a) over the C channels at offset o (cos = 0 when either is zero). */
function update(a: ArrayLike<number>, b: ArrayLike<number>, o: number, C: number): { norm: number; cos: number } {
  let dd = 0, aa = 0, da = 0;
  for (let c = 0; c < C; c++) {
    const d = b[o + c] - a[o + c];
    dd += d * d;
    aa += a[o + c] * a[o + c];
    da += d * a[o + c];
  }
  const den = Math.sqrt(dd * aa);
  return { norm: Math.sqrt(dd), cos: den > 0 ? da / den : 0 };
}

/** One block's measurements, one value per position. */
export interface BlockResidual {
  /** ‖x_l‖: the stream entering the block. */
  inNorm: Float64Array;
  /** ‖mid_l − x_l‖: what attention added. */
  attnNorm: Float64Array;
  /** cos(mid_l − x_l, x_l). */
  attnCos: Float64Array;
  /** ‖x_l+1 − mid_l‖: what the MLP added. */
  mlpNorm: Float64Array;
  /** cos(x_l+1 − mid_l, mid_l). */
  mlpCos: Float64Array;
  /** ‖x_l+1‖: the stream leaving the block. */
  outNorm: Float64Array;
}

/** embed [1, T, C]; mid[l], post[l] [1, T, C] per block → one BlockResidual per block. */
export function residualStats(embed: ArrayLike<number>, mid: readonly ArrayLike<number>[], post: readonly ArrayLike<number>[], T: number, C: number): BlockResidual[] {
  if (mid.length !== post.length) throw new Error(`${mid.length} resid_mid taps but ${post.length} resid_post taps`);
  for (const a of [embed, ...mid, ...post]) if (a.length !== T * C) throw new Error(`a tap has ${a.length} values, [1, ${T}, ${C}] needs ${T * C}`);
  return mid.map((m, l) => {
    const x = l === 0 ? embed : post[l - 1];
    const p = post[l];
    const r: BlockResidual = { inNorm: new Float64Array(T), attnNorm: new Float64Array(T), attnCos: new Float64Array(T), mlpNorm: new Float64Array(T), mlpCos: new Float64Array(T), outNorm: new Float64Array(T) };
    for (let t = 0; t < T; t++) {
      const o = t * C;
      const a = update(x, m, o, C);
      const f = update(m, p, o, C);
      r.inNorm[t] = norm(x, o, C);
      r.attnNorm[t] = a.norm;
      r.attnCos[t] = a.cos;
      r.mlpNorm[t] = f.norm;
      r.mlpCos[t] = f.cos;
      r.outNorm[t] = norm(p, o, C);
    }
    return r;
  });
}

/** ‖stream‖ at each stream point i = 0..L for position t: the embedding, then each block's output. */
export function streamNorms(stats: readonly BlockResidual[], t: number): number[] {
  return stats.length === 0 ? [] : [stats[0].inNorm[t], ...stats.map((s) => s.outNorm[t])];
}

/** Mean over positions (or over positions from `from` on) of a per-position array. */
export function meanOver(a: ArrayLike<number>, from = 0): number {
  let s = 0;
  for (let t = from; t < a.length; t++) s += a[t];
  return a.length > from ? s / (a.length - from) : NaN;
}
