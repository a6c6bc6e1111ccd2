/**
 * Weight formats for a Linear weight W [N, K] (N output rows, K inputs; PyTorch's [out, in]).
 * Every format quantizes along K, in blocks of consecutive weights of one row — the layout of
 * ggml's blocks and of onnxruntime's MatMulNBits. Each is documented like ggml-common.h: what one
 * block stores, its bytes, the formula, and the bits per weight (bpw). Scales are stored as fp16
 * (as in ggml's block_q4_0 `d`), except NF4's absmax, which is fp32 as in QLoRA.
 *
 *   id                 block (g weights of one row)                        bytes/block   bpw
 *   fp16 / bf16        one value                                            2            16
 *   int8               whole tensor: d fp16 + qs int8[N·K]                  N·K + 2      ≈ 8
 *   int8-channel       one row:  d fp16 + qs int8[K]                        K + 2        8 + 16/K
 *   int8-asym          whole tensor: d fp16 + z uint8 + qs uint8[N·K]       N·K + 3      ≈ 8
 *   int8-asym-channel  one row:  d fp16 + z uint8 + qs uint8[K]             K + 3        8 + 24/K
 *   int4               g weights: d fp16 + qs uint8[g/2]                    2 + g/2      4 + 16/g
 *   int4-asym          g weights: d fp16 + z uint8 + qs uint8[g/2]          3 + g/2      4 + 24/g
 *   nf4                g weights: absmax fp32 + qs uint8[g/2]               4 + g/2      4 + 32/g
 * (4-bit codes: two per byte, element 2i in the low nibble.) int4 with g = 32 is exactly ggml's
 * Q4_0 size: 18 bytes per 32 weights, 4.5 bpw.
 *
 * Formulas (c the stored unsigned code, clip ∈ (0, 1] shrinks the range; values outside saturate):
 *   symmetric b bits   d = clip·max|w| / (2^(b-1) − 1),  c = clamp(round(w/d), −(2^(b-1)−1), 2^(b-1)−1) + 2^(b-1)
 *                      ŵ = (c − 2^(b-1))·d                 (int8: codes 1…255, int4: 1…15)
 *   asymmetric b bits  lo = min(clip·min w, 0), hi = max(clip·max w, 0), d = (hi − lo)/(2^b − 1),
 *                      z = round(−lo/d), c = clamp(round(w/d) + z, 0, 2^b − 1),  ŵ = (c − z)·d
 *   nf4                m = clip·max|w|, c = nearest level to w/m,  ŵ = NF4[c]·m   (./nf4.ts)
 * References: Jacob et al. 2018 (affine integer quantization, §2.1 r = S(q − Z)); Dettmers et al.
 * 2022 (LLM.int8(): absmax and zero-point int8, vector-wise scales); Dettmers et al. 2023 (NF4).
 */
import { fp16Bits, fp16Value, roundTrip16 } from './float';
import { NF4_LEVELS, nf4BlockBytes, nf4Code } from './nf4';

export const FORMAT_IDS = ['fp16', 'bf16', 'int8', 'int8-channel', 'int8-asym', 'int8-asym-channel', 'int4', 'int4-asym', 'nf4'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** How the graph runs a format on onnxruntime-web (WASM and WebGPU); 'simulated' = dequantized in TS first. */
export type OrtPath = 'MatMulNBits' | 'Cast' | 'simulated';

export interface FormatSpec {
  id: FormatId;
  label: string;
  bits: number;
  /** Uses the group size g. */
  grouped: boolean;
  symmetric: boolean;
  /** 'tensor': one scale for W; 'channel': one per row; 'group': one per g weights. */
  granularity: 'none' | 'tensor' | 'channel' | 'group';
  ort: OrtPath;
}

export const FORMATS: Record<FormatId, FormatSpec> = {
  fp16: { id: 'fp16', label: 'fp16', bits: 16, grouped: false, symmetric: true, granularity: 'none', ort: 'Cast' },
  bf16: { id: 'bf16', label: 'bf16', bits: 16, grouped: false, symmetric: true, granularity: 'none', ort: 'simulated' },
  int8: { id: 'int8', label: 'int8, symmetric, per tensor', bits: 8, grouped: false, symmetric: true, granularity: 'tensor', ort: 'MatMulNBits' },
  'int8-channel': { id: 'int8-channel', label: 'int8, symmetric, per channel', bits: 8, grouped: false, symmetric: true, granularity: 'channel', ort: 'MatMulNBits' },
  'int8-asym': { id: 'int8-asym', label: 'int8, asymmetric, per tensor', bits: 8, grouped: false, symmetric: false, granularity: 'tensor', ort: 'MatMulNBits' },
  'int8-asym-channel': { id: 'int8-asym-channel', label: 'int8, asymmetric, per channel', bits: 8, grouped: false, symmetric: false, granularity: 'channel', ort: 'MatMulNBits' },
  int4: { id: 'int4', label: 'int4, symmetric, groups of g', bits: 4, grouped: true, symmetric: true, granularity: 'group', ort: 'MatMulNBits' },
  'int4-asym': { id: 'int4-asym', label: 'int4, asymmetric, groups of g', bits: 4, grouped: true, symmetric: false, granularity: 'group', ort: 'MatMulNBits' },
  nf4: { id: 'nf4', label: 'NF4 (QLoRA), groups of g', bits: 4, grouped: true, symmetric: true, granularity: 'group', ort: 'simulated' },
};

export const GROUP_SIZES = [16, 32, 64, 128] as const;

export interface QuantOptions {
  /** g for the grouped formats (a power of two that divides K); default 32. */
  groupSize?: number;
  /** Range kept, as a fraction of the block's extreme values (1 = no clipping). */
  clip?: number;
}

/** A quantized W [rows, cols]: codes, one scale (and zero point) per block of each row, and ŵ. */
export interface QTensor {
  format: FormatId;
  rows: number;
  cols: number;
  /** Weights per block along a row (cols for per-tensor and per-channel). */
  block: number;
  /** Unsigned code per weight, row-major (null for fp16/bf16). */
  codes: Uint8Array | null;
  /** 16-bit patterns (fp16/bf16 only). */
  bits16: Uint16Array | null;
  /** Per (row, block) scale d (NF4: absmax m); per-tensor formats repeat the one scale. */
  scales: Float32Array;
  /** Per (row, block) zero point z (asymmetric formats; symmetric ones use 2^(b-1) and store none). */
  zeros: Uint8Array | null;
  /** ŵ: what the model computes with. */
  values: Float32Array;
  /** Bytes in the block layout above. */
  bytes: number;
  /** Weights outside their block's range that saturated at the grid's end (clip < 1 makes some). */
  clipped: number;
}

/** Bytes of one block of `format` for a W [rows, cols] (g = group size). */
export function blockBytes(format: FormatId, cols: number, g = 32, rows = 1): number {
  switch (format) {
    case 'fp16': case 'bf16': return 2;
    case 'int8': return rows * cols + 2;
    case 'int8-asym': return rows * cols + 3;
    case 'int8-channel': return cols + 2;
    case 'int8-asym-channel': return cols + 3;
    case 'int4': return 2 + g / 2;
    case 'int4-asym': return 3 + g / 2;
    case 'nf4': return nf4BlockBytes(g);
  }
}

/** Weights in one block. */
export function blockWeights(format: FormatId, cols: number, g = 32, rows = 1): number {
  const s = FORMATS[format];
  if (s.granularity === 'none') return 1;
  if (s.granularity === 'tensor') return rows * cols;
  if (s.granularity === 'channel') return cols;
  return g;
}

/** Storage bytes of a whole W [rows, cols]. */
export function tensorBytes(format: FormatId, rows: number, cols: number, g = 32): number {
  const per = blockWeights(format, cols, g, rows);
  return ((rows * cols) / per) * blockBytes(format, cols, g, rows);
}

/** Bits per weight of a W [rows, cols] (16 for fp16; 4.5 for int4 at g = 32). */
export function bitsPerWeight(format: FormatId, rows: number, cols: number, g = 32): number {
  return (tensorBytes(format, rows, cols, g) * 8) / (rows * cols);
}

const fp16Round = (x: number): number => fp16Value(fp16Bits(x));

/** Checks a group size against the format and the row length. */
export function checkGroup(format: FormatId, cols: number, g: number): void {
  if (!FORMATS[format].grouped) return;
  if (!Number.isInteger(g) || g < 2 || (g & (g - 1)) !== 0) throw new Error(`group size must be a power of two (got ${g})`);
  if (cols % g !== 0) throw new Error(`group size ${g} does not divide the row length ${cols}`);
}

/** Quantizes W [rows, cols] (row-major) to `format`. */
export function quantize(w: Float32Array, rows: number, cols: number, format: FormatId, opts: QuantOptions = {}): QTensor {
  if (w.length !== rows * cols) throw new Error(`quantize: ${w.length} values for [${rows}, ${cols}]`);
  const g = opts.groupSize ?? 32;
  const clip = opts.clip ?? 1;
  if (!(clip > 0 && clip <= 1)) throw new Error(`clip must be in (0, 1] (got ${clip})`);
  checkGroup(format, cols, g);
  const spec = FORMATS[format];
  const bytes = tensorBytes(format, rows, cols, g);
  if (spec.granularity === 'none') {
    const { bits, values } = roundTrip16(w, format as 'fp16' | 'bf16');
    return { format, rows, cols, block: 1, codes: null, bits16: bits, scales: new Float32Array(0), zeros: null, values, bytes, clipped: 0 };
  }
  const block = spec.granularity === 'group' ? g : cols;
  const nb = cols / block;
  const codes = new Uint8Array(rows * cols);
  const values = new Float32Array(rows * cols);
  const scales = new Float32Array(rows * nb);
  const zeros = spec.symmetric ? null : new Uint8Array(rows * nb);
  // the range each block's scale comes from: the block itself, or the whole tensor
  const rangeOf = (r: number, b: number): [number, number] => {
    const [from, to] = spec.granularity === 'tensor' ? [0, w.length] : [r * cols + b * block, r * cols + (b + 1) * block];
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to; i++) {
      lo = Math.min(lo, w[i]);
      hi = Math.max(hi, w[i]);
    }
    return [lo, hi];
  };
  const whole = spec.granularity === 'tensor' ? rangeOf(0, 0) : null;
  let clipped = 0;
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < nb; b++) {
      const [lo, hi] = whole ?? rangeOf(r, b);
      const k = r * nb + b;
      const start = r * cols + b * block;
      if (format === 'nf4') {
        const m = clip * Math.max(-lo, hi);
        scales[k] = m;
        for (let i = start; i < start + block; i++) {
          if (Math.abs(w[i]) > m) clipped++;
          const c = m > 0 ? nf4Code(Math.max(-1, Math.min(1, w[i] / m))) : 7;
          codes[i] = c;
          values[i] = Math.fround(NF4_LEVELS[c]) * m;
        }
      } else if (spec.symmetric) {
        const qmax = 2 ** (spec.bits - 1) - 1;
        const mid = qmax + 1;
        const d = fp16Round((clip * Math.max(-lo, hi)) / qmax);
        scales[k] = d;
        for (let i = start; i < start + block; i++) {
          const raw = d > 0 ? Math.round(w[i] / d) : 0;
          if (Math.abs(raw) > qmax) clipped++;
          const q = Math.max(-qmax, Math.min(qmax, raw));
          codes[i] = q + mid;
          values[i] = q * d;
        }
      } else {
        const top = 2 ** spec.bits - 1;
        const a = Math.min(clip * lo, 0);
        const d = fp16Round((Math.max(clip * hi, 0) - a) / top);
        const z = d > 0 ? Math.max(0, Math.min(top, Math.round(-a / d))) : 0;
        scales[k] = d;
        zeros![k] = z;
        for (let i = start; i < start + block; i++) {
          const raw = d > 0 ? Math.round(w[i] / d) + z : z;
          if (raw < 0 || raw > top) clipped++;
          const c = Math.max(0, Math.min(top, raw));
          codes[i] = c;
          values[i] = (c - z) * d;
        }
      }
    }
  }
  return { format, rows, cols, block, codes, bits16: null, scales, zeros, values, bytes, clipped };
}

/** The representable values of block k of a quantized tensor, ascending (the grid a histogram shows). */
export function blockGrid(q: QTensor, k: number): number[] {
  const spec = FORMATS[q.format];
  if (spec.granularity === 'none') return [];
  const d = q.scales[k];
  if (q.format === 'nf4') return NF4_LEVELS.map((v) => Math.fround(v) * d);
  if (spec.symmetric) {
    const qmax = 2 ** (spec.bits - 1) - 1;
    return Array.from({ length: 2 * qmax + 1 }, (_, i) => (i - qmax) * d);
  }
  const z = q.zeros![k];
  return Array.from({ length: 2 ** spec.bits }, (_, c) => (c - z) * d);
}
