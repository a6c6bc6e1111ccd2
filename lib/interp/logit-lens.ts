/**
 * The logit lens (nostalgebraist 2020, "interpreting GPT: the logit lens"): read the residual
 * stream after any block through the model's own final norm and LM head, as if the remaining
 * blocks were skipped, and see which tokens it already predicts.
 *
 * Stream points, i = 0..L (L = nLayer): i = 0 is the embedding (tap.embed, block 0's input),
 * i ≥ 1 is the output of block i − 1 (tap.blocks.{i-1}.resid_post). The lens at i = L is exactly
 * what the model computes: logits = head(norm_f(resid_post(L-1))).
 *
 *   lensLogits(ops, cfg, x)     x [..., T, C] → [..., T, V], the same norm() call as the model
 *   buildLensGraph(cfg, w)      ids [1, T] → logits, the stream taps and lens.logits [L+1, T, V]
 *
 * Reading the lens out (top-k, ranks; no model code, so the widgets can import it alone):
 * ./lens-readout.ts.
 */
import { encodeModel, type OnnxGraph } from '@/lib/onnx';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { GraphOps, type GVal } from '@/lib/model/graph';
import { names } from '@/lib/model/names';
import type { Ops } from '@/lib/model/ops';
import { norm, transformer } from '@/lib/model/transformer';
import { LENS_OUTPUT, streamTap } from './lens-readout';

export { LENS_OUTPUT, LENS_VARIANT, streamTap } from './lens-readout';

/** Taps the lens graph publishes: the embedding and, per block, resid_mid and resid_post. */
export const isStreamTap = (name: string): boolean => name === names.embed() || /^tap\.blocks\.\d+\.resid_(mid|post)$/.test(name);

/** The model's read-out applied to any residual x [..., T, C]: head(norm_f(x)) → [..., T, V]. */
export function lensLogits<V>(ops: Ops<V>, cfg: TransformerConfig, x: V): V {
  const h = norm(ops, cfg, 'norm_f', x); // [..., T, C]
  const head = ops.param(cfg.tiedEmbeddings ? 'tok_emb.weight' : 'lm_head.weight'); // [V, C]
  return ops.linear(h, head); // [..., T, V]
}

/** GraphOps that also keeps each tapped value, so the lens can read the stream inside the graph. */
class CapturingOps extends GraphOps {
  readonly captured = new Map<string, GVal>();
  tap(name: string, x: GVal): GVal {
    this.captured.set(name, x);
    return super.tap(name, x);
  }
}

/** ids [1, T] → logits [1, T, V], the stream taps (embed, resid_mid, resid_post) and LENS_OUTPUT [L+1, T, V]. */
export function buildLensGraph(cfg: TransformerConfig, weights: WeightMap): OnnxGraph {
  if (cfg.ssm) throw new Error('the lens graph is built for Transformer blocks (cfg.ssm is set)');
  const g = new CapturingOps(weights, { taps: isStreamTap });
  const ids = g.input(names.ids(), 'int64', [1, 'T']); // [1, T]
  const { logits } = transformer(g, cfg, ids);
  g.output(names.logits(), logits); // [1, T, V]
  const points = Array.from({ length: cfg.nLayer + 1 }, (_, i) => g.captured.get(streamTap(i))!); // each [1, T, C]
  const stream = g.concat(points, 0); // [L+1, T, C]
  g.output(LENS_OUTPUT, lensLogits(g, cfg, stream)); // [L+1, T, V]
  return g.graph('transformer-lens');
}

export function buildLensModel(cfg: TransformerConfig, weights: WeightMap): Uint8Array {
  return encodeModel(buildLensGraph(cfg, weights), { opsetVersion: 17, producerName: 'llm-lab' });
}
