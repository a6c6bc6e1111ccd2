/**
 * GradGraph: reverse mode, symbolically. Ops that record the forward as ONNX nodes (through
 * GraphOps, like the inference graphs) AND a tape; `backward()` then appends the adjoint of every
 * recorded op as more ONNX nodes, so one graph computes the loss and ∂loss/∂θ. The same
 * lib/model/transformer.ts runs over it unchanged (LoraOps can wrap it, as over GradOps).
 *
 *   const gg = new GradGraph(weights, { trainable: isLoraName });   // trainable → graph inputs
 *   const ids = gg.graph.input('ids', 'int64', [1, T]);              // static shapes only
 *   const logits = transformer(gg, cfg, ids).logits;
 *   gg.backward(logits, dlogits);                                    // dlogits: a graph value
 *                                                                    // (backwardMany: several seeds, one sweep)
 *   gg.grad('blocks.0.attn.wq.lora_A')                               // a graph value [r, C]
 *
 * The rules are GradOps' (grad-ops.ts, grad-kernels.ts) written with ordinary ONNX ops:
 *   matmul / linear  MatMul, Gemm(transA) on 2-D views;  broadcasting's adjoint  ReduceSum + Reshape
 *   softmax          y ⊙ (g − ReduceSum(g ⊙ y))
 *   layerNorm        r·(ĝ − mean ĝ − x̂·mean(ĝ ⊙ x̂)), ĝ = g ⊙ w, x̂ and r recomputed from x
 *   rmsNorm          r·ĝ − x·r³·mean(ĝ ⊙ x)
 *   gelu, silu       their derivatives from Tanh / Sigmoid;  where  Where(cond, 0, g)
 *   slice            Concat(zeros, g, zeros);  concat  Slice per input;  transpose  inverse perm
 *   gather           one-hot(ids) ᵀ · g (Equal + Cast + Gemm: no ScatterND, so every EP runs it)
 *   exp, softplus, cumsum   g ⊙ y, g ⊙ σ(x), CumSum(reverse = 1)
 * Shapes must be static (numbers): the backward needs to know which axes were broadcast.
 * Trainable weights become graph inputs under their own names; frozen ones stay initializers.
 */
import type { Tensor } from '@/lib/tensor';
import type { WeightMap } from '@/lib/model/eager';
import { GraphOps, type Dim, type GVal } from '@/lib/model/graph';
import type { Ops } from '@/lib/model/ops';

export interface GradGraphOptions {
  /** Which weights are trained (graph inputs with gradients); default all. */
  trainable?: (name: string) => boolean;
}

/** The ONNX ops the backward adds to GraphOps' list (GRAPH_OPS). */
export const GRAD_GRAPH_OPS = ['ReduceSum', 'Equal', 'Reciprocal', 'Exp', 'Log', 'ReduceMax', 'Max', 'Min'] as const;

const GELU_K = Math.sqrt(2 / Math.PI);

/** The numeric shape of a value (throws on a symbolic dim). */
export function dims(v: GVal): number[] {
  if (v.shape.some((d) => typeof d !== 'number')) throw new Error(`GradGraph needs static shapes, got [${v.shape}] for ${v.name}`);
  return v.shape as number[];
}

const same = (a: readonly Dim[], b: readonly Dim[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
const prod = (s: readonly number[]): number => s.reduce((p, d) => p * d, 1);

interface Entry {
  out: GVal;
  back: (g: GVal) => void;
}

export class GradGraph implements Ops<GVal> {
  readonly kind = 'graph';
  /** The underlying recorder: declare inputs / outputs on it, then call graph.graph(). */
  readonly graph: GraphOps;
  private readonly tape: Entry[] = [];
  private readonly needs = new Set<string>();
  private readonly grads = new Map<string, GVal>();
  private readonly params = new Map<string, GVal>();
  private readonly trainable: (name: string) => boolean;

  constructor(private readonly weights: WeightMap, opts: GradGraphOptions = {}) {
    this.graph = new GraphOps(weights);
    this.trainable = opts.trainable ?? (() => true);
  }

  /** Trainable weights the forward touched, as graph inputs, in first-use order. */
  trained(): Map<string, GVal> {
    return new Map([...this.params].filter(([n]) => this.needs.has(this.params.get(n)!.name)));
  }

  /** ∂loss/∂v after backward() (a zeros node when nothing reached it). */
  grad(name: string): GVal {
    const p = this.params.get(name);
    if (!p) throw new Error(`GradGraph: no parameter "${name}"`);
    return this.grads.get(p.name) ?? this.graph.expand(this.graph.num(0), dims(p));
  }

  /** Appends the adjoint nodes, seeding ∂loss/∂out = seed (a graph value of out's shape). */
  backward(out: GVal, seed: GVal): void {
    this.backwardMany([out], [seed]);
  }

  /** One reverse sweep seeded at several outputs at once (e.g. one loss term per example). */
  backwardMany(outs: GVal[], seeds: GVal[]): void {
    outs.forEach((out, i) => {
      if (!this.needs.has(out.name)) throw new Error('the loss does not depend on any trainable parameter');
      this.acc(out, seeds[i]);
    });
    for (let i = this.tape.length - 1; i >= 0; i--) {
      const { out: o, back } = this.tape[i];
      const g = this.grads.get(o.name);
      if (g) back(g);
    }
  }

  // ---- tape plumbing
  private rec(out: GVal, inputs: GVal[], back: (g: GVal) => void): GVal {
    if (inputs.some((i) => this.needs.has(i.name))) {
      this.needs.add(out.name);
      this.tape.push({ out, back });
    }
    return out;
  }
  private wants(v: GVal): boolean {
    return this.needs.has(v.name);
  }
  private acc(v: GVal, g: GVal): void {
    if (!this.wants(v)) return;
    if (!same(dims(g), dims(v))) throw new Error(`GradGraph: gradient [${g.shape}] for ${v.name} [${v.shape}]`);
    const prev = this.grads.get(v.name);
    this.grads.set(v.name, prev ? this.graph.add(prev, g) : g);
  }
  /** Broadcasting's adjoint: sums g over the axes that were broadcast up to g's shape. */
  private sumTo(g: GVal, to: readonly number[]): GVal {
    const from = dims(g);
    if (same(from, to)) return g;
    const pad = from.length - to.length;
    const axes = from.flatMap((d, i) => (i < pad || (to[i - pad] === 1 && d !== 1) ? [i] : []));
    const kept = from.map((d, i) => (axes.includes(i) ? 1 : d));
    const r = axes.length ? this.reduceSum(g, axes, kept) : g;
    return same(kept, to) ? r : this.graph.reshape(r, [...to]);
  }
  private reduceSum(x: GVal, axes: number[], shape: number[], keep = true): GVal {
    return this.graph.op('ReduceSum', [x, this.graph.ints(axes)], shape, { keepdims: { int: keep ? 1 : 0 } });
  }
  /** Mean over the last axis, kept as size 1. */
  private meanLast(x: GVal): GVal {
    const s = dims(x);
    return this.graph.op('ReduceMean', [x], [...s.slice(0, -1), 1], { axes: { ints: [-1] }, keepdims: { int: 1 } });
  }
  private unary(op: string, x: GVal): GVal {
    return this.graph.op(op, [x], [...x.shape]);
  }
  private swapLast(x: GVal): GVal {
    const r = x.shape.length;
    return this.graph.transpose(x, [...Array(r - 2).keys(), r - 1, r - 2]);
  }

  // ---- sources
  param(name: string): GVal {
    let p = this.params.get(name);
    if (p) return p;
    if (this.trainable(name)) {
      const w = this.weights.get(name);
      if (!w) throw new Error(`Missing weight "${name}" (have ${this.weights.size} weights)`);
      p = this.graph.input(name, 'float32', [...w.shape]);
      this.needs.add(p.name);
    } else p = this.graph.param(name);
    this.params.set(name, p);
    return p;
  }
  constant(t: Tensor): GVal {
    return this.graph.constant(t);
  }
  positions(ids: GVal, pastKey: GVal | null): { query: GVal; key: GVal } {
    return this.graph.positions(ids, pastKey);
  }

  // ---- layout
  reshape(x: GVal, shape: number[]): GVal {
    return this.rec(this.graph.reshape(x, shape), [x], (g) => this.acc(x, this.graph.reshape(g, dims(x))));
  }
  transpose(x: GVal, perm: number[]): GVal {
    const inv = perm.map((_, i) => perm.indexOf(i));
    return this.rec(this.graph.transpose(x, perm), [x], (g) => this.acc(x, this.graph.transpose(g, inv)));
  }
  concat(xs: GVal[], axis: number): GVal {
    const y = this.graph.concat(xs, axis);
    const ax = axis < 0 ? axis + y.shape.length : axis;
    return this.rec(y, xs, (g) => {
      let s = 0;
      for (const x of xs) {
        const n = dims(x)[ax];
        if (this.wants(x)) this.acc(x, this.graph.slice(g, ax, s, s + n));
        s += n;
      }
    });
  }
  slice(x: GVal, axis: number, start: number, end: number): GVal {
    const y = this.graph.slice(x, axis, start, end);
    const shape = dims(x);
    const ax = axis < 0 ? axis + shape.length : axis;
    const len = shape[ax];
    const s = Math.max(0, Math.min(len, start < 0 ? start + len : start));
    return this.rec(y, [x], (g) => {
      const n = dims(g)[ax];
      const zeros = (k: number): GVal => this.graph.expand(this.graph.num(0), shape.map((d, i) => (i === ax ? k : d)));
      const parts = [...(s > 0 ? [zeros(s)] : []), g, ...(len - s - n > 0 ? [zeros(len - s - n)] : [])];
      this.acc(x, parts.length === 1 ? g : this.graph.concat(parts, ax));
    });
  }
  gather(table: GVal, ids: GVal): GVal {
    const y = this.graph.gather(table, ids);
    return this.rec(y, [table], (g) => {
      const [R, ...rest] = dims(table);
      const w = prod(rest);
      const n = prod(dims(ids));
      const col = this.graph.reshape(ids, [n, 1]); // int64 [n, 1]
      const hit = this.graph.op('Equal', [col, this.graph.ints([...Array(R).keys()])], [n, R], {}, 'bool'); // [n, R]
      const onehot = this.graph.toFloat(hit); // [n, R]
      const dt = this.graph.op('Gemm', [onehot, this.graph.reshape(g, [n, w])], [R, w], { transA: { int: 1 } }); // [R, w]
      this.acc(table, rest.length === 1 ? dt : this.graph.reshape(dt, [R, ...rest]));
    });
  }
  expand(x: GVal, shape: number[]): GVal {
    return this.rec(this.graph.expand(x, shape), [x], (g) => this.acc(x, this.sumTo(g, dims(x))));
  }
  toFloat(x: GVal): GVal {
    return this.graph.toFloat(x); // ids and masks carry no gradient
  }

  // ---- math
  matmul(a: GVal, b: GVal, opts: { transB?: boolean } = {}): GVal {
    const transB = opts.transB ?? false;
    return this.rec(this.graph.matmul(a, b, opts), [a, b], (g) => {
      if (this.wants(a)) this.acc(a, this.sumTo(this.graph.matmul(g, b, { transB: !transB }), dims(a)));
      if (this.wants(b)) {
        const db = transB ? this.graph.matmul(this.swapLast(g), a) : this.graph.matmul(this.swapLast(a), g); // b's layout
        this.acc(b, this.sumTo(db, dims(b)));
      }
    });
  }
  linear(x: GVal, w: GVal, b?: GVal): GVal {
    const y = this.graph.linear(x, w, b);
    return this.rec(y, b ? [x, w, b] : [x, w], (g) => {
      const [out, inF] = dims(w);
      const rows = prod(dims(x)) / inF;
      const g2 = this.graph.reshape(g, [rows, out]); // [rows, out]
      if (this.wants(x)) this.acc(x, this.graph.reshape(this.graph.op('MatMul', [g2, w], [rows, inF]), dims(x))); // [..., in]
      if (this.wants(w)) this.acc(w, this.graph.op('Gemm', [g2, this.graph.reshape(x, [rows, inF])], [out, inF], { transA: { int: 1 } }));
      if (b && this.wants(b)) this.acc(b, this.reduceSum(g2, [0], [out], false));
    });
  }
  add(a: GVal, b: GVal): GVal {
    return this.rec(this.graph.add(a, b), [a, b], (g) => {
      if (this.wants(a)) this.acc(a, this.sumTo(g, dims(a)));
      if (this.wants(b)) this.acc(b, this.sumTo(g, dims(b)));
    });
  }
  sub(a: GVal, b: GVal): GVal {
    return this.rec(this.graph.sub(a, b), [a, b], (g) => {
      if (this.wants(a)) this.acc(a, this.sumTo(g, dims(a)));
      if (this.wants(b)) this.acc(b, this.sumTo(this.graph.scale(g, -1), dims(b)));
    });
  }
  mul(a: GVal, b: GVal): GVal {
    return this.rec(this.graph.mul(a, b), [a, b], (g) => {
      if (this.wants(a)) this.acc(a, this.sumTo(this.graph.mul(g, b), dims(a)));
      if (this.wants(b)) this.acc(b, this.sumTo(this.graph.mul(g, a), dims(b)));
    });
  }
  scale(x: GVal, s: number): GVal {
    return this.rec(this.graph.scale(x, s), [x], (g) => this.acc(x, this.graph.scale(g, s)));
  }
  softmax(x: GVal): GVal {
    const y = this.graph.softmax(x);
    return this.rec(y, [x], (g) => {
      const s = dims(y);
      const dot = this.reduceSum(this.graph.mul(g, y), [-1], [...s.slice(0, -1), 1]); // [..., 1]
      this.acc(x, this.graph.mul(y, this.graph.sub(g, dot)));
    });
  }
  layerNorm(x: GVal, w: GVal, b: GVal | undefined, eps: number): GVal {
    const y = this.graph.layerNorm(x, w, b, eps);
    return this.rec(y, b ? [x, w, b] : [x, w], (g) => {
      const G = this.graph;
      const xc = G.sub(x, this.meanLast(x)); // x − μ
      const r = G.op('Reciprocal', [G.op('Sqrt', [G.add(this.meanLast(G.mul(xc, xc)), G.num(eps))], [...dims(x).slice(0, -1), 1])], [...dims(x).slice(0, -1), 1]);
      const xh = G.mul(xc, r); // x̂
      const gh = G.mul(g, w); // ĝ
      if (this.wants(x)) this.acc(x, G.mul(r, G.sub(G.sub(gh, this.meanLast(gh)), G.mul(xh, this.meanLast(G.mul(gh, xh))))));
      if (this.wants(w)) this.acc(w, this.sumTo(G.mul(g, xh), dims(w)));
      if (b && this.wants(b)) this.acc(b, this.sumTo(g, dims(b)));
    });
  }
  rmsNorm(x: GVal, w: GVal, eps: number): GVal {
    const y = this.graph.rmsNorm(x, w, eps);
    return this.rec(y, [x, w], (g) => {
      const G = this.graph;
      const row = [...dims(x).slice(0, -1), 1];
      const r = G.op('Reciprocal', [G.op('Sqrt', [G.add(this.meanLast(G.mul(x, x)), G.num(eps))], row)], row); // [..., 1]
      const gh = G.mul(g, w);
      if (this.wants(x)) this.acc(x, G.sub(G.mul(r, gh), G.mul(x, G.mul(G.mul(G.mul(r, r), r), this.meanLast(G.mul(gh, x))))));
      if (this.wants(w)) this.acc(w, this.sumTo(G.mul(g, G.mul(x, r)), dims(w)));
    });
  }
  gelu(x: GVal): GVal {
    return this.rec(this.graph.gelu(x), [x], (g) => {
      const G = this.graph;
      const x2 = G.mul(x, x);
      const t = this.unary('Tanh', G.scale(G.add(x, G.scale(G.mul(x2, x), 0.044715)), GELU_K));
      const one = G.num(1);
      const left = G.scale(G.add(t, one), 0.5);
      const right = G.mul(G.scale(G.mul(x, G.sub(one, G.mul(t, t))), 0.5 * GELU_K), G.add(G.scale(x2, 3 * 0.044715), one));
      this.acc(x, G.mul(g, G.add(left, right)));
    });
  }
  silu(x: GVal): GVal {
    return this.rec(this.graph.silu(x), [x], (g) => {
      const G = this.graph;
      const s = this.unary('Sigmoid', x);
      this.acc(x, G.mul(g, G.mul(s, G.add(G.num(1), G.mul(x, G.sub(G.num(1), s))))));
    });
  }
  sin(x: GVal): GVal {
    return this.rec(this.graph.sin(x), [x], (g) => this.acc(x, this.graph.mul(g, this.graph.cos(x))));
  }
  cos(x: GVal): GVal {
    return this.rec(this.graph.cos(x), [x], (g) => this.acc(x, this.graph.mul(g, this.graph.scale(this.graph.sin(x), -1))));
  }
  greater(x: GVal, s: number): GVal {
    return this.graph.greater(x, s);
  }
  where(cond: GVal, value: number, x: GVal): GVal {
    const y = this.graph.where(cond, value, x);
    return this.rec(y, [x], (g) => this.acc(x, this.sumTo(this.graph.op('Where', [cond, this.graph.num(0), g], [...y.shape]), dims(x))));
  }
  exp(x: GVal): GVal {
    const y = this.graph.exp(x);
    return this.rec(y, [x], (g) => this.acc(x, this.graph.mul(g, y)));
  }
  softplus(x: GVal): GVal {
    return this.rec(this.graph.softplus(x), [x], (g) => this.acc(x, this.graph.mul(g, this.unary('Sigmoid', x))));
  }
  cumsum(x: GVal, axis: number): GVal {
    return this.rec(this.graph.cumsum(x, axis), [x], (g) =>
      this.acc(x, this.graph.op('CumSum', [g, this.graph.ints([axis], true)], [...x.shape], { reverse: { int: 1 } })),
    );
  }
  tap(_name: string, x: GVal): GVal {
    return x;
  }
}
