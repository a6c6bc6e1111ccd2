/**
 * FlashAttention's forward pass (Dao et al. 2022, "FlashAttention: Fast and Memory-Efficient Exact
 * Attention with IO-Awareness", Algorithm 1) in plain TypeScript, next to ordinary attention, so a
 * lesson can step through the blocks and show that the two agree up to rounding.
 *
 *   Q, K, V  [N, d] row-major      S = Q Kᵀ / √d  [N, N]      O = softmax(S) V  [N, d]
 *
 * Tiling: rows in blocks of Br (Q, O, m, l), columns in blocks of Bc (K, V). Outer loop over the
 * K/V blocks j, inner loop over the Q blocks i, as in Algorithm 1. For block (i, j):
 *   S_ij = Q_i K_jᵀ/√d          m̃ = rowmax(S_ij)     P̃ = exp(S_ij − m̃)     l̃ = rowsum(P̃)
 *   m_new = max(m_i, m̃)         l_new = e^{m_i − m_new} l_i + e^{m̃ − m_new} l̃
 *   O_i ← (l_i e^{m_i − m_new} O_i + e^{m̃ − m_new} P̃ V_j) / l_new
 * the online softmax (Milakov & Gimelshein 2018): a running max m and running sum l per row, and
 * every earlier partial result rescaled when the max grows. Never is an N×N matrix stored.
 *
 * Masked entries (causal: key after query) are −∞ before the max; a row whose entries in a block
 * are all masked leaves its m, l, O unchanged. Computed in float64; with float32: true, every stored
 * value (S, P̃, O, l) is rounded to float32 as a GPU kernel would keep it.
 *
 * Memory traffic (HBM reads + writes, in elements), Theorem 2 of the paper: standard attention
 * Θ(Nd + N²), FlashAttention Θ(N²d²/M) for an SRAM of M elements. The concrete counts below follow
 * Algorithm 0 (standard) and Algorithm 1 (tiled) line by line; see hbmTraffic.
 */

export interface Attn {
  q: ArrayLike<number>;
  k: ArrayLike<number>;
  v: ArrayLike<number>;
  /** N: rows (tokens). */
  n: number;
  /** d: head size. */
  d: number;
  causal?: boolean;
}

/** Ordinary attention: softmax(QKᵀ/√d + mask) V, the whole N×N matrix at once. Returns O [N, d]. */
export function naiveAttention(a: Attn): Float64Array {
  const { q, k, v, n, d } = a;
  const scale = 1 / Math.sqrt(d);
  const out = new Float64Array(n * d);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const last = a.causal ? i : n - 1;
    let m = -Infinity;
    for (let j = 0; j <= last; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += q[i * d + c] * k[j * d + c];
      s[j] = dot * scale;
      if (s[j] > m) m = s[j];
    }
    let z = 0;
    for (let j = 0; j <= last; j++) z += (s[j] = Math.exp(s[j] - m));
    for (let j = 0; j <= last; j++) {
      const p = s[j] / z;
      for (let c = 0; c < d; c++) out[i * d + c] += p * v[j * d + c];
    }
  }
  return out;
}

/** One step of the tiled loop: block (i, j) and the running statistics of its rows after it. */
export interface BlockStep {
  /** Q-block and K/V-block index. */
  i: number;
  j: number;
  /** Rows [r0, r1) and columns [c0, c1) the block covers. */
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  /** Every entry masked (a causal block above the diagonal): nothing changes. */
  skipped: boolean;
  /** Per row of the block: m and l before and after the step (length r1 − r0). */
  mBefore: number[];
  mAfter: number[];
  lBefore: number[];
  lAfter: number[];
}

export interface FlashResult {
  out: Float64Array;
  /** Final running max and sum per row: m = max_j S_rj, l = Σ_j exp(S_rj − m). */
  m: Float64Array;
  l: Float64Array;
  steps: BlockStep[];
}

/** Tiled attention with the online softmax over Br×Bc blocks (see the header). */
export function flashAttention(a: Attn, br: number, bc: number, opts: { float32?: boolean } = {}): FlashResult {
  const fr: (x: number) => number = opts.float32 ? Math.fround : (x) => x; // float32: round what a GPU stores
  const { q, k, v, n, d } = a;
  if (!(br >= 1 && bc >= 1)) throw new Error(`block sizes must be ≥ 1 (got ${br}×${bc})`);
  const scale = 1 / Math.sqrt(d);
  const out = new Float64Array(n * d);
  const m = new Float64Array(n).fill(-Infinity);
  const l = new Float64Array(n);
  const steps: BlockStep[] = [];
  const tr = Math.ceil(n / br), tc = Math.ceil(n / bc);
  const sRow = new Float64Array(bc);
  for (let j = 0; j < tc; j++) {
    const c0 = j * bc, c1 = Math.min(n, c0 + bc);
    for (let i = 0; i < tr; i++) {
      const r0 = i * br, r1 = Math.min(n, r0 + br);
      const step: BlockStep = { i, j, r0, r1, c0, c1, skipped: !!a.causal && c0 > r1 - 1, mBefore: [], mAfter: [], lBefore: [], lAfter: [] };
      for (let r = r0; r < r1; r++) {
        step.mBefore.push(m[r]);
        step.lBefore.push(l[r]);
        const last = a.causal ? Math.min(c1 - 1, r) : c1 - 1;
        if (last >= c0) {
          let mt = -Infinity; // m̃: this block's row max
          for (let c = c0; c <= last; c++) {
            let dot = 0;
            for (let x = 0; x < d; x++) dot += q[r * d + x] * k[c * d + x];
            sRow[c - c0] = fr(dot * scale);
            if (sRow[c - c0] > mt) mt = sRow[c - c0];
          }
          let lt = 0; // l̃
          for (let c = c0; c <= last; c++) lt += (sRow[c - c0] = fr(Math.exp(sRow[c - c0] - mt)));
          const mNew = Math.max(m[r], mt);
          const oldW = m[r] === -Infinity ? 0 : Math.exp(m[r] - mNew) * l[r];
          const newW = Math.exp(mt - mNew);
          const lNew = oldW + newW * lt;
          for (let x = 0; x < d; x++) {
            let pv = 0;
            for (let c = c0; c <= last; c++) pv += sRow[c - c0] * v[c * d + x];
            out[r * d + x] = fr((oldW * out[r * d + x] + newW * pv) / lNew);
          }
          m[r] = mNew;
          l[r] = fr(lNew);
        }
        step.mAfter.push(m[r]);
        step.lAfter.push(l[r]);
      }
      steps.push(step);
    }
  }
  return { out, m, l, steps };
}

/** max |a − b| over two equal-length arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length}`);
  let m = 0;
  for (let x = 0; x < a.length; x++) m = Math.max(m, Math.abs(a[x] - b[x]));
  return m;
}

export interface Traffic {
  /** Elements read from and written to HBM. */
  reads: number;
  writes: number;
  total: number;
}

export interface TrafficComparison {
  standard: Traffic;
  flash: Traffic & { br: number; bc: number; tr: number; tc: number };
}

/**
 * HBM accesses (elements) of one head's attention forward for N tokens, head size d, SRAM of M
 * elements (Dao et al. 2022):
 *   Algorithm 0 (standard): read Q, K (2Nd), write S (N²); read S (N²), write P (N²); read P, V
 *     (N² + Nd), write O (Nd). reads = 3Nd + 2N², writes = Nd + 2N², total 4Nd + 4N².
 *   Algorithm 1 (FlashAttention): Bc = ⌈M/4d⌉, Br = min(⌈M/4d⌉, d), Tc = ⌈N/Bc⌉;
 *     initialise O, l, m in HBM (writes Nd + 2N); K and V read once (2Nd); in each of the Tc
 *     outer iterations every Q_i, O_i, l_i, m_i is read (2Nd + 2N) and O_i, l_i, m_i written
 *     (Nd + 2N). reads = 2Nd + Tc(2Nd + 2N), writes = Nd + 2N + Tc(Nd + 2N).
 * Example N = 8, d = 2, M = 16: standard 176 + 144 = 320; Bc = Br = 2, Tc = 4, flash 224 + 160 = 384
 * (so tiling pays only once N²/d² outgrows M: see the lesson).
 */
export function hbmTraffic(N: number, d: number, M: number): TrafficComparison {
  if (!(N >= 1 && d >= 1 && M >= 4 * d)) throw new Error(`hbmTraffic needs N, d ≥ 1 and M ≥ 4d (got N=${N}, d=${d}, M=${M})`);
  const sr = 3 * N * d + 2 * N * N, sw = N * d + 2 * N * N;
  const bc = Math.ceil(M / (4 * d)), br = Math.min(bc, d);
  const tr = Math.ceil(N / br), tc = Math.ceil(N / bc);
  const fr = 2 * N * d + tc * (2 * N * d + 2 * N);
  const fw = N * d + 2 * N + tc * (N * d + 2 * N);
  return { standard: { reads: sr, writes: sw, total: sr + sw }, flash: { reads: fr, writes: fw, total: fr + fw, br, bc, tr, tc } };
}
