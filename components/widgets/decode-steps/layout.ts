/**
 * Pure geometry and text for the step-by-step widget: the bars of one step's distribution and
 * the clamping of the selected step.
 */
import type { TraceStep } from '@/lib/sample/trace';

export interface StepBar {
  id: number;
  label: string;
  /** Drawn probability and the model's own (T = 1). */
  p: number;
  model: number;
  chosen: boolean;
  y: number;
  /** Bar widths in px for p and model, on a shared 0..1 scale of `width`. */
  wp: number;
  wModel: number;
}

export const ROW = 22;

/** One row per top token of the step, the chosen one flagged; scale 0..1 over `width` px. */
export function stepBars(s: TraceStep, tokenText: (id: number) => string, width: number): StepBar[] {
  const rows = s.top.some((t) => t.id === s.chosen) ? s.top : [...s.top, { id: s.chosen, p: s.chosenP, model: s.chosenModelP }];
  const w = Math.max(0, width);
  return rows.map((t, i) => ({
    id: t.id, label: tokenText(t.id), p: t.p, model: t.model, chosen: t.id === s.chosen, y: i * ROW,
    wp: t.p * w, wModel: t.model * w,
  }));
}

/** The step to show: `at` clamped to the steps that exist, with a note when it had to move. */
export function clampStep(at: number, count: number): { at: number; note: string | null } {
  if (count === 0) return { at: 0, note: null };
  if (at < count) return { at: Math.max(0, at), note: null };
  return { at: count - 1, note: `Step ${at + 1} does not exist (only ${count} were generated); showing step ${count}.` };
}

export const pct = (p: number): string => (p >= 0.995 ? `${(p * 100).toFixed(0)}%` : p >= 0.001 ? `${(p * 100).toFixed(1)}%` : p > 0 ? '<0.1%' : '0');
