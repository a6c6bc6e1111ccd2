/**
 * The loss curves of a model's training log (models/<id>/training-log.json, written by the trainer
 * in training/): `trainLoss` and `valLoss` are lists of [step, loss] pairs (loss in nats per
 * token). Everything else in the log (lr, samples, sweep, …) is ignored here.
 *
 * Example: { trainLoss: [[100, 4.2], [200, 3.9]], valLoss: [[0, 8.3], [100, 4.4], [200, 4.1]] }
 *   → { train: [{step:100,loss:4.2}, …], val: [{step:0,loss:8.3}, …], best: {step:200, loss:4.1} }
 */

export interface LossPoint {
  step: number;
  loss: number;
}

export interface LossCurves {
  train: LossPoint[];
  val: LossPoint[];
  /** The validation point with the lowest loss (the earliest one on a tie); null without val points. */
  best: LossPoint | null;
}

/** [step, loss] pairs with finite numbers, sorted by step; anything else is dropped. */
function pointsOf(x: unknown): LossPoint[] {
  if (!Array.isArray(x)) return [];
  const out: LossPoint[] = [];
  for (const p of x) {
    if (Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1])) out.push({ step: p[0], loss: p[1] });
  }
  return out.sort((a, b) => a.step - b.step);
}

/** The lowest loss of a series, the earliest step on a tie. */
export function bestPoint(points: readonly LossPoint[]): LossPoint | null {
  let best: LossPoint | null = null;
  for (const p of points) if (!best || p.loss < best.loss) best = p;
  return best;
}

/** The train and validation curves of a parsed training log; null when it has neither. */
export function parseTrainingLog(json: unknown): LossCurves | null {
  if (typeof json !== 'object' || json === null) return null;
  const log = json as { trainLoss?: unknown; valLoss?: unknown };
  const train = pointsOf(log.trainLoss);
  const val = pointsOf(log.valLoss);
  if (train.length === 0 && val.length === 0) return null;
  return { train, val, best: bestPoint(val) };
}

/** One sentence for screen readers: what the chart shows and its best validation loss. */
export function describeCurves(id: string, c: LossCurves): string {
  const last = Math.max(c.train.at(-1)?.step ?? 0, c.val.at(-1)?.step ?? 0);
  const best = c.best ? `; best validation loss ${c.best.loss.toFixed(3)} at step ${c.best.step}` : '';
  const train = c.train.at(-1);
  const end = train ? `; final training loss ${train.loss.toFixed(3)}` : '';
  return `Training curves of ${id}: training and validation loss over ${last} steps${best}${end}.`;
}
