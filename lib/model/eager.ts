/**
 * EagerOps: the reference implementation of Ops. Every call computes right away on typed
 * arrays using lib/tensor kernels; taps land in `trace` (a Map from tap name to tensor).
 *
 *   const ops = new EagerOps(weights, { taps: true });
 *   const { logits } = transformer(ops, cfg, ids);     // logits [1, T, V]
 *   ops.trace.get(names.attnProbs(0));                   // [1, nh, T, S]
 */
import * as k from '@/lib/tensor';
import type { AnyTensor, Tensor } from '@/lib/tensor';
import { wantsTap, type Ops, type TapFilter } from './ops';

/** Weights by safetensors name. */
export type WeightMap = ReadonlyMap<string, Tensor>;

export interface EagerOptions {
  taps?: TapFilter;
}

const f = (x: AnyTensor): Tensor => {
  if (!(x.data instanceof Float32Array)) throw new Error(`expected a float32 tensor, got ${x.data.constructor.name} [${x.shape}]`);
  return x as Tensor;
};

export class EagerOps implements Ops<AnyTensor> {
  readonly kind = 'eager';
  readonly trace = new Map<string, AnyTensor>();
  private readonly taps: TapFilter;

  constructor(private readonly weights: WeightMap, opts: EagerOptions = {}) {
    this.taps = opts.taps ?? false;
  }

  param(name: string): AnyTensor {
    const w = this.weights.get(name);
    if (!w) throw new Error(`Missing weight "${name}" (have ${this.weights.size} weights: ${[...this.weights.keys()].slice(0, 6).join(', ')}…)`);
    return w;
  }
  constant(t: Tensor): AnyTensor {
    return t;
  }
  positions(ids: AnyTensor, pastKey: AnyTensor | null): { query: AnyTensor; key: AnyTensor } {
    const T = ids.shape[ids.shape.length - 1];
    const P = pastKey ? pastKey.shape[2] : 0;
    const query = { data: BigInt64Array.from({ length: T }, (_, i) => BigInt(P + i)), shape: [T] };
    const key = { data: BigInt64Array.from({ length: P + T }, (_, i) => BigInt(i)), shape: [P + T] };
    return { query, key };
  }

  reshape(x: AnyTensor, shape: number[]): AnyTensor {
    return k.reshape(x, shape);
  }
  transpose(x: AnyTensor, perm: number[]): AnyTensor {
    return k.transpose(x, perm);
  }
  concat(xs: AnyTensor[], axis: number): AnyTensor {
    return k.concat(xs, axis);
  }
  slice(x: AnyTensor, axis: number, start: number, end: number): AnyTensor {
    return k.slice(x, axis, start, end);
  }
  gather(table: AnyTensor, ids: AnyTensor): AnyTensor {
    return k.gather(f(table), ids);
  }
  expand(x: AnyTensor, shape: number[]): AnyTensor {
    return k.expand(f(x), shape);
  }
  toFloat(x: AnyTensor): AnyTensor {
    return k.toFloat(x);
  }

  matmul(a: AnyTensor, b: AnyTensor, opts: { transB?: boolean } = {}): AnyTensor {
    return k.matmul(f(a), f(b), opts);
  }
  linear(x: AnyTensor, w: AnyTensor, b?: AnyTensor): AnyTensor {
    return k.linear(f(x), f(w), b && f(b));
  }
  add(a: AnyTensor, b: AnyTensor): AnyTensor {
    return k.add(f(a), f(b));
  }
  sub(a: AnyTensor, b: AnyTensor): AnyTensor {
    return k.sub(f(a), f(b));
  }
  mul(a: AnyTensor, b: AnyTensor): AnyTensor {
    return k.mul(f(a), f(b));
  }
  scale(x: AnyTensor, s: number): AnyTensor {
    return k.scale(f(x), s);
  }
  softmax(x: AnyTensor): AnyTensor {
    return k.softmax(f(x));
  }
  layerNorm(x: AnyTensor, w: AnyTensor, b: AnyTensor | undefined, eps: number): AnyTensor {
    return k.layerNorm(f(x), f(w), b && f(b), eps);
  }
  rmsNorm(x: AnyTensor, w: AnyTensor, eps: number): AnyTensor {
    return k.rmsNorm(f(x), f(w), eps);
  }
  gelu(x: AnyTensor): AnyTensor {
    return k.gelu(f(x));
  }
  silu(x: AnyTensor): AnyTensor {
    return k.silu(f(x));
  }
  sin(x: AnyTensor): AnyTensor {
    return k.sin(f(x));
  }
  cos(x: AnyTensor): AnyTensor {
    return k.cos(f(x));
  }
  greater(x: AnyTensor, s: number): AnyTensor {
    return k.greater(f(x), s);
  }
  where(cond: AnyTensor, value: number, x: AnyTensor): AnyTensor {
    if (!(cond.data instanceof Uint8Array)) throw new Error('where: cond must be a bool (Uint8Array) tensor');
    return k.where(cond as k.BoolTensor, value, f(x));
  }

  tap(name: string, x: AnyTensor): AnyTensor {
    if (wantsTap(this.taps, name)) this.trace.set(name, x);
    return x;
  }

  exp(x: AnyTensor): AnyTensor {
    return k.unary(f(x), Math.exp);
  }
  softplus(x: AnyTensor): AnyTensor {
    return k.unary(f(x), (v) => (v > 20 ? v : Math.log1p(Math.exp(v))));
  }
  cumsum(x: AnyTensor, axis: number): AnyTensor {
    return cumsum(f(x), axis);
  }
}

/** Inclusive cumulative sum along one axis, accumulated in float32 in order (as ORT's and PyTorch's CPU kernels do). */
function cumsum(x: Tensor, axis: number): Tensor {
  const ax = k.axisOf(axis, x.shape.length);
  const n = x.shape[ax];
  const inner = k.size(x.shape.slice(ax + 1));
  const outer = k.size(x.shape.slice(0, ax));
  const out = new Float32Array(x.data.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) {
        const at = (o * n + j) * inner + i;
        acc = Math.fround(acc + x.data[at]);
        out[at] = acc;
      }
    }
  }
  return { data: out, shape: [...x.shape] };
}
