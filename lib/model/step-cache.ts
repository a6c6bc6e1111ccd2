/**
 * A fixed-capacity KV cache for the 'step' graph (build.ts cache 'step'): per layer, K and V are
 * [1, nkv, C, hs] with C = contextLength; a step at position p attends to slots 0..p-1 and to the
 * new token, then its new k/v ([1, nkv, 1, hs]) go into slot p. Shapes never change, so on WebGPU
 * the same buffers are bound every step (and the step can be a captured graph replay).
 *
 *   const cache = zeroCache(cfg);                 // or fillFromPresent(cfg, prefill outputs)
 *   feeds: { ids: [[tok]], pos: [p], visible: visibleMask(C, p), ...past.* = cache }
 *   writeSlot(cache.k[l], out['new.l.key'], nkv, C, hs, p)   // after the step
 */
import { headSize, type TransformerConfig } from './config';

/** visible [1, C + 1]: 1 for slots 0..p-1 and for the last key (the new token), 0 elsewhere. */
export function visibleMask(C: number, p: number): Float32Array {
  if (p < 0 || p >= C) throw new Error(`step position ${p} is outside the cache capacity ${C}`);
  const m = new Float32Array(C + 1);
  m.fill(1, 0, p);
  m[C] = 1;
  return m;
}

/** Copies row [1, nkv, 1, hs] into slot p of cache [1, nkv, C, hs] (in place). */
export function writeSlot(cache: Float32Array, row: Float32Array, nkv: number, C: number, hs: number, p: number): void {
  for (let h = 0; h < nkv; h++) cache.set(row.subarray(h * hs, (h + 1) * hs), (h * C + p) * hs);
}

/** Copies present [1, nkv, T, hs] into slots 0..T-1 of cache [1, nkv, C, hs] (in place). */
export function writePrefix(cache: Float32Array, present: Float32Array, nkv: number, C: number, hs: number, T: number): void {
  for (let h = 0; h < nkv; h++) cache.set(present.subarray(h * T * hs, (h + 1) * T * hs), h * C * hs);
}

/** The dims of one layer's K or V in the fixed-capacity cache. */
export function stepCacheDims(cfg: TransformerConfig): [number, number, number, number] {
  return [1, cfg.nKvHead, cfg.contextLength, headSize(cfg)];
}

/**
 * Can cache 'inplace' (build.ts; onnxruntime's GroupQueryAttention) hold this model? Its checks:
 * head size a multiple of 8, and of 16 with RoPE (the cos/sin tables' width, hs/2, a multiple of 8).
 */
export function fitsInplace(cfg: TransformerConfig): boolean {
  const hs = headSize(cfg);
  return hs % (cfg.position === 'rope' ? 16 : 8) === 0;
}
