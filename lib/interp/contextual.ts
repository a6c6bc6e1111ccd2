/**
 * Static vs contextual vectors: the same token in two sentences, compared layer by layer.
 *
 * A model's residual stream at position t after layer l is one vector h_l(t) [C]. Layer "embed"
 * is the token embedding row (plus absolute positions, which `lm` does not have: it uses RoPE
 * inside attention), so the same token id gives the same vector in any sentence and
 * cos = 1 there. Each block adds what attention and the MLP read from the context, so the vectors
 * of the same word in two sentences can drift apart (Ethayarajh 2019, "How Contextual are
 * Contextualized Word Representations?", self-similarity, §3.3).
 *
 * A fair baseline (Ethayarajh's point, §4.1): in many models *all* vectors of a layer point in
 * similar directions (anisotropy), so a high cosine means little on its own. `baselineCosine`
 * averages the cosine between different tokens of the two sentences at the same layer.
 *
 * Input per sentence: layers[l] is a row-major [T, C] array (l = 0 the embedding, l = 1..L the
 * output of block l − 1, i.e. tap.embed, then tap.blocks.{l}.resid_post).
 */
import { cosine } from './neighbours';

/** Row t of a row-major [T, C] array. */
export const rowOf = (x: ArrayLike<number>, t: number, C: number): ArrayLike<number> =>
  ArrayBuffer.isView(x) ? (x as Float32Array).subarray(t * C, (t + 1) * C) : Array.from({ length: C }, (_, j) => x[t * C + j]);

/** cos(h_l(tA) in sentence A, h_l(tB) in sentence B) for every layer l. */
export function layerSimilarity(a: readonly ArrayLike<number>[], tA: number, b: readonly ArrayLike<number>[], tB: number, C: number): number[] {
  if (a.length !== b.length) throw new Error(`layerSimilarity: ${a.length} and ${b.length} layers`);
  return a.map((la, l) => cosine(rowOf(la, tA, C), rowOf(b[l], tB, C)));
}

/**
 * Mean cosine between every position of A and every position of B whose token ids differ,
 * per layer: how similar two unrelated vectors of that layer already are.
 */
export function baselineCosine(a: readonly ArrayLike<number>[], idsA: readonly number[], b: readonly ArrayLike<number>[], idsB: readonly number[], C: number): number[] {
  return a.map((la, l) => {
    let s = 0, n = 0;
    for (let i = 0; i < idsA.length; i++) {
      for (let j = 0; j < idsB.length; j++) {
        if (idsA[i] === idsB[j]) continue;
        s += cosine(rowOf(la, i, C), rowOf(b[l], j, C));
        n++;
      }
    }
    return n === 0 ? NaN : s / n;
  });
}

/**
 * Where a word sits in a token sequence: the first run of `wordIds` (a word may be several BPE
 * tokens) inside `ids`; returns the position of the run's LAST token (in a causal model the last
 * piece is the first position that has seen the whole word), or −1.
 */
export function findWord(ids: readonly number[], wordIds: readonly number[]): number {
  if (wordIds.length === 0) return -1;
  outer: for (let i = 0; i + wordIds.length <= ids.length; i++) {
    for (let j = 0; j < wordIds.length; j++) if (ids[i + j] !== wordIds[j]) continue outer;
    return i + wordIds.length - 1;
  }
  return -1;
}
