/**
 * Independent float64 forward references for the gradient checks: plain loops written from the
 * op definitions (not lib/tensor), so a central finite difference of Σ r ⊙ f(x) is accurate to
 * ~1e-9 and the check measures only the float32 backward rule under test.
 */
export interface T64 {
  d: Float64Array;
  s: number[];
}

export const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
const strides = (s: readonly number[]): number[] => s.map((_, i) => size(s.slice(i + 1)));

function bshape(a: readonly number[], b: readonly number[]): number[] {
  const r = Math.max(a.length, b.length);
  return Array.from({ length: r }, (_, i) => {
    const x = a[a.length - r + i] ?? 1;
    const y = b[b.length - r + i] ?? 1;
    return x === 1 ? y : x;
  });
}

/** Flat index into `s` of the multi-index idx of the broadcast shape `out`. */
function at(s: readonly number[], out: readonly number[], idx: readonly number[]): number {
  const st = strides(s);
  const off = out.length - s.length;
  let o = 0;
  for (let i = 0; i < s.length; i++) o += (s[i] === 1 ? 0 : idx[i + off]) * st[i];
  return o;
}

function unravel(i: number, s: readonly number[]): number[] {
  const st = strides(s);
  return s.map((_, d) => Math.floor(i / st[d]) % s[d]);
}

export function binary(a: T64, b: T64, f: (x: number, y: number) => number): T64 {
  const s = bshape(a.s, b.s);
  const d = new Float64Array(size(s));
  for (let i = 0; i < d.length; i++) {
    const idx = unravel(i, s);
    d[i] = f(a.d[at(a.s, s, idx)], b.d[at(b.s, s, idx)]);
  }
  return { d, s };
}

export const map = (a: T64, f: (x: number) => number): T64 => ({ d: a.d.map(f), s: a.s });

/** Batched a·b (or a·bᵀ) with broadcast batch dims. */
export function matmul(a: T64, b: T64, transB = false): T64 {
  const [M, K] = a.s.slice(-2);
  const N = transB ? b.s[b.s.length - 2] : b.s[b.s.length - 1];
  const batch = bshape(a.s.slice(0, -2), b.s.slice(0, -2));
  const s = [...batch, M, N];
  const d = new Float64Array(size(s));
  for (let bi = 0; bi < size(batch); bi++) {
    const idx = unravel(bi, batch);
    const oa = at(a.s.slice(0, -2), batch, idx) * M * K;
    const ob = at(b.s.slice(0, -2), batch, idx) * K * N;
    for (let i = 0; i < M; i++)
      for (let j = 0; j < N; j++) {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += a.d[oa + i * K + k] * (transB ? b.d[ob + j * K + k] : b.d[ob + k * N + j]);
        d[bi * M * N + i * N + j] = acc;
      }
  }
  return { d, s };
}

/** Applies f to each row of the last axis. */
export function rows(a: T64, f: (row: Float64Array) => ArrayLike<number>): T64 {
  const n = a.s[a.s.length - 1];
  const d = new Float64Array(a.d.length);
  for (let r = 0; r < a.d.length; r += n) d.set(f(a.d.subarray(r, r + n)), r);
  return { d, s: a.s };
}

export const softmax = (a: T64): T64 =>
  rows(a, (x) => {
    const m = Math.max(...x);
    const e = x.map((v) => Math.exp(v - m));
    const z = e.reduce((p, q) => p + q, 0);
    return e.map((v) => v / z);
  });

export const layerNorm = (a: T64, w: T64, b: T64 | null, eps: number): T64 =>
  rows(a, (x) => {
    const n = x.length;
    const mu = x.reduce((p, q) => p + q, 0) / n;
    const v = x.reduce((p, q) => p + (q - mu) ** 2, 0) / n;
    return x.map((q, i) => ((q - mu) / Math.sqrt(v + eps)) * w.d[i] + (b ? b.d[i] : 0));
  });

export const rmsNorm = (a: T64, w: T64, eps: number): T64 =>
  rows(a, (x) => {
    const ms = x.reduce((p, q) => p + q * q, 0) / x.length;
    return x.map((q, i) => (q / Math.sqrt(ms + eps)) * w.d[i]);
  });

const K = Math.sqrt(2 / Math.PI);
export const gelu = (v: number): number => 0.5 * v * (1 + Math.tanh(K * (v + 0.044715 * v ** 3)));
export const silu = (v: number): number => v / (1 + Math.exp(-v));

export function transpose(a: T64, perm: number[]): T64 {
  const s = perm.map((p) => a.s[p]);
  const d = new Float64Array(a.d.length);
  const st = strides(a.s);
  for (let i = 0; i < d.length; i++) {
    const idx = unravel(i, s);
    d[i] = a.d[idx.reduce((o, v, k) => o + v * st[perm[k]], 0)];
  }
  return { d, s };
}

/** Elements [start, end) of `axis`. */
export function slice(a: T64, axis: number, start: number, end: number): T64 {
  const s = [...a.s];
  s[axis] = end - start;
  const d = new Float64Array(size(s));
  for (let i = 0; i < d.length; i++) {
    const idx = unravel(i, s);
    idx[axis] += start;
    d[i] = a.d[at(a.s, a.s, idx)];
  }
  return { d, s };
}

export function concat(xs: T64[], axis: number): T64 {
  const s = [...xs[0].s];
  s[axis] = xs.reduce((p, x) => p + x.s[axis], 0);
  const d = new Float64Array(size(s));
  for (let i = 0; i < d.length; i++) {
    const idx = unravel(i, s);
    let j = 0;
    while (idx[axis] >= xs[j].s[axis]) idx[axis] -= xs[j++].s[axis];
    d[i] = xs[j].d[at(xs[j].s, xs[j].s, idx)];
  }
  return { d, s };
}

export function gather(table: T64, ids: number[]): T64 {
  const w = table.d.length / table.s[0];
  const d = new Float64Array(ids.length * w);
  ids.forEach((id, i) => d.set(table.d.subarray(id * w, (id + 1) * w), i * w));
  return { d, s: [ids.length, ...table.s.slice(1)] };
}

/** Mean over rows of −log softmax(row)[target]. */
export function crossEntropy(z: T64, targets: number[]): number {
  const V = z.s[z.s.length - 1];
  let tot = 0;
  targets.forEach((t, r) => {
    const row = z.d.subarray(r * V, (r + 1) * V);
    const m = Math.max(...row);
    tot += m + Math.log(row.reduce((p, q) => p + Math.exp(q - m), 0)) - row[t];
  });
  return tot / targets.length;
}
