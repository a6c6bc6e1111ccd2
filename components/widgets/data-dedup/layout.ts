/** Pure geometry of the data-dedup widget: the LSH S-curve 1 − (1 − s^r)^b as an SVG path. */
import { candidateProbability, lshThreshold } from '@/lib/data/minhash';

export interface SCurve {
  path: string;
  /** x of the similarity threshold and of the curve's steep point (1/b)^(1/r). */
  thresholdX: number;
  steepX: number;
  /** Probability that a pair exactly at the threshold becomes a candidate. */
  atThreshold: number;
  table: Array<{ s: number; p: number }>;
}

export function sCurve(r: number, b: number, threshold: number, width: number, height: number, steps = 100): SCurve {
  const pts: string[] = [];
  for (let i = 0; i <= steps; i++) {
    const s = i / steps;
    pts.push(`${i === 0 ? 'M' : 'L'}${((s * width).toFixed(1))},${((1 - candidateProbability(s, r, b)) * height).toFixed(1)}`);
  }
  const table = Array.from({ length: 11 }, (_, i) => ({ s: i / 10, p: candidateProbability(i / 10, r, b) }));
  return { path: pts.join(''), thresholdX: threshold * width, steepX: lshThreshold(r, b) * width, atThreshold: candidateProbability(threshold, r, b), table };
}

/** A passage shortened for a list: first `max` characters + '…'. */
export function clip(text: string, max = 320): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
