/**
 * Knowledge distillation (Hinton, Vinyals & Dean 2015, "Distilling the Knowledge in a Neural
 * Network", section 2), per position, in float64 and nats:
 *
 *   p_T(z)_i = exp(z_i / T) / Σ_j exp(z_j / T)                       softmax at temperature T
 *   KL_T(t ‖ s) = Σ_i p_T(z_t)_i (ln p_T(z_t)_i − ln p_T(z_s)_i)      teacher t, student s
 *   loss = α · T² · KL_T(t ‖ s) + (1 − α) · CE(z_s, y)
 *
 * The same formula as training/distill.py (which trained lm-distill with T = 2, α = 0.5). T > 1
 * flattens both distributions, so the small probabilities the teacher gives to wrong tokens (its
 * "dark knowledge") weigh more; the T² keeps the soft term's gradients on the scale of the hard
 * term's as T changes (their magnitude falls as 1/T²).
 * Example: z_t = (ln 3, 0) (p = (¾, ¼)), z_s = (0, 0) (p = (½, ½)), T = 1:
 *   KL = ¾ ln(3/2) + ¼ ln(1/2) ≈ 0.13081 nats.
 */
import { logSoftmax } from '@/lib/sample/softmax';

/** softmax(z / T) as float64. */
export function softmaxAt(z: ArrayLike<number>, T: number): Float64Array {
  if (!(T > 0)) throw new Error(`softmaxAt: temperature ${T} must be > 0`);
  const l = logSoftmax(Array.from(z, (v) => v / T));
  return Float64Array.from(l, Math.exp);
}

/** KL(softmax(z_t/T) ‖ softmax(z_s/T)) in nats (≥ 0). */
export function klAt(zt: ArrayLike<number>, zs: ArrayLike<number>, T: number): number {
  if (zt.length !== zs.length) throw new Error(`klAt: ${zt.length} vs ${zs.length} logits`);
  if (!(T > 0)) throw new Error(`klAt: temperature ${T} must be > 0`);
  const lt = logSoftmax(Array.from(zt, (v) => v / T));
  const ls = logSoftmax(Array.from(zs, (v) => v / T));
  let kl = 0;
  for (let i = 0; i < lt.length; i++) if (lt[i] > -Infinity) kl += Math.exp(lt[i]) * (lt[i] - ls[i]);
  return Math.max(0, kl);
}

/** The distillation loss at one position: α·T²·KL_T(t ‖ s) + (1 − α)·(−ln softmax(z_s)[y]). */
export function kdLoss(zt: ArrayLike<number>, zs: ArrayLike<number>, y: number, T: number, alpha: number): number {
  const ce = -logSoftmax(Array.from(zs))[y];
  return alpha * T * T * klAt(zt, zs, T) + (1 - alpha) * ce;
}

/** Index of the largest value (lowest index on ties). */
export function argmax(z: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < z.length; i++) if (z[i] > z[best]) best = i;
  return best;
}
