/**
 * LoraOps: wraps any Ops so the unchanged transformer.ts runs with LoRA adapters (lora.ts):
 * every call is passed through, except `linear(x, W, b)` on an adapted weight, which becomes
 *
 *   y = x·W₀ᵀ (+ b) + (α/r) · (x·Aᵀ)·Bᵀ         x [..., n] → x·Aᵀ [..., r] → [..., m]
 *
 * (never forming B·A, so the extra cost is r(m + n) multiply-adds per row). Over GradOps the
 * tape then carries gradients to A and B; with GradOps' `trainable: isLoraName` the base stays
 * frozen. Over EagerOps it is the unmerged reference; over GraphOps it records the adapter as
 * ONNX nodes with A and B as initializers.
 *
 *   const ops = new LoraOps(new EagerOps(withAdapters(base, adapters)), cfg, lora);
 *   transformer(ops, cfg, ids);
 */
import type { Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import type { Ops } from '@/lib/model/ops';
import { adaptedWeights, loraA, loraB, loraScale, type LoraConfig } from './lora';

export class LoraOps<V> implements Ops<V> {
  readonly kind: 'eager' | 'graph';
  private readonly adapted: Set<string>;
  /** Value handle → the weight name it was loaded under (so linear() knows which W it got). */
  private readonly names = new Map<V, string>();
  private readonly s: number;

  constructor(private readonly inner: Ops<V>, cfg: TransformerConfig, lora: LoraConfig) {
    this.kind = inner.kind;
    this.adapted = new Set(adaptedWeights(cfg, lora).map((w) => w.name));
    this.s = loraScale(lora);
  }

  param(name: string): V {
    const v = this.inner.param(name);
    if (this.adapted.has(name)) this.names.set(v, name);
    return v;
  }
  linear(x: V, w: V, b?: V): V {
    const y = this.inner.linear(x, w, b); // [..., m]
    const name = this.names.get(w);
    if (name === undefined) return y;
    const xa = this.inner.linear(x, this.inner.param(loraA(name))); // [..., r]
    const d = this.inner.linear(xa, this.inner.param(loraB(name))); // [..., m]
    return this.inner.add(y, this.inner.scale(d, this.s)); // [..., m]
  }

  constant(t: Tensor): V {
    return this.inner.constant(t);
  }
  positions(ids: V, pastKey: V | null): { query: V; key: V } {
    return this.inner.positions(ids, pastKey);
  }
  reshape(x: V, shape: number[]): V {
    return this.inner.reshape(x, shape);
  }
  transpose(x: V, perm: number[]): V {
    return this.inner.transpose(x, perm);
  }
  concat(xs: V[], axis: number): V {
    return this.inner.concat(xs, axis);
  }
  slice(x: V, axis: number, start: number, end: number): V {
    return this.inner.slice(x, axis, start, end);
  }
  gather(table: V, ids: V): V {
    return this.inner.gather(table, ids);
  }
  expand(x: V, shape: number[]): V {
    return this.inner.expand(x, shape);
  }
  toFloat(x: V): V {
    return this.inner.toFloat(x);
  }
  matmul(a: V, b: V, opts?: { transB?: boolean }): V {
    return this.inner.matmul(a, b, opts);
  }
  add(a: V, b: V): V {
    return this.inner.add(a, b);
  }
  sub(a: V, b: V): V {
    return this.inner.sub(a, b);
  }
  mul(a: V, b: V): V {
    return this.inner.mul(a, b);
  }
  scale(x: V, s: number): V {
    return this.inner.scale(x, s);
  }
  softmax(x: V): V {
    return this.inner.softmax(x);
  }
  layerNorm(x: V, w: V, b: V | undefined, eps: number): V {
    return this.inner.layerNorm(x, w, b, eps);
  }
  rmsNorm(x: V, w: V, eps: number): V {
    return this.inner.rmsNorm(x, w, eps);
  }
  gelu(x: V): V {
    return this.inner.gelu(x);
  }
  silu(x: V): V {
    return this.inner.silu(x);
  }
  sin(x: V): V {
    return this.inner.sin(x);
  }
  cos(x: V): V {
    return this.inner.cos(x);
  }
  greater(x: V, s: number): V {
    return this.inner.greater(x, s);
  }
  where(cond: V, value: number, x: V): V {
    return this.inner.where(cond, value, x);
  }
  exp(x: V): V {
    return this.inner.exp(x);
  }
  softplus(x: V): V {
    return this.inner.softplus(x);
  }
  cumsum(x: V, axis: number): V {
    return this.inner.cumsum(x, axis);
  }
  tap(name: string, x: V): V {
    return this.inner.tap(name, x);
  }
}
