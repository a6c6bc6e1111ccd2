/**
 * Optimisers and gradient clipping over named weights (a Map name → Tensor, updated in place).
 *
 * AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization", Algorithm 2; moments
 * from Kingma & Ba 2015, "Adam", Algorithm 1), parameterised like PyTorch's torch.optim.AdamW:
 *   θ ← θ − lr·λ·θ                                  (decay decoupled from the gradient)
 *   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
 *   θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * SGD with momentum (Polyak 1964; the form of Sutskever et al. 2013 / PyTorch, dampening 0):
 *   b ← μb + g (b = g on the first step),   θ ← θ − lr·b
 *   optional decoupled weight decay λ (SGDW, Loshchilov & Hutter 2019, Algorithm 1, with lr as
 *   the multiplier as in AdamW above):   θ ← (1 − lr·λ)θ − lr·b
 * Clipping by global norm (Pascanu, Mikolov & Bengio 2013, §3.2): with n = ‖(g₁, …, g_k)‖₂,
 *   every g ← g · min(1, c / (n + 10⁻⁶))            (PyTorch's clip_grad_norm_ formula)
 *
 * Example: one AdamW step from θ = 1 with g = 0.5, lr = 0.1, λ = 0: m̂ = 0.5, v̂ = 0.25,
 * θ ← 1 − 0.1 · 0.5 / (0.5 + ε) ≈ 0.9 (Adam's first step moves every weight by ≈ lr).
 */
import type { Tensor } from '@/lib/tensor';

export type Weights = Map<string, Tensor>;
export type Grads = ReadonlyMap<string, Float32Array>;

export interface Optimizer {
  /** Steps taken so far. */
  readonly t: number;
  /** Updates every weight that has a gradient, in place. */
  step(weights: Weights, grads: Grads, lr: number): void;
}

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** λ, decoupled weight decay (PyTorch default 0.01). */
  weightDecay?: number;
  /** Which weights decay (default: all, as PyTorch with one parameter group). */
  decays?: (name: string) => boolean;
}

export class AdamW implements Optimizer {
  t = 0;
  private readonly m = new Map<string, Float32Array>();
  private readonly v = new Map<string, Float32Array>();
  private readonly o: Required<AdamWOptions>;

  constructor(opts: AdamWOptions = {}) {
    this.o = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decays: () => true, ...opts };
  }

  step(weights: Weights, grads: Grads, lr: number): void {
    this.t++;
    const { beta1: b1, beta2: b2, eps } = this.o;
    const bc1 = 1 - b1 ** this.t;
    const bc2 = 1 - b2 ** this.t;
    for (const [name, g] of grads) {
      const p = weightOf(weights, name, g).data;
      let m = this.m.get(name);
      let v = this.v.get(name);
      if (!m || !v) {
        m = new Float32Array(p.length);
        v = new Float32Array(p.length);
        this.m.set(name, m);
        this.v.set(name, v);
      }
      const decay = this.o.decays(name) ? 1 - lr * this.o.weightDecay : 1;
      const step = lr / bc1;
      const rb2 = 1 / Math.sqrt(bc2);
      for (let i = 0; i < p.length; i++) {
        const gi = g[i];
        const mi = b1 * m[i] + (1 - b1) * gi;
        const vi = b2 * v[i] + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i] * decay - (step * mi) / (Math.sqrt(vi) * rb2 + eps);
      }
    }
  }
}

export interface SGDOptions {
  /** μ (0 = plain SGD). */
  momentum?: number;
  /** λ, decoupled weight decay as in AdamW: θ ← (1 − lr·λ)θ − lr·b (default 0). */
  weightDecay?: number;
}

export class SGD implements Optimizer {
  t = 0;
  private readonly buf = new Map<string, Float32Array>();
  constructor(private readonly opts: SGDOptions = {}) {}

  step(weights: Weights, grads: Grads, lr: number): void {
    this.t++;
    const mu = this.opts.momentum ?? 0;
    const decay = 1 - lr * (this.opts.weightDecay ?? 0);
    for (const [name, g] of grads) {
      const p = weightOf(weights, name, g).data;
      if (mu === 0) {
        for (let i = 0; i < p.length; i++) p[i] = p[i] * decay - lr * g[i];
        continue;
      }
      let b = this.buf.get(name);
      if (!b) {
        this.buf.set(name, (b = Float32Array.from(g)));
      } else {
        for (let i = 0; i < b.length; i++) b[i] = mu * b[i] + g[i];
      }
      for (let i = 0; i < p.length; i++) p[i] = p[i] * decay - lr * b[i];
    }
  }
}

function weightOf(weights: Weights, name: string, g: Float32Array): Tensor {
  const w = weights.get(name);
  if (!w) throw new Error(`optimizer: no weight "${name}"`);
  if (w.data.length !== g.length) throw new Error(`optimizer: gradient of "${name}" has ${g.length} values, the weight ${w.data.length}`);
  return w;
}

/** ‖(g₁, …, g_k)‖₂ over every gradient. */
export function globalNorm(grads: Grads): number {
  let s = 0;
  for (const g of grads.values()) for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  return Math.sqrt(s);
}

/** Scales every gradient in place so the global norm is at most maxNorm; returns the norm before. */
export function clipGradNorm(grads: Grads, maxNorm: number): number {
  const n = globalNorm(grads);
  const c = maxNorm / (n + 1e-6);
  if (c < 1) for (const g of grads.values()) for (let i = 0; i < g.length; i++) g[i] *= c;
  return n;
}

/** A deep copy of named weights (training mutates weights in place). */
export function cloneWeights(w: ReadonlyMap<string, Tensor>): Weights {
  return new Map([...w].map(([n, t]) => [n, { data: t.data.slice(), shape: [...t.shape] }]));
}
