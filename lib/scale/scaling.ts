/**
 * Scaling laws as formulas: training compute, Chinchilla's parametric loss and its compute-optimal
 * allocation, the "20 tokens per parameter" rule and Kaplan's exponents.
 *
 *   trainingFlops(N, D) = 6 N D       (Kaplan et al. 2020, §2.1: ≈ 2N per token forward, 4N backward)
 *   chinchillaLoss(N, D) = E + A/N^α + B/D^β      (Hoffmann et al. 2022, eq. 2; §3.3 / Approach 3
 *                       fit E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28)
 *   chinchillaOptimal(C): minimise L subject to 6ND = C (Hoffmann et al. 2022, eq. 4):
 *       N_opt = G (C/6)^(β/(α+β)),  D_opt = G⁻¹ (C/6)^(α/(α+β)),  G = (αA / (βB))^(1/(α+β))
 *   twentyTokens(C): D = 20 N and 6ND = C → N = √(C/120), D = 20 N (the rule of thumb read off
 *       Hoffmann et al.'s Approaches 1 and 2, Table 3; Chinchilla itself: 70B params, 1.4T tokens)
 *   kaplanGrowth(k): Kaplan et al. 2020 (§6): N_opt ∝ C^0.73, D ∝ C^0.27 — a k-times larger budget
 *       buys a k^0.73 larger model and k^0.27 more tokens; Chinchilla: ≈ k^0.5 and k^0.5.
 *
 * Worked example: C = 6 · 10⁹ · 2·10¹⁰ = 1.2·10²⁰ FLOPs (1B params, 20B tokens): twentyTokens gives
 * N = √(10¹⁸) = 10⁹ and D = 2·10¹⁰ back.
 * With the printed constants the Approach-3 optimum drifts far above 20 tokens per parameter at large
 * budgets (≈ 93 at C = 5.76·10²³); Besiroglu et al. 2024 trace this to the fit and its rounding.
 */

export interface ChinchillaParams {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/** Hoffmann et al. 2022, §3.3 (Approach 3), as printed in the paper. */
export const CHINCHILLA: Readonly<ChinchillaParams> = Object.freeze({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });

export function trainingFlops(params: number, tokens: number): number {
  return 6 * params * tokens;
}

export function chinchillaLoss(N: number, D: number, p: ChinchillaParams = CHINCHILLA): number {
  return p.E + p.A / N ** p.alpha + p.B / D ** p.beta;
}

export interface Allocation {
  params: number;
  tokens: number;
  tokensPerParam: number;
}

export function chinchillaOptimal(C: number, p: ChinchillaParams = CHINCHILLA): Allocation {
  const s = p.alpha + p.beta;
  const G = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / s);
  const params = G * (C / 6) ** (p.beta / s);
  const tokens = (C / 6) ** (p.alpha / s) / G;
  return { params, tokens, tokensPerParam: tokens / params };
}

export function twentyTokens(C: number, ratio = 20): Allocation {
  const params = Math.sqrt(C / (6 * ratio));
  return { params, tokens: ratio * params, tokensPerParam: ratio };
}

export const KAPLAN_EXPONENTS = Object.freeze({ params: 0.73, tokens: 0.27 });

/** How much larger N and D get when the compute budget grows k-fold, by Kaplan's and Chinchilla's exponents. */
export function growth(k: number): { kaplan: { params: number; tokens: number }; chinchilla: { params: number; tokens: number } } {
  return {
    kaplan: { params: k ** KAPLAN_EXPONENTS.params, tokens: k ** KAPLAN_EXPONENTS.tokens },
    chinchilla: { params: k ** 0.5, tokens: k ** 0.5 },
  };
}

/** Large models and their training tokens, from Hoffmann et al. 2022, Table 1. */
export const TABLE1_MODELS: readonly { name: string; params: number; tokens: number }[] = [
  { name: 'LaMDA', params: 137e9, tokens: 168e9 },
  { name: 'GPT-3', params: 175e9, tokens: 300e9 },
  { name: 'Jurassic', params: 178e9, tokens: 300e9 },
  { name: 'Gopher', params: 280e9, tokens: 300e9 },
  { name: 'MT-NLG 530B', params: 530e9, tokens: 270e9 },
  { name: 'Chinchilla', params: 70e9, tokens: 1.4e12 },
];
