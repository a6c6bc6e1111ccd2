/**
 * Pure geometry and wording for the quantization widgets: histogram bars and grid ticks, error
 * colours, byte and format descriptions. Every number comes from lib/quant (QuantSummary).
 */
import type { QuantSummary, TensorSummary } from '@/lib/quant/summary';
import type { OrtPath } from '@/lib/quant/formats';

export interface HistBar { x: number; w: number; hBefore: number; hAfter: number; from: number; to: number; before: number; after: number }
export interface HistLayout { width: number; height: number; plotTop: number; plotHeight: number; bars: HistBar[]; ticks: number[]; gridX: number[]; x: (v: number) => number }

/** Bars of w (before) and ŵ (after) on one √count scale, plus x positions of the grid values inside the range. */
export function layoutHistogram(t: TensorSummary, width: number, height: number): HistLayout {
  const plotTop = 8;
  const plotHeight = height - plotTop - 34;
  const bins = t.before.length;
  const lo = t.lo;
  const hi = t.lo + bins * t.width;
  const x = (v: number) => ((v - lo) / (hi - lo)) * width;
  const max = Math.sqrt(Math.max(1, ...t.before, ...t.after));
  const h = (c: number) => (Math.sqrt(c) / max) * plotHeight;
  const bw = width / bins;
  const bars = t.before.map((b, i) => ({
    x: i * bw, w: bw, hBefore: h(b), hAfter: h(t.after[i]), from: lo + i * t.width, to: lo + (i + 1) * t.width, before: b, after: t.after[i],
  }));
  const gridX = t.grid.filter((g) => g >= lo - 1e-12 && g <= hi + 1e-12).map(x);
  const ticks = [lo, lo / 2, 0, hi / 2, hi];
  return { width, height, plotTop, plotHeight, bars, ticks, gridX, x };
}

/** Colour mix 0…1 for a relative error: 0 at ≤ 0.1 %, 1 at ≥ 30 % (log scale). */
export function errorShade(rel: number): number {
  if (!(rel > 0.001)) return 0;
  return Math.min(1, Math.log10(rel / 0.001) / Math.log10(300));
}

export const pctErr = (rel: number): string => (rel === 0 ? '0' : rel < 0.0001 ? '<0.01%' : `${(100 * rel).toFixed(rel < 0.01 ? 2 : 1)}%`);
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;
export const kb = (bytes: number): string => `${(bytes / 1e3).toFixed(1)} kB`;
export const sci = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 0.01 ? x.toFixed(4) : x.toExponential(2));

/** One sentence per ORT path: what actually runs. */
export function ortSentence(path: OrtPath): string {
  switch (path) {
    case 'MatMulNBits': return 'Runs as quantized weights: ORT’s MatMulNBits unpacks each block inside the matrix multiply (the weights stay 4/8-bit in memory; the arithmetic is fp32).';
    case 'Cast': return 'Runs as fp16 weights cast to fp32 inside the graph.';
    case 'simulated': return 'Simulated: weights dequantized before the run. onnxruntime-web has no operator for this format on both WASM and WebGPU, so the graph holds the dequantized fp32 values — same numbers, none of the memory saving.';
  }
}

/** Bits per weight over the quantized matrices. */
export function linearBpw(q: QuantSummary): number {
  const n = q.tensors.reduce((s, t) => s + t.shape[0] * t.shape[1], 0);
  return n ? (8 * q.bytes.quantized) / n : 0;
}

/** The tensor for (layer, matrix), or the first. */
export function pickTensor(q: QuantSummary, layer: number, matrix: string): TensorSummary {
  return q.tensors.find((t) => t.layer === layer && t.matrix === matrix) ?? q.tensors[0];
}
