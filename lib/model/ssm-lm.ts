/**
 * A language model whose blocks mix tokens with the Mamba-2 mixer (lib/model/ssm.ts) instead of
 * attention; everything else is the Transformer's (lib/model/transformer.ts): token embedding (no
 * positions: the recurrence orders the tokens), pre-norm blocks
 *   x = x + mamba2(norm1(x));  x = x + mlp(norm2(x))      (mlp may be an MoE)
 * a final norm and the tied / untied head. Same taps as the Transformer where they exist
 * (embed, residMid, residPost) plus ssmDt / ssmB / ssmC.
 *
 *   ssmLm      any T tokens, optional incoming states (one per layer) → logits [1, T, V] and the
 *              states after the last token (parallel SSD form).
 *   ssmLmStep  one token, the recurrent form: states in → states out; what decoding runs.
 *
 * Graphs (buildSsmGraph): cache 'none' ids [1, T] → logits; 'prefill' also outputs
 * present.{l}.conv [1, K-1, Dc] and present.{l}.ssm [1, H, P, N]; 'decode' takes ids [1, 1] and
 * past.{l}.conv / past.{l}.ssm and outputs logits + present.* (the recurrent form). Unlike a KV
 * cache, the state does not grow with the context.
 */
import { encodeModel, type OnnxGraph } from '@/lib/onnx';
import type { Tensor } from '@/lib/tensor';
import { validateConfig, type TransformerConfig } from './config';
import { EagerOps, type WeightMap } from './eager';
import { GraphOps, type GVal } from './graph';
import { names } from './names';
import type { Ops, TapFilter } from './ops';
import { positionContext } from './positions';
import { mamba2, mamba2Step, zeroSsmState, type SsmState } from './ssm';
import { ssmDims } from './ssm-shapes';
import { embed, feedForward, norm } from './transformer';

export interface SsmLmResult<V> {
  /** [1, T, V] */
  logits: V;
  /** Per layer, the state after the last token. */
  present: SsmState<V>[];
}

function run<V>(ops: Ops<V>, cfg: TransformerConfig, ids: V, mixer: (l: number, h: V, future: V) => { y: V; state: SsmState<V> }): SsmLmResult<V> {
  if (!cfg.ssm) throw new Error('ssmLm needs cfg.ssm');
  const pos = positionContext(ops, cfg, ids, null);
  let x = embed(ops, cfg, ids, pos); // [1, T, C]
  const present: SsmState<V>[] = [];
  for (let l = 0; l < cfg.nLayer; l++) {
    const r = mixer(l, norm(ops, cfg, `blocks.${l}.norm1`, x), pos.future);
    const mid = ops.tap(names.residMid(l), ops.add(x, r.y)); // [1, T, C]
    x = ops.tap(names.residPost(l), ops.add(mid, feedForward(ops, cfg, l, norm(ops, cfg, `blocks.${l}.norm2`, mid)))); // [1, T, C]
    present.push(r.state);
  }
  const h = norm(ops, cfg, 'norm_f', x); // [1, T, C]
  const head = ops.param(cfg.tiedEmbeddings ? 'tok_emb.weight' : 'lm_head.weight'); // [V, C]
  return { logits: ops.linear(h, head), present };
}

function checkPast<V>(cfg: TransformerConfig, past?: SsmState<V>[]): void {
  if (past && past.length !== cfg.nLayer) throw new Error(`past has ${past.length} layers, the model ${cfg.nLayer}`);
}

/** Full-sequence form: ids int64 [1, T]; past: states left by earlier tokens (zeros when omitted). */
export function ssmLm<V>(ops: Ops<V>, cfg: TransformerConfig, ids: V, past?: SsmState<V>[]): SsmLmResult<V> {
  checkPast(cfg, past);
  return run(ops, cfg, ids, (l, h, future) => mamba2(ops, cfg, l, h, future, past?.[l]));
}

/** Recurrent form: exactly one token ids [1, 1] and the states before it. */
export function ssmLmStep<V>(ops: Ops<V>, cfg: TransformerConfig, ids: V, past?: SsmState<V>[]): SsmLmResult<V> {
  checkPast(cfg, past);
  return run(ops, cfg, ids, (l, h) => mamba2Step(ops, cfg, l, h, past?.[l] ?? zeroSsmState(ops, cfg)));
}

export type SsmCache = SsmState<Tensor>[];

/** Eager decoding: feed a prompt with `ssmLm` (or token by token), then one token at a time. */
export function eagerSsmStep(cfg: TransformerConfig, weights: WeightMap, ids: Tensor | { data: BigInt64Array; shape: number[] }, cache?: SsmCache, form: 'parallel' | 'recurrent' = 'parallel', taps: TapFilter = false) {
  const ops = new EagerOps(weights, { taps });
  const r = form === 'parallel' ? ssmLm(ops, cfg, ids, cache) : ssmLmStep(ops, cfg, ids, cache);
  return { logits: r.logits as Tensor, cache: r.present as SsmCache, trace: ops.trace };
}

export type SsmCacheMode = 'none' | 'prefill' | 'decode';

export function buildSsmGraph(cfg: TransformerConfig, weights: WeightMap, opts: { taps?: TapFilter; cache?: SsmCacheMode } = {}): OnnxGraph {
  validateConfig(cfg);
  const cache = opts.cache ?? 'none';
  const { K, Dc, H, P, N } = ssmDims(cfg);
  const g = new GraphOps(weights, { taps: opts.taps ?? false });
  const ids = g.input(names.ids(), 'int64', [1, cache === 'decode' ? 1 : 'T']);
  let r: SsmLmResult<GVal>;
  if (cache === 'decode') {
    const past = Array.from({ length: cfg.nLayer }, (_, l) => ({
      conv: g.input(names.pastConv(l), 'float32', [1, K - 1, Dc]),
      ssm: g.input(names.pastSsm(l), 'float32', [1, H, P, N]),
    }));
    r = ssmLmStep(g, cfg, ids, past);
  } else r = ssmLm(g, cfg, ids);
  g.output(names.logits(), r.logits);
  if (cache !== 'none') {
    r.present.forEach((s, l) => {
      g.output(names.presentConv(l), { ...s.conv, shape: [1, K - 1, Dc] });
      g.output(names.presentSsm(l), { ...s.ssm, shape: [1, H, P, N] });
    });
  }
  return g.graph(`ssm-${cache}`);
}

export function buildSsmModel(cfg: TransformerConfig, weights: WeightMap, opts: { taps?: TapFilter; cache?: SsmCacheMode } = {}): Uint8Array {
  return encodeModel(buildSsmGraph(cfg, weights, opts), { opsetVersion: 17, producerName: 'llm-lab' });
}

/** Maps present.{l}.conv/ssm outputs to the next decode call's past.{l}.conv/ssm inputs. */
export function ssmPastFeeds<T>(outputs: Record<string, T>, nLayer: number): Record<string, T> {
  const feeds: Record<string, T> = {};
  for (let l = 0; l < nLayer; l++) {
    for (const [from, to] of [[names.presentConv(l), names.pastConv(l)], [names.presentSsm(l), names.pastSsm(l)]]) {
      const t = outputs[from];
      if (t === undefined) throw new Error(`ssmPastFeeds: output "${from}" is missing (was the graph built with a cache?)`);
      feeds[to] = t;
    }
  }
  return feeds;
}
