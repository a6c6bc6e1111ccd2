/**
 * What a lesson shows about a quantized model, as plain cloneable data (it crosses postMessage
 * from the model worker): per tensor its error and bytes, the histogram of w and of ŵ over the
 * same bins, and the grid of representable values of the block holding the tensor's largest |w|
 * (the block an outlier makes coarsest).
 */
import { histogram, outlierStats } from './error';
import { blockGrid, FORMATS, type FormatId, type OrtPath } from './formats';
import type { QuantizedModel } from './model';

export const HIST_BINS = 48;

export interface TensorSummary {
  name: string;
  layer: number;
  matrix: string;
  shape: [number, number];
  bytes: number;
  rmse: number;
  rel: number;
  sqnrDb: number;
  clipped: number;
  /** Of the original weights. */
  std: number;
  maxAbs: number;
  /** Histogram bins over [lo, lo + bins·width]. */
  lo: number;
  width: number;
  before: number[];
  after: number[];
  /** Representable values of the block holding max |w| (empty for fp16/bf16), and that block's index. */
  grid: number[];
  gridBlock: number;
  blockWeights: number;
}

export interface QuantSummary {
  format: FormatId;
  label: string;
  groupSize: number;
  clip: number;
  ort: OrtPath;
  bytes: QuantizedModel['bytes'];
  tensors: TensorSummary[];
}

/** Summarizes a quantized model against its original weights. */
export function summarize(qm: QuantizedModel, original: ReadonlyMap<string, { data: Float32Array }>): QuantSummary {
  const spec = FORMATS[qm.params.format];
  const tensors = qm.tensors.map((t): TensorSummary => {
    const w = original.get(t.name)!.data;
    const s = outlierStats(w);
    let arg = 0;
    for (let i = 1; i < w.length; i++) if (Math.abs(w[i]) > Math.abs(w[arg])) arg = i;
    const hi = s.maxAbs || 1;
    const before = histogram(w, HIST_BINS, -hi, hi);
    const after = histogram(t.q.values, HIST_BINS, -hi, hi);
    const row = Math.floor(arg / t.q.cols);
    const gridBlock = spec.granularity === 'none' ? 0 : row * (t.q.cols / t.q.block) + Math.floor((arg % t.q.cols) / t.q.block);
    return {
      name: t.name, layer: t.layer, matrix: t.matrix, shape: t.shape, bytes: t.bytes,
      rmse: t.error.rmse, rel: t.error.rel, sqnrDb: t.error.sqnrDb, clipped: t.q.clipped,
      std: s.std, maxAbs: s.maxAbs, lo: before.lo, width: before.width, before: before.counts, after: after.counts,
      grid: blockGrid(t.q, gridBlock), gridBlock, blockWeights: spec.granularity === 'tensor' ? t.q.rows * t.q.cols : t.q.block,
    };
  });
  return {
    format: qm.params.format, label: spec.label, groupSize: qm.params.groupSize ?? 32, clip: qm.params.clip ?? 1,
    ort: spec.ort, bytes: qm.bytes, tensors,
  };
}
