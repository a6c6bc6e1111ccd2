/**
 * The reference train step in jax-js (@jax-js/jax, JAX-style grad + jit in JavaScript): the same
 * Transformer as tfjs-train.ts (and lib/model/transformer.ts), as one pure loss function of a
 * parameter tree, differentiated by valueAndGrad and compiled by jit; clipping by global norm and
 * Adam (as lib/train's AdamW with λ = 0) are a second jitted function. Layout and constants:
 * layout.ts.
 *
 * jax-js frees arrays by reference counting with move semantics: every op consumes its
 * arguments, so an array used twice is passed as `x.ref` the first time.
 * `Jax` is the part of its API used here, typed locally (bench-only install).
 */
import type { TransformerConfig } from '../../../lib/model/config';
import { headSize } from '../../../lib/model/config';
import type { LoraConfig } from '../../../lib/peft/lora';
import type { Tensor as OurTensor } from '../../../lib/tensor';
import { fromReference, refTables, toReference, type RefBatch } from './layout';

type Axis = number | number[];
export interface JArr {
  readonly ref: JArr;
  readonly shape: number[];
  add(o: JArr | number): JArr;
  sub(o: JArr | number): JArr;
  mul(o: JArr | number): JArr;
  div(o: JArr | number): JArr;
  neg(): JArr;
  reshape(shape: number[]): JArr;
  transpose(perm?: number[]): JArr;
  sum(axis?: Axis, opts?: { keepdims?: boolean }): JArr;
  mean(axis?: Axis, opts?: { keepdims?: boolean }): JArr;
  slice(...index: ([] | [number, number])[]): JArr;
  dataSync(): Float32Array;
  dispose(): void;
}
type Tree = Record<string, JArr>;
export interface Jax {
  init(...devices: string[]): Promise<string[]>;
  defaultDevice(device?: string): string;
  jit<A extends unknown[], R>(f: (...a: A) => R): (...a: A) => R;
  valueAndGrad<A extends unknown[]>(f: (...a: A) => JArr): (...a: A) => [JArr, Tree];
  numpy: {
    array(data: Float32Array | Int32Array, opts?: { dtype?: unknown; shape?: number[] }): JArr;
    int32: unknown;
    matmul(a: JArr, b: JArr): JArr;
    concatenate(xs: JArr[], axis: number): JArr;
    repeat(a: JArr, n: number, axis: number): JArr;
    take(a: JArr, idx: JArr, axis: number): JArr;
    sqrt(x: JArr): JArr;
    square(x: JArr): JArr;
    tanh(x: JArr): JArr;
    minimum(a: JArr, b: JArr | number): JArr;
    reciprocal(x: JArr): JArr;
  };
  nn: { softmax(x: JArr, axis?: number): JArr; logSoftmax(x: JArr, axis?: number): JArr; sigmoid(x: JArr): JArr; oneHot(x: JArr, n: number): JArr };
}

export interface JaxRefOptions {
  cfg: TransformerConfig;
  weights: ReadonlyMap<string, OurTensor>;
  trainable?: (name: string) => boolean;
  lora?: LoraConfig;
  batch: RefBatch;
  lr: number;
  clip?: number;
}

const refAll = (t: Tree): Tree => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.ref]));
const disposeAll = (t: Tree): void => Object.values(t).forEach((v) => v.dispose());

export function jaxTrainer(jax: Jax, o: JaxRefOptions) {
  const np = jax.numpy;
  const { cfg, batch, lora } = o;
  const { B, T } = batch;
  const C = cfg.dModel;
  const hs = headSize(cfg);
  const { nHead: nh, nKvHead: nkv } = cfg;
  let params: Tree = {};
  const frozen: Tree = {};
  for (const p of toReference(o.weights, o.trainable)) (p.trainable ? params : frozen)[p.name] = np.array(p.data, { shape: p.shape });
  const tables = refTables(cfg, T);
  const consts: Tree = {
    mask: np.array(tables.mask, { shape: [T, T] }),
    ids: np.array(batch.ids, { dtype: np.int32, shape: [B * T] }),
    onehot: jax.nn.oneHot(np.array(batch.targets, { dtype: np.int32, shape: [B * T] }), cfg.vocabSize),
    rowWeight: np.array(batch.rowWeight, { shape: [B * T, 1] }),
  };
  if (tables.cos && tables.sin) {
    consts.cos = np.array(tables.cos, { shape: [T, hs / 2] });
    consts.sin = np.array(tables.sin, { shape: [T, hs / 2] });
  }
  const adapted = new Set(lora ? [...o.weights.keys()].filter((n) => n.endsWith('.lora_A')).map((n) => n.replace(/\.lora_A$/, '.weight')) : []);
  const s = lora ? lora.alpha / lora.r : 0;

  /** Mean loss; consumes every array it is given (move semantics). */
  const lossFn = (p: Tree, f: Tree, k: Tree): JArr => {
    const W = (name: string): JArr => {
      const v = p[name] ?? f[name];
      if (!v) throw new Error(`jax reference: no weight ${name}`);
      return v.ref; // every use takes a reference; the trees themselves are disposed at the end
    };
    const K = (name: string): JArr => k[name].ref;
    const dense = (x: JArr, pre: string): JArr => {
      const w = `${pre}.weight`;
      let y = adapted.has(w) ? np.matmul(x.ref, W(w)) : np.matmul(x, W(w));
      if (adapted.has(w)) y = y.add(np.matmul(np.matmul(x, W(`${pre}.lora_A`)), W(`${pre}.lora_B`)).mul(s));
      return cfg.bias && (p[`${pre}.bias`] ?? f[`${pre}.bias`]) ? y.add(W(`${pre}.bias`)) : y;
    };
    const norm = (x: JArr, pre: string): JArr => {
      if (cfg.norm === 'rmsnorm') return x.ref.div(np.sqrt(np.square(x).mean(-1, { keepdims: true }).add(cfg.normEps))).mul(W(`${pre}.weight`));
      const c = x.ref.sub(x.mean(-1, { keepdims: true }));
      const y = c.ref.div(np.sqrt(np.square(c).mean(-1, { keepdims: true }).add(cfg.normEps))).mul(W(`${pre}.weight`));
      return cfg.bias ? y.add(W(`${pre}.bias`)) : y;
    };
    const heads = (x: JArr, n: number): JArr => x.reshape([B, T, n, hs]).transpose([0, 2, 1, 3]);
    const rope = (x: JArr): JArr => {
      if (!k.cos) return x;
      const x1 = x.ref.slice([], [], [], [0, hs / 2]);
      const x2 = x.slice([], [], [], [hs / 2, hs]);
      const r1 = x1.ref.mul(K('cos')).sub(x2.ref.mul(K('sin')));
      const r2 = x2.mul(K('cos')).add(x1.mul(K('sin')));
      return np.concatenate([r1, r2], -1);
    };
    const g = nh / nkv;
    const rep = (x: JArr): JArr => (g === 1 ? x : np.repeat(x, g, 1)); // head h ← kv head ⌊h/g⌋
    const gelu = (a: JArr): JArr => a.ref.mul(0.5).mul(np.tanh(a.ref.add(a.ref.mul(a.ref).mul(a).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1));
    let x = np.take(W('tok_emb.weight'), K('ids'), 0); // [B·T, C]
    if (cfg.position === 'learned') x = x.reshape([B, T, C]).add(W('pos_emb.weight').slice([0, T], [])).reshape([B * T, C]);
    for (let l = 0; l < cfg.nLayer; l++) {
      const a = `blocks.${l}.attn`;
      const h = norm(x.ref, `blocks.${l}.norm1`);
      const q = rope(heads(dense(h.ref, `${a}.wq`), nh));
      const kk = rep(rope(heads(dense(h.ref, `${a}.wk`), nkv)));
      const v = rep(heads(dense(h, `${a}.wv`), nkv));
      const scores = np.matmul(q, kk.transpose([0, 1, 3, 2])).mul(1 / Math.sqrt(hs)).add(K('mask'));
      const out = np.matmul(jax.nn.softmax(scores, -1), v).transpose([0, 2, 1, 3]).reshape([B * T, nh * hs]);
      x = x.add(dense(out, `${a}.wo`));
      const m = `blocks.${l}.mlp`;
      const h2 = norm(x.ref, `blocks.${l}.norm2`);
      const act = cfg.mlp === 'gelu' ? gelu(dense(h2, `${m}.w1`)) : ((u: JArr) => u.ref.mul(jax.nn.sigmoid(u)))(dense(h2.ref, `${m}.w1`)).mul(dense(h2, `${m}.w3`));
      x = x.add(dense(act, `${m}.w2`));
    }
    const hf = norm(x, 'norm_f');
    const logits = cfg.tiedEmbeddings ? np.matmul(hf, W('tok_emb.weight').transpose([1, 0])) : np.matmul(hf, W('lm_head.weight'));
    const picked = jax.nn.logSoftmax(logits, -1).mul(K('onehot')).sum(-1, { keepdims: true });
    const loss = picked.mul(K('rowWeight')).sum().neg();
    disposeAll(p);
    disposeAll(f);
    disposeAll(k);
    return loss;
  };
  const valueAndGrad = jax.jit(jax.valueAndGrad(lossFn));
  const b1 = 0.9;
  const b2 = 0.999;
  let t = 0;
  let m: Tree = Object.fromEntries(Object.entries(params).map(([n, v]) => [n, v.ref.mul(0)]));
  let v2: Tree = Object.fromEntries(Object.entries(params).map(([n, v]) => [n, v.ref.mul(0)]));
  /** Clip (optional) + Adam; consumes p, g, m, v; returns the new p, m, v. */
  const update = jax.jit((p: Tree, g: Tree, mm: Tree, vv: Tree, step: JArr, rb2: JArr): [Tree, Tree, Tree] => {
    let c: JArr | null = null;
    if (o.clip !== undefined) {
      let sq: JArr | null = null;
      for (const x of Object.values(g)) sq = sq ? sq.add(np.square(x.ref).sum()) : np.square(x.ref).sum();
      c = np.minimum(np.reciprocal(np.sqrt(sq!).add(1e-6)).mul(o.clip), 1); // min(1, clip / (‖g‖ + 1e-6))
    }
    const P: Tree = {};
    const M: Tree = {};
    const V: Tree = {};
    for (const n of Object.keys(p)) {
      const gi = c ? g[n].mul(c.ref) : g[n];
      const mi = mm[n].mul(b1).add(gi.ref.mul(1 - b1));
      const vi = vv[n].mul(b2).add(np.square(gi).mul(1 - b2));
      P[n] = p[n].sub(mi.ref.mul(step.ref).div(np.sqrt(vi.ref).mul(rb2.ref).add(1e-8)));
      M[n] = mi;
      V[n] = vi;
    }
    c?.dispose();
    step.dispose();
    rb2.dispose();
    return [P, M, V];
  });
  const scalar = (x: number): JArr => np.array(Float32Array.of(x), { shape: [] });

  return {
    lossAndGrads(): { loss: number; grads: Map<string, Float32Array> } {
      const [loss, grads] = valueAndGrad(refAll(params), refAll(frozen), refAll(consts));
      const out = new Map<string, Float32Array>();
      for (const [n, g] of Object.entries(grads)) out.set(n, fromReference(n, g.shape, Float32Array.from(g.dataSync())).data);
      return { loss: loss.dataSync()[0], grads: out }; // dataSync consumes its array
    },
    step(): number {
      const [loss, grads] = valueAndGrad(refAll(params), refAll(frozen), refAll(consts));
      t++;
      [params, m, v2] = update(params, grads, m, v2, scalar(o.lr / (1 - b1 ** t)), scalar(1 / Math.sqrt(1 - b2 ** t)));
      return loss.dataSync()[0];
    },
    weight(name: string): Float32Array {
      const a = params[name];
      return fromReference(name, a.shape, Float32Array.from(a.ref.dataSync())).data;
    },
    dispose(): void {
      for (const t of [params, frozen, consts, m, v2]) disposeAll(t);
    },
  };
}
