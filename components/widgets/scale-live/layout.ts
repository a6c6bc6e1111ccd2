/**
 * Pure numbers of the scale-live widget, from the events of a run (lib/scale/jobs.ts): each model's
 * held-out loss against compute, the final losses, and the fits of final loss against N
 * at fixed compute: a parabola in ln N (lib/scale/live.ts fitIsoFlop, Hoffmann et al.'s Approach 2)
 * whose minimum is the compute-optimal N for the budget, and — only when the losses fall all the way
 * (no valley in range) — the power laws of lib/scale/fit.ts: E + A·N^−α and a·N^−α.
 *
 * Example: finals at N = [1e3, 1e4, 1e5] of [3, 2.5, 2.25] → E + A·N^−α fits exactly with
 * E = 2, A = 1e1.5 … (any three points on such a curve), α = 0.30103 (= log10 2).
 */
import { fitPowerLaw, fitPowerLawFloor, type PowerLaw, type PowerLawFloor } from '@/lib/scale/fit';
import type { PlanRow, ScaleEvent } from '@/lib/scale/jobs';
import { fitIsoFlop, type IsoFlopFit } from '@/lib/scale/live';

export interface LiveModelView extends PlanRow {
  /** [6·N·tokens, held-out loss] at each evaluation after step 0. */
  curve: [number, number][];
  startLoss: number | null;
  /** Held-out loss after the last step, once the model has finished. */
  final: number | null;
  stepsDone: number;
}

export interface LiveView {
  models: LiveModelView[];
  /** Steps done over all models, and in all. */
  done: number;
  total: number;
  /** Parabola in ln N through the finals (three or more). */
  iso: IsoFlopFit | null;
  /** Power-law fits, only when every larger model ends lower (a falling L(N), no valley). */
  floor: PowerLawFloor | null;
  power: PowerLaw | null;
  /** Set when the floor fit hit the edge of the α range or went negative. */
  warning: string | null;
  ms: number | null;
  /** The budget C of the run (from its plan). */
  budget: number | null;
}

export function liveView(events: readonly ScaleEvent[]): LiveView {
  const plan = events.find((e) => e.type === 'plan');
  const models: LiveModelView[] = plan && plan.type === 'plan' ? plan.plan.map((p) => ({ ...p, curve: [], startLoss: null, final: null, stepsDone: 0 })) : [];
  let ms: number | null = null;
  for (const e of events) {
    if (e.type === 'done') ms = e.ms;
    if (e.type !== 'step') continue;
    const m = models[e.e.model];
    if (!m) continue;
    m.stepsDone = e.e.step;
    if (e.e.valLoss === null) continue;
    if (e.e.step === 0) m.startLoss = e.e.valLoss;
    else m.curve.push([e.e.flops, e.e.valLoss]);
    if (e.e.step === e.e.steps) m.final = e.e.valLoss;
  }
  const fin = models.filter((m) => m.final !== null);
  const x = fin.map((m) => m.params);
  const y = fin.map((m) => m.final!);
  const iso = fin.length >= 3 ? fitIsoFlop(x, y) : null;
  const falling = fin.length === models.length && y.every((v, i) => i === 0 || v < y[i - 1]);
  const floor = falling && fin.length >= 3 ? fitPowerLawFloor(x, y) : null;
  const power = falling && fin.length >= 2 ? fitPowerLaw(x, y) : null;
  let warning: string | null = null;
  if (floor && (floor.alpha > 2.9 || floor.alpha < 0.0011)) warning = `The fit with a floor ran into the edge of the α range searched (α = ${floor.alpha.toFixed(3)}): these points do not pin down E, A and α.`;
  return { iso, budget: plan && plan.type === 'plan' ? plan.budget : null, models, done: models.reduce((s, m) => s + m.stepsDone, 0), total: models.reduce((s, m) => s + m.steps, 0), floor, power, warning, ms };
}
