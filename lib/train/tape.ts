/**
 * Reverse-mode differentiation on a tape (Wengert list): every differentiable op appends a node
 * holding its output and a closure that, given ∂L/∂out, adds ∂L/∂input into each input's grad.
 * `backward(loss)` seeds ∂L/∂L = 1 and runs the nodes newest-first, so every output's gradient is
 * complete before its node runs (Griewank & Walther 2008, "Evaluating Derivatives", ch. 3).
 *
 *   const tape = new Tape();
 *   const x = leaf(tensor([3], [1]), true);
 *   // y = x·x: tape.record(y, () => { accumulate(x, 2·x·g) })
 *   tape.backward(loss);   // x.grad = ∂loss/∂x
 *
 * One closure per op (never per element); gradients are Float32Array like the values.
 */
import type { AnyTensor, Tensor } from '@/lib/tensor';

/** A value on the tape: its tensor, whether a gradient flows to it, and that gradient once known. */
export interface Var {
  value: AnyTensor;
  /** True when some trainable leaf lies upstream (only such values get a gradient). */
  needsGrad: boolean;
  /** ∂L/∂value, same length as value.data; null until a consumer contributes (and again once an
   * op output's gradient has been passed on: only leaves keep theirs after backward). */
  grad: Float32Array | null;
}

export const leaf = (value: AnyTensor, needsGrad = false): Var => ({ value, needsGrad, grad: null });

/** The float data of a Var (throws on ids / masks, which never carry gradients). */
export function fdata(v: Var): Float32Array {
  if (!(v.value.data instanceof Float32Array)) throw new Error(`expected a float32 value, got ${v.value.data.constructor.name}`);
  return v.value.data;
}

export const ften = (v: Var): Tensor => ({ data: fdata(v), shape: v.value.shape });

/**
 * grad(v) += g. `owned` says g is a fresh array nobody else holds, so it may become v.grad
 * without a copy; otherwise it is copied on first use (two inputs may receive the same array).
 */
export function accumulate(v: Var, g: Float32Array, owned = false): void {
  if (!v.needsGrad) return;
  if (g.length !== v.value.data.length) throw new Error(`gradient of length ${g.length} for a value of shape [${v.value.shape}]`);
  if (v.grad === null) {
    v.grad = owned ? g : g.slice();
    return;
  }
  const a = v.grad;
  for (let i = 0; i < a.length; i++) a[i] += g[i];
}

interface Node {
  out: Var;
  back: (g: Float32Array) => void;
}

export class Tape {
  private readonly nodes: Node[] = [];

  /** Appends `out` with its backward closure (skipped when no gradient can reach it). */
  record(out: Var, back: (g: Float32Array) => void): Var {
    if (out.needsGrad) this.nodes.push({ out, back });
    return out;
  }

  get length(): number {
    return this.nodes.length;
  }

  /**
   * Seeds ∂L/∂L = 1 for a scalar `loss` (or ∂L/∂out = `seed` for any output, as a vector-Jacobian
   * product) and propagates to every leaf that needs a gradient.
   */
  backward(loss: Var, seed?: Float32Array): void {
    if (!seed && loss.value.data.length !== 1) throw new Error(`backward needs a scalar loss, got shape [${loss.value.shape}]`);
    if (seed && seed.length !== loss.value.data.length) throw new Error(`seed of length ${seed.length} for shape [${loss.value.shape}]`);
    if (!loss.needsGrad) throw new Error('the loss does not depend on any trainable parameter');
    loss.grad = seed ?? Float32Array.of(1);
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const { out, back } = this.nodes[i];
      if (out.grad === null) continue;
      back(out.grad);
      out.grad = null; // consumed: free it now (inputs got copies or fresh arrays), halving peak memory
    }
  }
}
