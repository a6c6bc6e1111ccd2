/**
 * Backward kernels: given the upstream gradient g = ∂L/∂y of an op's output y, the gradient with
 * respect to its input(s). Flat Float32Arrays, row-major, plain loops (no per-element closures).
 *
 *   sumTo         broadcasting's adjoint: sum g over the axes that were broadcast
 *   softmaxBack   dx = y ⊙ (g − Σⱼ gⱼ yⱼ)                          (per row of the last axis)
 *   layerNormBack x̂ = (x − μ)·r, r = 1/√(σ² + ε), y = x̂ ⊙ w + b:
 *                 dx = r/n · (n·ĝ − Σĝ − x̂ Σ ĝ⊙x̂) with ĝ = g ⊙ w;  dw = Σ_rows g ⊙ x̂;  db = Σ_rows g
 *   rmsNormBack   r = 1/√(mean(x²) + ε), y = x·r ⊙ w:
 *                 dx = r·ĝ − x·r³·(Σ ĝ⊙x)/n;  dw = Σ_rows g ⊙ x·r
 *   geluBack      d/dx of 0.5x(1 + tanh u), u = k(x + 0.044715x³), k = √(2/π):
 *                 0.5(1 + tanh u) + 0.5x(1 − tanh²u)·k(1 + 3·0.044715x²)
 *   siluBack      d/dx x·σ(x) = σ(x)(1 + x(1 − σ(x)))
 *   sliceBack     zeros with g written back into [start, end) of the axis
 *   gatherBack    scatter-add: dtable[id] += g[row]     (rows hit twice get both contributions)
 *   softplusBack  d/dx log(1 + eˣ) = σ(x)
 *   cumsum        inclusive cumulative sum along an axis; its adjoint is the same sum run backwards
 *
 * Example: softmaxBack(y = [0.25, 0.75], g = [1, 0]) = [0.1875, −0.1875].
 */
import { broadcastStrides, size } from '@/lib/tensor';

/** Sums g (shape `from`) down to `to`, the shape it was broadcast from (NumPy rules). */
export function sumTo(g: Float32Array, from: readonly number[], to: readonly number[]): Float32Array {
  const n = size(to);
  if (n === g.length) return g;
  const out = new Float32Array(n);
  // Fast path: `to` is a trailing block repeated along leading axes ([C] → [T, C]).
  if (sameTail(to, from)) {
    for (let i = 0; i < g.length; i++) out[i % n] += g[i];
    return out;
  }
  const st = broadcastStrides(to, from);
  const idx = new Array<number>(from.length).fill(0);
  let o = 0;
  for (let i = 0; i < g.length; i++) {
    out[o] += g[i];
    for (let d = from.length - 1; d >= 0; d--) {
      o += st[d];
      if (++idx[d] < from[d]) break;
      o -= st[d] * from[d];
      idx[d] = 0;
    }
  }
  return out;
}

function firstNonOne(s: readonly number[]): number {
  let i = 0;
  while (i < s.length && s[i] === 1) i++;
  return i;
}

export function softmaxBack(y: Float32Array, g: Float32Array, n: number): Float32Array {
  const dx = new Float32Array(y.length);
  for (let r = 0; r < y.length; r += n) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += g[r + i] * y[r + i];
    for (let i = 0; i < n; i++) dx[r + i] = y[r + i] * (g[r + i] - dot);
  }
  return dx;
}

export interface NormGrads {
  dx: Float32Array;
  dw: Float32Array;
  db: Float32Array | null;
}

export function layerNormBack(x: Float32Array, w: Float32Array, g: Float32Array, eps: number, withBias: boolean): NormGrads {
  const n = w.length;
  const dx = new Float32Array(x.length);
  const dw = new Float32Array(n);
  const db = withBias ? new Float32Array(n) : null;
  const xh = new Float64Array(n);
  for (let r = 0; r < x.length; r += n) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[r + i];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[r + i] - mean) ** 2;
    const inv = 1 / Math.sqrt(v / n + eps);
    let sg = 0;
    let sgx = 0;
    for (let i = 0; i < n; i++) {
      xh[i] = (x[r + i] - mean) * inv;
      const gi = g[r + i];
      const gw = gi * w[i];
      sg += gw;
      sgx += gw * xh[i];
      dw[i] += gi * xh[i];
      if (db) db[i] += gi;
    }
    for (let i = 0; i < n; i++) dx[r + i] = (inv / n) * (n * g[r + i] * w[i] - sg - xh[i] * sgx);
  }
  return { dx, dw, db };
}

export function rmsNormBack(x: Float32Array, w: Float32Array, g: Float32Array, eps: number): NormGrads {
  const n = w.length;
  const dx = new Float32Array(x.length);
  const dw = new Float32Array(n);
  for (let r = 0; r < x.length; r += n) {
    let ms = 0;
    for (let i = 0; i < n; i++) ms += x[r + i] * x[r + i];
    const inv = 1 / Math.sqrt(ms / n + eps);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const gi = g[r + i];
      s += gi * w[i] * x[r + i];
      dw[i] += gi * x[r + i] * inv;
    }
    const c = (inv * inv * inv * s) / n;
    for (let i = 0; i < n; i++) dx[r + i] = inv * g[r + i] * w[i] - x[r + i] * c;
  }
  return { dx, dw, db: null };
}

const GELU_K = Math.sqrt(2 / Math.PI);

export function geluBack(x: Float32Array, g: Float32Array): Float32Array {
  const dx = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const t = Math.tanh(GELU_K * (v + 0.044715 * v * v * v));
    dx[i] = g[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * GELU_K * (1 + 3 * 0.044715 * v * v));
  }
  return dx;
}

export function siluBack(x: Float32Array, g: Float32Array): Float32Array {
  const dx = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const s = 1 / (1 + Math.exp(-x[i]));
    dx[i] = g[i] * s * (1 + x[i] * (1 - s));
  }
  return dx;
}

/** The adjoint of slice(x [shape], axis, s, s + len): g has `len` along `axis`. */
export function sliceBack(g: Float32Array, shape: readonly number[], axis: number, s: number, len: number): Float32Array {
  const dx = new Float32Array(size(shape));
  const outer = size(shape.slice(0, axis));
  const inner = size(shape.slice(axis + 1));
  const full = shape[axis];
  for (let o = 0; o < outer; o++) dx.set(g.subarray(o * len * inner, (o + 1) * len * inner), (o * full + s) * inner);
  return dx;
}

/** dtable [R, w] += rows of g [n, w] at ids (n ids). */
export function gatherBack(g: Float32Array, ids: ArrayLike<number | bigint>, rows: number, w: number): Float32Array {
  const dt = new Float32Array(rows * w);
  for (let i = 0; i < ids.length; i++) {
    const o = Number(ids[i]) * w;
    for (let j = 0; j < w; j++) dt[o + j] += g[i * w + j];
  }
  return dt;
}

/** dx = g where the (broadcast) mask is false, 0 where a constant was written. */
export function whereBack(cond: Uint8Array, condShape: readonly number[], g: Float32Array, shape: readonly number[]): Float32Array {
  const dx = g.slice();
  const m = cond.length;
  if (m === g.length || (g.length % m === 0 && sameTail(condShape, shape))) {
    for (let i = 0; i < g.length; i++) if (cond[i % m]) dx[i] = 0;
    return dx;
  }
  throw new Error(`whereBack: mask [${condShape}] must match the trailing dims of [${shape}]`);
}

function sameTail(small: readonly number[], full: readonly number[]): boolean {
  const s = small.slice(firstNonOne(small));
  return s.every((d, i) => d === full[full.length - s.length + i]);
}

export function softplusBack(x: Float32Array, g: Float32Array): Float32Array {
  const dx = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) dx[i] = g[i] / (1 + Math.exp(-x[i]));
  return dx;
}

/** Inclusive cumulative sum of x [shape] along `axis`; `reverse` sums from the end (the adjoint). */
export function cumsum(x: Float32Array, shape: readonly number[], axis: number, reverse: boolean): Float32Array {
  const n = shape[axis];
  const inner = size(shape.slice(axis + 1));
  const outer = size(shape.slice(0, axis));
  const out = new Float32Array(x.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = 0;
      for (let jj = 0; jj < n; jj++) {
        const j = reverse ? n - 1 - jj : jj;
        const at = (o * n + j) * inner + i;
        acc += x[at];
        out[at] = acc;
      }
    }
  }
  return out;
}
