/**
 * Row-wise kernels over the last axis: softmax and the two normalizations.
 *
 *   softmax(x)[i] = exp(x[i] - max) / Σ exp(x[j] - max)       (max subtracted for stability;
 *                                                              -∞ entries get probability 0)
 *   layerNorm(x, w, b) = (x - mean) / sqrt(var + eps) · w + b  (var is the biased variance)
 *   rmsNorm(x, w)      = x / sqrt(mean(x²) + eps) · w
 *
 * Example: softmax([0, ln 3]) = [0.25, 0.75].
 */
import type { Tensor } from './tensor';

export function softmax(x: Tensor): Tensor {
  const n = x.shape[x.shape.length - 1];
  const out = new Float32Array(x.data.length);
  for (let r = 0; r < x.data.length; r += n) {
    let m = -Infinity;
    for (let i = 0; i < n; i++) if (x.data[r + i] > m) m = x.data[r + i];
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = Math.exp(x.data[r + i] - m);
      out[r + i] = e;
      s += e;
    }
    for (let i = 0; i < n; i++) out[r + i] /= s;
  }
  return { data: out, shape: [...x.shape] };
}

export function layerNorm(x: Tensor, w: Tensor, b: Tensor | undefined, eps: number): Tensor {
  const n = x.shape[x.shape.length - 1];
  if (w.data.length !== n) throw new Error(`layerNorm: weight [${w.shape}] does not fit x [${x.shape}]`);
  const out = new Float32Array(x.data.length);
  for (let r = 0; r < x.data.length; r += n) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x.data[r + i];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x.data[r + i] - mean) ** 2;
    const inv = 1 / Math.sqrt(v / n + eps);
    for (let i = 0; i < n; i++) out[r + i] = (x.data[r + i] - mean) * inv * w.data[i] + (b ? b.data[i] : 0);
  }
  return { data: out, shape: [...x.shape] };
}

export function rmsNorm(x: Tensor, w: Tensor, eps: number): Tensor {
  const n = x.shape[x.shape.length - 1];
  if (w.data.length !== n) throw new Error(`rmsNorm: weight [${w.shape}] does not fit x [${x.shape}]`);
  const out = new Float32Array(x.data.length);
  for (let r = 0; r < x.data.length; r += n) {
    let ms = 0;
    for (let i = 0; i < n; i++) ms += x.data[r + i] ** 2;
    const inv = 1 / Math.sqrt(ms / n + eps);
    for (let i = 0; i < n; i++) out[r + i] = x.data[r + i] * inv * w.data[i];
  }
  return { data: out, shape: [...x.shape] };
}
