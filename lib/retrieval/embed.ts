/**
 * Dense vectors for many texts, one forward pass each: tokenise, run the model's residual-stream
 * taps, mean-pool every layer. The page passes the model worker (onnxruntime-web, off the main
 * thread), the tests pass onnxruntime-web in Node; both call this same loop.
 *
 *   embedTexts(['a b'], enc, resid, 2) → [[embed vector, block-0 vector, …]]   // [text][layer] → C
 */
import { meanPool } from './dense';

/** ids → the residual stream of every layer, layers[0] = embedding, each row-major [T, C]. */
export type ResidualsFn = (ids: number[]) => Promise<Float32Array[]>;

export interface EmbedOptions {
  signal?: AbortSignal;
  onStep?: (done: number, total: number) => void;
  /** Keep at most this many tokens of a text (the model's context length). */
  maxTokens?: number;
}

export async function embedTexts(texts: readonly string[], encode: (s: string) => number[], resid: ResidualsFn, C: number, opts: EmbedOptions = {}): Promise<Float32Array[][]> {
  const out: Float32Array[][] = [];
  for (let i = 0; i < texts.length; i++) {
    if (opts.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    let ids = encode(texts[i]);
    if (opts.maxTokens && ids.length > opts.maxTokens) ids = ids.slice(0, opts.maxTokens);
    if (ids.length === 0) throw new Error(`embedTexts: text ${i} has no tokens`);
    const layers = await resid(ids);
    out.push(layers.map((x) => meanPool(x, ids.length, C)));
    opts.onStep?.(i + 1, texts.length);
  }
  return out;
}
