/**
 * Position machinery shared by every block of a forward pass, written over Ops so the eager
 * reference and the ONNX graph compute it the same way (and the graph handles any T and any
 * cache length P without baked tables):
 *
 *   qpos  int64 [T]     P..P+T-1        kpos int64 [S]    0..S-1 (S = P + T)
 *   diff  [T, S]        kpos[j] - qpos[i]  (≤ 0 for visible keys)
 *   future bool [T, S]  diff > 0: the key lies after the query (the causal mask)
 *   hidden bool [T, S]  keys attention may not see, per cfg.attnMask (lib/model/config.ts):
 *                       causal = future; bidirectional = none; window = future or
 *                       (i - j ≥ size and j ≥ sinks); the sparse kinds (strided, dilated-window,
 *                       global-local) = future or not in their pattern, with "x mod s = 0" tested as
 *                       cos(2πx/s) > cos(π/s) (exact for integers: a non-multiple gives at most cos(2π/s))
 *   rope  cos, sin [T, hs/2]   cos(qpos·θ')·m, sin(qpos·θ')·m   (lib/model/rope.ts); also [T, hs]
 *                       full-width copies and the rotate-half matrix, built once per pass
 *   alibi [nh, T, S]    slope[h] · diff = -slope[h] · (i - j)  (lib/model/alibi.ts)
 */
import type { SparseMask, TransformerConfig } from './config';
import { headSize } from './config';
import type { Ops, SlotInputs } from './ops';
import { ropeFrequencies } from './rope';
import { alibiSlopes } from './alibi';

export interface PositionContext<V> {
  qpos: V;
  /** Keys after each query (the causal mask); absent for a step through Ops.slotAttention. */
  future?: V;
  /** Keys hidden from each query by cfg.attnMask; null = none (bidirectional). */
  hidden: V | null;
  rope?: RopeTables<V>;
  alibi?: V;
  /** A one-token step whose attention runs as Ops.slotAttention (build.ts cache 'inplace'). */
  slots?: SlotInputs<V>;
}

/** RoPE's plain-ops form: cos and sin twice over [T, hs] and the rotate-half matrix R [hs, hs]. */
export interface FullRope<V> {
  cos: V;
  sin: V;
  rot: V;
}

/**
 * cos, sin [T, hs/2] of each query position; full(): their FullRope, built on first use and then
 * shared by every layer (a graph whose RoPE runs as one fused kernel never builds it).
 */
export interface RopeTables<V> {
  cos: V;
  sin: V;
  full?: () => FullRope<V>;
}

function fullRope<V>(ops: Ops<V>, cos: V, sin: V, hs: number): FullRope<V> {
  const rot = ops.constant({ data: rotateHalfMatrix(hs), shape: [hs, hs] });
  return { cos: ops.concat([cos, cos], -1), sin: ops.concat([sin, sin], -1), rot }; // [T, hs], [T, hs], [hs, hs]
}

/** The rotate-half matrix R [hs, hs]: x·R = [-x2, x1] for x = [x1, x2] (exact: one ±1 per column). */
export function rotateHalfMatrix(hs: number): Float32Array {
  const h = hs / 2;
  const r = new Float32Array(hs * hs); // row k, column j
  for (let j = 0; j < h; j++) {
    r[(j + h) * hs + j] = -1; // out[j] = -x[j + h]
    r[j * hs + j + h] = 1; // out[j + h] = x[j]
  }
  return r;
}

/** cos / sin [T, hs/2] (times the attention scale) plus their full-width forms and R. */
function ropeTables<V>(ops: Ops<V>, angles: V, attentionScale: number, hs: number): RopeTables<V> {
  const c = ops.cos(angles), s = ops.sin(angles); // [T, hs/2]
  const cos = attentionScale === 1 ? c : ops.scale(c, attentionScale);
  const sin = attentionScale === 1 ? s : ops.scale(s, attentionScale);
  let full: FullRope<V> | undefined;
  return { cos, sin, full: () => (full ??= fullRope(ops, cos, sin, hs)) };
}

export function positionContext<V>(ops: Ops<V>, cfg: TransformerConfig, ids: V, pastKey: V | null): PositionContext<V> & { future: V } {
  const { query, key } = ops.positions(ids, pastKey); // [T], [S]
  const qf = ops.reshape(ops.toFloat(query), [-1, 1]); // [T, 1]
  const kf = ops.reshape(ops.toFloat(key), [1, -1]); // [1, S]
  const diff = ops.sub(kf, qf); // [T, S]
  const future = ops.greater(diff, 0); // [T, S]
  const ctx: PositionContext<V> & { future: V } = { qpos: query, future, hidden: hiddenKeys(ops, cfg, diff, kf, future) };
  if (cfg.position === 'rope') {
    if (!cfg.rope) throw new Error('position "rope" needs cfg.rope');
    const { invFreq, attentionScale } = ropeFrequencies(headSize(cfg), cfg.rope);
    const theta = ops.constant({ data: invFreq, shape: [1, invFreq.length] }); // [1, hs/2]
    ctx.rope = ropeTables(ops, ops.mul(qf, theta), attentionScale, headSize(cfg)); // angles [T, hs/2]
  }
  if (cfg.position === 'alibi') {
    const slopes = ops.constant({ data: alibiSlopes(cfg.nHead), shape: [cfg.nHead, 1, 1] }); // [nh, 1, 1]
    ctx.alibi = ops.mul(slopes, diff); // [nh, T, S]
  }
  return ctx;
}

/**
 * Positions of one new token against a fixed-capacity cache (build.ts cache 'step'): pos [1] is
 * the token's position p (float), visible [1, C + 1] is 1 for the keys it sees (cache slots
 * 0..p-1 and itself, the last key) and 0 for empty slots. Causal masks with RoPE or no positions only.
 */
export function stepPositionContext<V>(ops: Ops<V>, cfg: TransformerConfig, pos: V, visible: V): PositionContext<V> {
  fixedCapacityOnly(cfg);
  const hidden = ops.greater(ops.scale(visible, -1), -0.5); // [1, C + 1]  true where visible = 0
  const ctx: PositionContext<V> = { qpos: pos, future: hidden, hidden };
  if (cfg.position === 'rope') {
    const { invFreq, attentionScale } = ropeFrequencies(headSize(cfg), cfg.rope!);
    const angles = ops.mul(ops.reshape(pos, [1, 1]), ops.constant({ data: invFreq, shape: [1, invFreq.length] })); // [1, hs/2]
    ctx.rope = ropeTables(ops, angles, attentionScale, headSize(cfg));
  }
  return ctx;
}

function fixedCapacityOnly(cfg: TransformerConfig): void {
  if ((cfg.attnMask?.kind ?? 'causal') !== 'causal' || (cfg.position !== 'rope' && cfg.position !== 'none')) {
    throw new Error('a fixed-capacity step graph needs a causal mask and RoPE (or no positions)');
  }
}

/**
 * Positions of one new token over a fixed-capacity cache written in place (build.ts cache
 * 'inplace'): seqlensK int32 [1] holds its position p, total int32 [] holds p + 1. With RoPE,
 * cos/sin [C, hs/2] of every slot (times the attention scale) become constants, each entry
 * rounded as the float32 graph computes it: cos(fround(p·θ_j)), then the scale.
 */
export function slotPositionContext<V>(ops: Ops<V>, cfg: TransformerConfig, seqlensK: V, total: V): PositionContext<V> {
  fixedCapacityOnly(cfg);
  const slots: SlotInputs<V> = { seqlensK, total };
  if (cfg.position === 'rope') {
    const { invFreq, attentionScale } = ropeFrequencies(headSize(cfg), cfg.rope!);
    const C = cfg.contextLength, h = invFreq.length;
    const cos = new Float32Array(C * h), sin = new Float32Array(C * h); // [C, hs/2]
    for (let p = 0; p < C; p++) {
      for (let j = 0; j < h; j++) {
        const a = Math.fround(p * invFreq[j]);
        cos[p * h + j] = Math.fround(Math.cos(a)) * attentionScale;
        sin[p * h + j] = Math.fround(Math.sin(a)) * attentionScale;
      }
    }
    slots.cos = ops.constant({ data: cos, shape: [C, h] });
    slots.sin = ops.constant({ data: sin, shape: [C, h] });
  }
  return { qpos: seqlensK, hidden: null, slots };
}

/** Bool [T, S] of keys the mask hides (see the header); null when every key is visible. */
function hiddenKeys<V>(ops: Ops<V>, cfg: TransformerConfig, diff: V, kf: V, future: V): V | null {
  const m = cfg.attnMask ?? { kind: 'causal' };
  if (m.kind === 'bidirectional') return null;
  if (m.kind === 'causal') return future;
  if (m.kind !== 'window') return sparseHidden(ops, m, diff, kf, future);
  const far = ops.toFloat(ops.greater(ops.scale(diff, -1), m.size - 1)); // [T, S]  i - j ≥ size
  const notSink = ops.toFloat(ops.greater(kf, (m.sinks ?? 0) - 0.5)); // [1, S]  j ≥ sinks
  const either = ops.add(ops.mul(far, notSink), ops.toFloat(future)); // [T, S]  0, 1 or 2
  return ops.greater(either, 0.5); // [T, S]
}

/** 1 where x (integer-valued floats) is a multiple of s, else 0, from Ops only. */
function multipleOf<V>(ops: Ops<V>, x: V, s: number): V {
  if (s === 1) return ops.toFloat(ops.greater(ops.scale(x, 0), -1)); // all ones, x's shape
  return ops.toFloat(ops.greater(ops.cos(ops.scale(x, (2 * Math.PI) / s)), Math.cos(Math.PI / s)));
}

/** Hidden keys of a sparse kind (lib/model/config.ts SparseMask): future or outside the pattern. */
function sparseHidden<V>(ops: Ops<V>, m: SparseMask, diff: V, kf: V, future: V): V {
  const d = ops.scale(diff, -1); // [T, S]  i - j
  const near = (n: number) => ops.toFloat(ops.greater(ops.scale(d, -1), -n + 0.5)); // [T, S]  i - j < n
  let seen: V; // [T, S]  > 0.5 where the pattern keeps the key
  if (m.kind === 'strided') seen = ops.add(near(m.size), multipleOf(ops, d, m.stride));
  else if (m.kind === 'dilated-window') seen = ops.mul(near(m.size * m.dilation), multipleOf(ops, d, m.dilation));
  else seen = ops.add(ops.add(near(m.size), multipleOf(ops, kf, m.every)), multipleOf(ops, ops.add(d, kf), m.every)); // i = d + j
  const off = ops.toFloat(ops.greater(ops.scale(seen, -1), -0.5)); // [T, S]  pattern drops it
  return ops.greater(ops.add(off, ops.toFloat(future)), 0.5); // [T, S]
}

/**
 * Rotate-half RoPE on x [1, n, T, hs]: with x1 = x[..., :hs/2], x2 = x[..., hs/2:],
 * out = [x1·cos - x2·sin, x2·cos + x1·sin] = x ⊙ [cos, cos] + (x·R) ⊙ [sin, sin], R the
 * rotate-half matrix (x·R = [-x2, x1], exact). Four ops per call instead of nine slices and
 * halves: a graph dispatches fewer kernels, and the values are the same bit for bit.
 */
export function applyRope<V>(ops: Ops<V>, x: V, rope: RopeTables<V>, hs: number): V {
  const fused = ops.rotary?.(x, rope.cos, rope.sin, hs); // one kernel where the Ops has one (GraphOps fused, one token)
  if (fused) return fused;
  const full = rope.full?.() ?? fullRope(ops, rope.cos, rope.sin, hs);
  return ops.add(ops.mul(x, full.cos), ops.mul(ops.matmul(x, full.rot), full.sin)); // [1, n, T, hs]
}

/**
 * Sinusoidal table rows for positions qpos (Vaswani et al. 2017): PE[p, 2j] = sin(p·ω_j),
 * PE[p, 2j+1] = cos(p·ω_j), ω_j = 10000^(-2j/C). Returns [T, C].
 */
export function sinusoidal<V>(ops: Ops<V>, qpos: V, C: number): V {
  if (C % 2 !== 0) throw new Error(`sinusoidal positions need an even dModel (got ${C})`);
  const omega = Float32Array.from({ length: C / 2 }, (_, j) => Math.pow(10000, (-2 * j) / C));
  const p = ops.reshape(ops.toFloat(qpos), [-1, 1]); // [T, 1]
  const ang = ops.mul(p, ops.constant({ data: omega, shape: [1, C / 2] })); // [T, C/2]
  const s = ops.reshape(ops.sin(ang), [-1, C / 2, 1]); // [T, C/2, 1]
  const c = ops.reshape(ops.cos(ang), [-1, C / 2, 1]); // [T, C/2, 1]
  return ops.reshape(ops.concat([s, c], -1), [-1, C]); // [T, C]  (sin, cos interleaved)
}
