/**
 * The pairwise preference losses, as plain numbers with their derivatives (no tape), so that a
 * test can check them by hand and the training code (dpo.ts, reward.ts) can seed backward().
 *
 * Bradley–Terry (Bradley & Terry 1952): P(a beats b) = σ(r_a − r_b) for scores r. A reward model
 * fits the scores to "chosen beats rejected" by the negative log-likelihood (Ouyang et al. 2022
 * §3.5; Stiennon et al. 2020 §3.4):
 *
 *   L_BT = −log σ(r_c − r_r) = softplus(−(r_c − r_r))       ∂L/∂r_c = −σ(−(r_c − r_r)) = −∂L/∂r_r
 *
 * DPO (Rafailov et al. 2023, eq. 7): the same loss with the score of an answer y replaced by the
 * implicit reward β·(log π(y|x) − log π_ref(y|x)):
 *
 *   z = β·[(log π(y_c|x) − log π_ref(y_c|x)) − (log π(y_r|x) − log π_ref(y_r|x))]
 *   L_DPO = −log σ(z)           ∂L/∂log π(y_c|x) = −β·σ(−z) = −∂L/∂log π(y_r|x)
 *
 * Example: r_c = 1, r_r = 0 → L_BT = log(1 + e^−1) ≈ 0.31326, ∂L/∂r_c = −σ(−1) ≈ −0.26894.
 */

/** σ(x) = 1 / (1 + e^−x), without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = log(1 + eˣ) = −log σ(−x), stable for large |x|. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export interface PairLoss {
  /** −log σ(margin). */
  loss: number;
  /** The argument of σ: r_c − r_r (Bradley–Terry) or z (DPO). */
  margin: number;
  /** ∂loss/∂(chosen's score or log-prob); the rejected one's is its negative. */
  dChosen: number;
  dRejected: number;
}

/** Bradley–Terry negative log-likelihood that `chosen` (score rc) beats `rejected` (score rr). */
export function bradleyTerry(rc: number, rr: number): PairLoss {
  const m = rc - rr;
  const d = -sigmoid(-m);
  return { loss: softplus(-m), margin: m, dChosen: d, dRejected: -d };
}

/** Summed log-probabilities of the chosen and rejected answers under the policy and the reference. */
export interface PairLogProbs {
  chosen: number;
  rejected: number;
  refChosen: number;
  refRejected: number;
}

/** DPO loss of one pair at temperature β; `margin` is z, the implicit reward margin. */
export function dpoLoss(p: PairLogProbs, beta: number): PairLoss {
  const z = beta * ((p.chosen - p.refChosen) - (p.rejected - p.refRejected));
  const d = -beta * sigmoid(-z);
  return { loss: softplus(-z), margin: z, dChosen: d, dRejected: -d };
}
