/**
 * The reference train step: the same decoder-only Transformer as lib/model/transformer.ts, written
 * directly with TensorFlow.js ops (Smilkov et al. 2019, "TensorFlow.js: Machine Learning for the
 * Web and Beyond"), gradients from tf.variableGrads, the update from tf.train.adam. It runs a real
 * batch [B, T] at once (ours accumulates B single sequences). Layout and constants: layout.ts.
 *
 *   x = tok_emb[ids] (+ pos_emb[0..T-1])                                   [B·T, C]
 *   per block: x += wo(attn(norm1(x))); x += mlp(norm2(x))
 *     attn: q, k, v = x·Kq, x·Kk, x·Kv → [B, n, T, hs]; RoPE (rotate-half) on q, k; kv heads
 *           tiled g = nh/nkv times; softmax(q·kᵀ/√hs + mask)·v
 *     mlp:  SwiGLU (silu(x·K1) ⊙ x·K3)·K2, or GELU (tanh form) (x·K1)·K2
 *     LoRA: x·K + (α/r)·(x·A)·B on the adapted Linears (base frozen, A and B trained)
 *   logits = norm_f(x) · tok_embᵀ (tied) or · K_head                       [B·T, V]
 *   loss = −Σ rowWeight · log softmax(logits)[target]
 *
 * `Tf` is the part of the @tensorflow/tfjs API used here, typed locally so the repo typechecks
 * without the bench-only install (scripts/bench/reference/package.json).
 */
import type { TransformerConfig } from '../../../lib/model/config';
import { headSize } from '../../../lib/model/config';
import type { LoraConfig } from '../../../lib/peft/lora';
import type { Tensor as OurTensor } from '../../../lib/tensor';
import { fromReference, refTables, toReference, type RefBatch } from './layout';

/** A TF.js tensor, opaque. */
export interface TfT {
  readonly shape: number[];
  dataSync(): Float32Array | Int32Array;
  dispose(): void;
}
interface TfVar extends TfT {
  readonly name: string;
}
interface TfOptimizer {
  applyGradients(grads: Record<string, TfT>): void;
  dispose(): void;
}
export interface Tf {
  tensor(values: Float32Array | Int32Array, shape: number[], dtype?: 'float32' | 'int32'): TfT;
  scalar(v: number): TfT;
  variable(t: TfT, trainable: boolean, name: string): TfVar;
  tidy<R>(fn: () => R): R;
  dispose(x: TfT | TfT[]): void;
  matMul(a: TfT, b: TfT, transposeA?: boolean, transposeB?: boolean): TfT;
  add(a: TfT, b: TfT): TfT;
  sub(a: TfT, b: TfT): TfT;
  mul(a: TfT, b: TfT): TfT;
  div(a: TfT, b: TfT): TfT;
  reshape(x: TfT, shape: number[]): TfT;
  transpose(x: TfT, perm: number[]): TfT;
  gather(x: TfT, idx: TfT): TfT;
  concat(xs: TfT[], axis: number): TfT;
  split(x: TfT, n: number, axis: number): TfT[];
  slice(x: TfT, begin: number[], size: number[]): TfT;
  tile(x: TfT, reps: number[]): TfT;
  softmax(x: TfT): TfT;
  logSoftmax(x: TfT): TfT;
  sigmoid(x: TfT): TfT;
  tanh(x: TfT): TfT;
  square(x: TfT): TfT;
  sqrt(x: TfT): TfT;
  rsqrt(x: TfT): TfT;
  mean(x: TfT, axis: number, keepDims: boolean): TfT;
  sum(x: TfT, axis?: number, keepDims?: boolean): TfT;
  addN(xs: TfT[]): TfT;
  minimum(a: TfT, b: TfT): TfT;
  oneHot(idx: TfT, depth: number): TfT;
  variableGrads(f: () => TfT, varList: TfVar[]): { value: TfT; grads: Record<string, TfT> };
  train: { adam(lr: number, beta1: number, beta2: number, eps: number): TfOptimizer };
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  env(): { set(flag: string, value: boolean): void };
}

export interface RefOptions {
  cfg: TransformerConfig;
  /** Our weights (base + adapters); copied, never changed. */
  weights: ReadonlyMap<string, OurTensor>;
  trainable?: (name: string) => boolean;
  lora?: LoraConfig;
  batch: RefBatch;
  lr: number;
  /** Max global gradient norm (omit: none). */
  clip?: number;
  /**
   * Embedding lookup as oneHot(ids) · tok_emb instead of gather: the same numbers, for backends
   * without gather's gradient kernel (TF.js wasm has no UnsortedSegmentSum).
   */
  oneHotEmbedding?: boolean;
}

let made = 0;

/** A reference model on the current backend. dispose() frees its variables. */
export function tfjsTrainer(tf: Tf, o: RefOptions) {
  const { cfg, batch, lora } = o;
  const { B, T } = batch;
  const C = cfg.dModel;
  const hs = headSize(cfg);
  const { nHead: nh, nKvHead: nkv } = cfg;
  const prefix = `ref${made++}/`;
  const params = new Map<string, TfVar>();
  const trainable: TfVar[] = [];
  for (const p of toReference(o.weights, o.trainable)) {
    const v = tf.tidy(() => tf.variable(tf.tensor(p.data, p.shape), p.trainable, prefix + p.name));
    params.set(p.name, v);
    if (p.trainable) trainable.push(v);
  }
  const tables = refTables(cfg, T);
  const hh = hs / 2;
  const cos = tables.cos && tf.tensor(tables.cos, [T, hh]);
  const sin = tables.sin && tf.tensor(tables.sin, [T, hh]);
  const mask = tf.tensor(tables.mask, [T, T]);
  const ids = tf.tensor(batch.ids, [B * T], 'int32');
  const targets = tf.tensor(batch.targets, [B * T], 'int32');
  const rowWeight = tf.tensor(batch.rowWeight, [B * T, 1]);
  const adapted = new Set(lora ? [...o.weights.keys()].filter((n) => /\.lora_A$/.test(n)).map((n) => n.replace(/\.lora_A$/, '.weight')) : []);
  const s = lora ? lora.alpha / lora.r : 0;
  const opt = tf.train.adam(o.lr, 0.9, 0.999, 1e-8);

  const P = (name: string): TfVar => {
    const v = params.get(name);
    if (!v) throw new Error(`reference: no weight ${name}`);
    return v;
  };
  const opt_ = (name: string): TfVar | undefined => params.get(name);
  /** x [N, in] · K (+ b), with the LoRA path when the weight is adapted. */
  const dense = (x: TfT, p: string): TfT => {
    let y = tf.matMul(x, P(`${p}.weight`));
    if (adapted.has(`${p}.weight`)) y = tf.add(y, tf.mul(tf.matMul(tf.matMul(x, P(`${p}.lora_A`)), P(`${p}.lora_B`)), tf.scalar(s)));
    const b = cfg.bias ? opt_(`${p}.bias`) : undefined;
    return b ? tf.add(y, b) : y;
  };
  const norm = (x: TfT, p: string): TfT => {
    const w = P(`${p}.weight`);
    const eps = tf.scalar(cfg.normEps);
    if (cfg.norm === 'rmsnorm') return tf.mul(tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), eps))), w);
    const c = tf.sub(x, tf.mean(x, -1, true));
    const y = tf.mul(tf.div(c, tf.sqrt(tf.add(tf.mean(tf.square(c), -1, true), eps))), w);
    const b = cfg.bias ? opt_(`${p}.bias`) : undefined;
    return b ? tf.add(y, b) : y;
  };
  /** [B·T, n·hs] → [B, n, T, hs] */
  const heads = (x: TfT, n: number): TfT => tf.transpose(tf.reshape(x, [B, T, n, hs]), [0, 2, 1, 3]);
  const rope = (x: TfT): TfT => {
    if (!cos || !sin) return x;
    const [x1, x2] = tf.split(x, 2, -1); // [B, n, T, hs/2] each
    return tf.concat([tf.sub(tf.mul(x1, cos), tf.mul(x2, sin)), tf.add(tf.mul(x2, cos), tf.mul(x1, sin))], -1);
  };
  const repeatKv = (x: TfT): TfT => {
    const g = nh / nkv;
    if (g === 1) return x;
    return tf.reshape(tf.tile(tf.reshape(x, [B, nkv, 1, T * hs]), [1, 1, g, 1]), [B, nh, T, hs]); // rank 4: TF.js has no rank-5 Tile gradient
  };
  const attention = (x: TfT, l: number): TfT => {
    const p = `blocks.${l}.attn`;
    const q = rope(heads(dense(x, `${p}.wq`), nh)); // [B, nh, T, hs]
    const k = repeatKv(rope(heads(dense(x, `${p}.wk`), nkv))); // [B, nh, T, hs]
    const v = repeatKv(heads(dense(x, `${p}.wv`), nkv)); // [B, nh, T, hs]
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), tf.scalar(1 / Math.sqrt(hs))), mask); // [B, nh, T, T]
    const out = tf.matMul(tf.softmax(scores), v); // [B, nh, T, hs]
    return dense(tf.reshape(tf.transpose(out, [0, 2, 1, 3]), [B * T, nh * hs]), `${p}.wo`); // [B·T, C]
  };
  const gelu = (a: TfT): TfT => {
    const inner = tf.mul(tf.add(a, tf.mul(tf.mul(tf.square(a), a), tf.scalar(0.044715))), tf.scalar(Math.sqrt(2 / Math.PI)));
    return tf.mul(tf.mul(a, tf.scalar(0.5)), tf.add(tf.tanh(inner), tf.scalar(1)));
  };
  const mlp = (x: TfT, l: number): TfT => {
    const p = `blocks.${l}.mlp`;
    const a = dense(x, `${p}.w1`);
    const h = cfg.mlp === 'gelu' ? gelu(a) : tf.mul(tf.mul(a, tf.sigmoid(a)), dense(x, `${p}.w3`));
    return dense(h, `${p}.w2`);
  };
  const loss = (): TfT => {
    let x = o.oneHotEmbedding ? tf.matMul(tf.oneHot(ids, cfg.vocabSize), P('tok_emb.weight')) : tf.gather(P('tok_emb.weight'), ids); // [B·T, C]
    if (cfg.position === 'learned') x = tf.reshape(tf.add(tf.reshape(x, [B, T, C]), tf.slice(P('pos_emb.weight'), [0, 0], [T, C])), [B * T, C]);
    for (let l = 0; l < cfg.nLayer; l++) {
      x = tf.add(x, attention(norm(x, `blocks.${l}.norm1`), l));
      x = tf.add(x, mlp(norm(x, `blocks.${l}.norm2`), l));
    }
    const h = norm(x, 'norm_f');
    const logits = cfg.tiedEmbeddings ? tf.matMul(h, P('tok_emb.weight'), false, true) : tf.matMul(h, P('lm_head.weight')); // [B·T, V]
    const picked = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(targets, cfg.vocabSize)), -1, true); // [B·T, 1]
    return tf.mul(tf.sum(tf.mul(picked, rowWeight)), tf.scalar(-1));
  };
  const ourName = (n: string): string => n.slice(prefix.length);

  return {
    /** Loss and gradients (ours' layout and names) before any update. */
    lossAndGrads(): { loss: number; grads: Map<string, Float32Array> } {
      const { value, grads } = tf.variableGrads(loss, trainable);
      const out = new Map<string, Float32Array>();
      for (const [n, g] of Object.entries(grads)) out.set(ourName(n), fromReference(ourName(n), g.shape, Float32Array.from(g.dataSync())).data);
      const l = value.dataSync()[0];
      tf.dispose([value, ...Object.values(grads)]);
      return { loss: l, grads: out };
    },
    /** One step: loss, gradients, clipping by global norm, Adam. Returns the loss before it. */
    step(): number {
      const { value, grads } = tf.variableGrads(loss, trainable);
      const clip = o.clip;
      const clipped = clip === undefined ? grads : tf.tidy(() => {
        const n = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
        const c = tf.minimum(tf.scalar(1), tf.div(tf.scalar(clip), tf.add(n, tf.scalar(1e-6))));
        return Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, c)]));
      });
      opt.applyGradients(clipped);
      const l = value.dataSync()[0];
      tf.dispose([value, ...Object.values(grads), ...(clipped === grads ? [] : Object.values(clipped))]);
      return l;
    },
    /** A trainable weight now, in our layout. */
    weight(name: string): Float32Array {
      const v = P(name);
      return fromReference(name, v.shape, Float32Array.from(v.dataSync())).data;
    },
    dispose(): void {
      opt.dispose();
      tf.dispose([...params.values(), ...[cos, sin].filter((t): t is TfT => t !== null), mask, ids, targets, rowWeight]);
    },
  };
}
