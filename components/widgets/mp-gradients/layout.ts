/**
 * Pure numbers of the mp-gradients widget from the grads job's statistics (lib/scale/jobs.ts):
 * the log2 histogram moved k binades right by the loss scale 2^k, and the shares of non-zero
 * gradients that fp16 and bf16 turn into 0, subnormals or ∞ at that scale.
 *
 * Example: a gradient of 2^-30 sits in bin −30; at k = 8 it is drawn in bin −22 (fp16 subnormal).
 */
import { HIST_LO, type GradStats } from '@/lib/scale/jobs';
import type { RangeCounts } from '@/lib/quant/half-range';

export interface Shares {
  zero: number;
  subnormal: number;
  inf: number;
}

export interface MpView {
  /** [⌊log2 |g·2^k|⌋, count] of every non-empty bin. */
  bars: [number, number][];
  fp16: Shares;
  bf16: Shares;
  /** The largest scale with no fp16 overflow. */
  bestK: number;
  nonzero: number;
}

export const shares = (c: RangeCounts): Shares => ({ zero: c.zero / c.total, subnormal: c.subnormal / c.total, inf: c.inf / c.total });

export function mpView(s: GradStats, k: number): MpView {
  const row = s.perK.find((r) => r.k === k) ?? s.perK[0];
  const bars = s.hist.map((c, i) => [HIST_LO + i + row.k, c] as [number, number]).filter(([, c]) => c > 0);
  return { bars, fp16: shares(row.fp16), bf16: shares(row.bf16), bestK: s.bestK, nonzero: s.count - s.zeros };
}

/** "12.3%" / "0.0012%" / "0%": shares too small for one decimal keep two significant digits. */
export function pct(x: number): string {
  if (x === 0) return '0%';
  const p = 100 * x;
  return p >= 0.1 ? `${p.toFixed(1)}%` : `${p.toPrecision(2)}%`;
}
