/**
 * Pure numbers of the scale-laws widget for one compute budget C = 10^logC FLOPs:
 * the 20-tokens allocation and the Chinchilla fit's optimum (lib/scale/scaling.ts) with their
 * predicted losses, the loss along the budget (the "iso-FLOP" curve L(N, C/6N)) for the first
 * chart, and the optimum's path over budgets 10¹⁷…10²⁷ for the second.
 *
 * Example: logC = log10(1.2e20) → twenty = (1e9 params, 2e10 tokens).
 */
import { chinchillaLoss, chinchillaOptimal, growth, trainingFlops, twentyTokens, type Allocation } from '@/lib/scale';
import { logspace } from '../scale-common/chart';

export interface LawsView {
  C: number;
  twenty: Allocation & { loss: number };
  fitted: Allocation & { loss: number };
  iso: [number, number][];
  path: [number, number][];
  growth10: ReturnType<typeof growth>;
}

export const N_DOMAIN: [number, number] = [1e6, 1e13];

export function lawsView(logC: number): LawsView {
  const C = 10 ** logC;
  const t = twentyTokens(C);
  const f = chinchillaOptimal(C);
  const iso = logspace(N_DOMAIN[0], N_DOMAIN[1], 141)
    .filter((N) => C / (6 * N) >= 1e6)
    .map((N) => [N, chinchillaLoss(N, C / (6 * N))] as [number, number]);
  const path = logspace(1e17, 1e27, 41).map((c) => {
    const o = chinchillaOptimal(c);
    return [o.params, o.tokens] as [number, number];
  });
  return {
    C,
    twenty: { ...t, loss: chinchillaLoss(t.params, t.tokens) },
    fitted: { ...f, loss: chinchillaLoss(f.params, f.tokens) },
    iso,
    path,
    growth10: growth(10),
  };
}

/** "5.76 × 10²³" */
export function sci(v: number): string {
  const e = Math.floor(Math.log10(v));
  const m = v / 10 ** e;
  const sup = String(e).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]);
  return `${m.toFixed(2)} × 10${sup}`;
}

export { trainingFlops };
