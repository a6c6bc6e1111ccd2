/**
 * GradOps: Ops that compute like EagerOps (same lib/tensor kernels, float32) AND record a tape,
 * so the one model function (lib/model/transformer.ts) yields gradients without being rewritten:
 *
 *   const ops = new GradOps(weights, { trainable: (n) => n.includes('.lora_') });
 *   const { logits } = transformer(ops, cfg, ops.ids(ids));       // forward, recorded
 *   const loss = ops.crossEntropy(logits, targets);                // scalar Var
 *   ops.backward(loss);
 *   ops.grads();                                                   // Map name → ∂loss/∂weight
 *
 * The rule per op (backward kernels in grad-kernels.ts; g = ∂L/∂y):
 *   matmul  y = a·b     da = g·bᵀ, db = aᵀ·g (transB: db = gᵀ·a), batch-broadcast axes summed
 *   linear  y = x·Wᵀ+b  dx = g·W, dW = gᵀ·x, db = Σ_rows g
 *   add/sub/mul         g (−g) / g⊙b, g⊙a, each summed back to its input's shape
 *   scale, sin, cos     g·s, g·cos x, −g·sin x
 *   softmax, layerNorm, rmsNorm, gelu, silu        see grad-kernels.ts
 *   reshape / transpose / concat / slice / expand   the adjoint layout op (inverse perm, split,
 *                       zero-pad, sum over broadcast axes); gather: scatter-add into the table
 *   where(cond, c, x)   g where cond is false, 0 where the constant was written (causal mask)
 *   exp, softplus       g·eˣ, g·σ(x);  cumsum along an axis: the reversed cumulative sum of g
 *   greater, positions  no gradient (masks, ids; MoE's top-k choice is a constant of the step)
 * RoPE (mul/sub/add/slice/concat with constant cos, sin) therefore backpropagates as the inverse
 * rotation, and GQA's repeat (expand) as a sum over each head group, with no rule of their own.
 *
 * Weights are leaves: one Var per name, so a tied weight (tok_emb as embedding and LM head)
 * sums both uses. Only names `trainable` accepts get gradients; frozen ones cost no dW matmul.
 */
import * as k from '@/lib/tensor';
import type { AnyTensor, Tensor } from '@/lib/tensor';
import type { WeightMap } from '@/lib/model/eager';
import { wantsTap, type Ops, type TapFilter } from '@/lib/model/ops';
import { crossEntropy } from './loss';
import { cumsum, gatherBack, geluBack, layerNormBack, rmsNormBack, siluBack, sliceBack, softmaxBack, softplusBack, sumTo, whereBack } from './grad-kernels';
import { accumulate, fdata, ften, leaf, Tape, type Var } from './tape';

export interface GradOptions {
  /** Which weights get gradients (default: all). */
  trainable?: (name: string) => boolean;
  taps?: TapFilter;
}

export class GradOps implements Ops<Var> {
  readonly kind = 'eager';
  readonly tape = new Tape();
  readonly trace = new Map<string, AnyTensor>();
  private readonly params = new Map<string, Var>();
  private readonly trainable: (name: string) => boolean;
  private readonly taps: TapFilter;

  constructor(private readonly weights: WeightMap, opts: GradOptions = {}) {
    this.trainable = opts.trainable ?? (() => true);
    this.taps = opts.taps ?? false;
  }

  /** Wraps int64 token ids [1, T] as a Var for transformer(). */
  ids(t: AnyTensor): Var {
    return leaf(t);
  }

  /** ∂L/∂w of every trainable weight the forward touched (zeros when none reached it). */
  grads(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const [name, v] of this.params) if (v.needsGrad) out.set(name, v.grad ?? new Float32Array(v.value.data.length));
    return out;
  }

  /** Backpropagates from a scalar loss (or from any output with ∂L/∂out = seed). */
  backward(loss: Var, seed?: Float32Array): void {
    this.tape.backward(loss, seed);
  }

  /** Mean next-token cross-entropy of logits [..., V] against one target per row (loss.ts). */
  crossEntropy(logits: Var, targets: ArrayLike<number>, ignoreIndex = -1): Var {
    const { loss, dlogits } = crossEntropy(ften(logits), targets, ignoreIndex);
    return this.node({ data: Float32Array.of(loss), shape: [] }, [logits], (g) => {
      const s = g[0];
      if (s !== 1) for (let i = 0; i < dlogits.length; i++) dlogits[i] *= s;
      accumulate(logits, dlogits, true);
    });
  }

  private node(value: AnyTensor, inputs: Var[], back: (g: Float32Array) => void): Var {
    const out: Var = { value, needsGrad: inputs.some((i) => i.needsGrad), grad: null };
    return this.tape.record(out, back);
  }

  // --- sources
  param(name: string): Var {
    let v = this.params.get(name);
    if (!v) {
      const w = this.weights.get(name);
      if (!w) throw new Error(`Missing weight "${name}" (have ${this.weights.size} weights: ${[...this.weights.keys()].slice(0, 6).join(', ')}…)`);
      v = leaf(w, this.trainable(name));
      this.params.set(name, v);
    }
    return v;
  }
  constant(t: Tensor): Var {
    return leaf(t);
  }
  positions(ids: Var, pastKey: Var | null): { query: Var; key: Var } {
    const T = ids.value.shape[ids.value.shape.length - 1];
    const P = pastKey ? pastKey.value.shape[2] : 0;
    const query = { data: BigInt64Array.from({ length: T }, (_, i) => BigInt(P + i)), shape: [T] };
    const key = { data: BigInt64Array.from({ length: P + T }, (_, i) => BigInt(i)), shape: [P + T] };
    return { query: leaf(query), key: leaf(key) };
  }

  // --- layout
  reshape(x: Var, shape: number[]): Var {
    return this.node(k.reshape(x.value, shape), [x], (g) => accumulate(x, g));
  }
  transpose(x: Var, perm: number[]): Var {
    const y = k.transpose(x.value, perm);
    const inv = perm.map((_, i) => perm.indexOf(i));
    return this.node(y, [x], (g) => accumulate(x, k.transpose({ data: g, shape: y.shape }, inv).data, true));
  }
  concat(xs: Var[], axis: number): Var {
    const y = k.concat(xs.map((x) => x.value), axis);
    const ax = k.axisOf(axis, y.shape.length);
    return this.node(y, xs, (g) => {
      let s = 0;
      for (const x of xs) {
        const n = x.value.shape[ax];
        if (x.needsGrad) accumulate(x, k.slice({ data: g, shape: y.shape }, ax, s, s + n).data, true);
        s += n;
      }
    });
  }
  slice(x: Var, axis: number, start: number, end: number): Var {
    const y = k.slice(x.value, axis, start, end);
    const ax = k.axisOf(axis, x.value.shape.length);
    const len = x.value.shape[ax];
    const s = Math.max(0, Math.min(len, start < 0 ? start + len : start));
    return this.node(y, [x], (g) => accumulate(x, sliceBack(g, x.value.shape, ax, s, y.shape[ax]), true));
  }
  gather(table: Var, ids: Var): Var {
    const t = ften(table);
    const y = k.gather(t, ids.value);
    return this.node(y, [table], (g) => {
      const w = t.data.length / t.shape[0];
      accumulate(table, gatherBack(g, ids.value.data as ArrayLike<number | bigint>, t.shape[0], w), true);
    });
  }
  expand(x: Var, shape: number[]): Var {
    const y = k.expand(ften(x), shape);
    return this.node(y, [x], (g) => accumulate(x, sumTo(g, y.shape, x.value.shape)));
  }
  toFloat(x: Var): Var {
    return this.node(k.toFloat(x.value), [x], (g) => accumulate(x, g));
  }

  // --- math
  matmul(a: Var, b: Var, opts: { transB?: boolean } = {}): Var {
    const A = ften(a);
    const B = ften(b);
    const transB = opts.transB ?? false;
    const y = k.matmul(A, B, { transB });
    return this.node(y, [a, b], (g) => {
      const G = { data: g, shape: y.shape };
      if (a.needsGrad) {
        const da = transB ? k.matmul(G, B) : k.matmul(G, B, { transB: true }); // [..., M, K]
        accumulate(a, sumTo(da.data, da.shape, A.shape), true);
      }
      if (b.needsGrad) {
        const db = transB ? k.matmul(G, A, { transA: true }) : k.matmul(A, G, { transA: true }); // b's layout
        accumulate(b, sumTo(db.data, db.shape, B.shape), true);
      }
    });
  }
  linear(x: Var, w: Var, b?: Var): Var {
    const X = ften(x);
    const W = ften(w);
    const y = k.linear(X, W, b && ften(b));
    const [out, inF] = W.shape;
    const rows = X.data.length / inF;
    return this.node(y, b ? [x, w, b] : [x, w], (g) => {
      const G = { data: g, shape: [rows, out] };
      if (x.needsGrad) accumulate(x, k.matmul(G, W).data, true); // [rows, in]
      if (w.needsGrad) accumulate(w, k.matmul(G, { data: X.data, shape: [rows, inF] }, { transA: true }).data, true); // [out, in]
      if (b?.needsGrad) {
        const db = new Float32Array(out);
        for (let r = 0; r < rows; r++) for (let o = 0; o < out; o++) db[o] += g[r * out + o];
        accumulate(b, db, true);
      }
    });
  }
  add(a: Var, b: Var): Var {
    const y = k.add(ften(a), ften(b));
    return this.node(y, [a, b], (g) => {
      accumulate(a, sumTo(g, y.shape, a.value.shape));
      accumulate(b, sumTo(g, y.shape, b.value.shape));
    });
  }
  sub(a: Var, b: Var): Var {
    const y = k.sub(ften(a), ften(b));
    return this.node(y, [a, b], (g) => {
      accumulate(a, sumTo(g, y.shape, a.value.shape));
      if (b.needsGrad) accumulate(b, sumTo(k.scale({ data: g, shape: y.shape }, -1).data, y.shape, b.value.shape), true);
    });
  }
  mul(a: Var, b: Var): Var {
    const A = ften(a);
    const B = ften(b);
    const y = k.mul(A, B);
    return this.node(y, [a, b], (g) => {
      const G = { data: g, shape: y.shape };
      if (a.needsGrad) accumulate(a, sumTo(k.mul(G, B).data, y.shape, A.shape), true);
      if (b.needsGrad) accumulate(b, sumTo(k.mul(G, A).data, y.shape, B.shape), true);
    });
  }
  scale(x: Var, s: number): Var {
    return this.node(k.scale(ften(x), s), [x], (g) => accumulate(x, k.scale({ data: g, shape: [g.length] }, s).data, true));
  }
  softmax(x: Var): Var {
    const y = k.softmax(ften(x));
    const n = y.shape[y.shape.length - 1];
    return this.node(y, [x], (g) => accumulate(x, softmaxBack(y.data, g, n), true));
  }
  layerNorm(x: Var, w: Var, b: Var | undefined, eps: number): Var {
    const X = ften(x);
    const W = ften(w);
    const y = k.layerNorm(X, W, b && ften(b), eps);
    return this.node(y, b ? [x, w, b] : [x, w], (g) => {
      const r = layerNormBack(X.data, W.data, g, eps, b !== undefined);
      accumulate(x, r.dx, true);
      accumulate(w, r.dw, true);
      if (b && r.db) accumulate(b, r.db, true);
    });
  }
  rmsNorm(x: Var, w: Var, eps: number): Var {
    const X = ften(x);
    const W = ften(w);
    return this.node(k.rmsNorm(X, W, eps), [x, w], (g) => {
      const r = rmsNormBack(X.data, W.data, g, eps);
      accumulate(x, r.dx, true);
      accumulate(w, r.dw, true);
    });
  }
  gelu(x: Var): Var {
    return this.node(k.gelu(ften(x)), [x], (g) => accumulate(x, geluBack(fdata(x), g), true));
  }
  silu(x: Var): Var {
    return this.node(k.silu(ften(x)), [x], (g) => accumulate(x, siluBack(fdata(x), g), true));
  }
  sin(x: Var): Var {
    return this.node(k.sin(ften(x)), [x], (g) => accumulate(x, k.mul({ data: g, shape: [g.length] }, k.cos({ data: fdata(x), shape: [g.length] })).data, true));
  }
  cos(x: Var): Var {
    return this.node(k.cos(ften(x)), [x], (g) => {
      const s = k.sin({ data: fdata(x), shape: [g.length] });
      accumulate(x, k.mul({ data: g, shape: [g.length] }, k.scale(s, -1)).data, true);
    });
  }
  greater(x: Var, s: number): Var {
    return leaf(k.greater(ften(x), s));
  }
  where(cond: Var, value: number, x: Var): Var {
    const c = cond.value;
    if (!(c.data instanceof Uint8Array)) throw new Error('where: cond must be a bool (Uint8Array) tensor');
    const y = k.where(c as k.BoolTensor, value, ften(x));
    return this.node(y, [x], (g) => accumulate(x, whereBack(c.data as Uint8Array, c.shape, g, y.shape), true));
  }

  // --- MoE routing and state-space models
  exp(x: Var): Var {
    const y = k.unary(ften(x), Math.exp);
    return this.node(y, [x], (g) => accumulate(x, k.mul({ data: g, shape: [g.length] }, { data: y.data, shape: [g.length] }).data, true));
  }
  softplus(x: Var): Var {
    const y = k.unary(ften(x), (v) => (v > 20 ? v : Math.log1p(Math.exp(v))));
    return this.node(y, [x], (g) => accumulate(x, softplusBack(fdata(x), g), true));
  }
  cumsum(x: Var, axis: number): Var {
    const X = ften(x);
    const ax = k.axisOf(axis, X.shape.length);
    const y = cumsum(X.data, X.shape, ax, false);
    return this.node({ data: y, shape: [...X.shape] }, [x], (g) => accumulate(x, cumsum(g, X.shape, ax, true), true));
  }

  tap(name: string, x: Var): Var {
    if (wantsTap(this.taps, name)) this.trace.set(name, x.value);
    return x;
  }
}
