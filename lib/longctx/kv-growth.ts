/**
 * The KV cache of one sequence as it grows, and what a decode step costs with and without it.
 *
 * Per layer l and kv head h the cache holds K and V of shape [S, hs] for S cached tokens, so one
 * (layer, head) cell holds 2 · S · hs numbers and the whole cache 2 · L · nkv · hs · S (the
 * formula of lib/longctx/kv-memory.ts, Pope et al. 2022 "Efficiently Scaling Transformer
 * Inference", §2). Our runtime stores fp32 (4 bytes); fp16 and int8 are what the same cache
 * would take in those formats (int8 scales not counted).
 *
 * Cost of generating n tokens after a prompt of P, counted in token positions run through the
 * model: with the cache, the prompt once (which gives the first token), then 1 per further step,
 * P + (n − 1) in total; without, step k (k = 0 … n−1) re-runs the whole prefix of P + k tokens → n·P + n(n−1)/2.
 *
 *   lm (L 8, nkv 2, hs 32), S = 10: cell = 2·10·32 = 640 numbers = 2560 B fp32; total 40 KiB fp32.
 *   recomputedPositions(4, 3) = 4 + 5 + 6 = 15; cachedPositions(4, 3) = 4 + 2 = 6.
 */
import type { TransformerConfig } from '@/lib/model/config';
import { headSize } from '@/lib/model/config';
import { cacheFormats, kvCacheBytes, type CacheFormat } from './kv-memory';

export interface CacheCell {
  layer: number;
  kvHead: number;
  /** K and V numbers held for this layer and kv head. */
  numbers: number;
  bytes: Record<CacheFormat, number>;
}

const FORMATS = Object.keys(cacheFormats) as CacheFormat[];

function bytesIn(numbersPerElem: (b: number) => number): Record<CacheFormat, number> {
  return Object.fromEntries(FORMATS.map((f) => [f, numbersPerElem(cacheFormats[f])])) as Record<CacheFormat, number>;
}

/** One cell per (layer, kv head), row-major by layer, for S cached tokens. */
export function cacheCells(cfg: TransformerConfig, S: number): CacheCell[] {
  const hs = headSize(cfg);
  const cells: CacheCell[] = [];
  for (let layer = 0; layer < cfg.nLayer; layer++) {
    for (let kvHead = 0; kvHead < cfg.nKvHead; kvHead++) {
      cells.push({ layer, kvHead, numbers: 2 * S * hs, bytes: bytesIn((b) => kvCacheBytes({ nLayers: 1, nKvHeads: 1, dHead: hs, seqLen: S, batch: 1, bytesPerElem: b })) });
    }
  }
  return cells;
}

/** The whole cache of one sequence of S tokens in each format. */
export function cacheTotal(cfg: TransformerConfig, S: number): Record<CacheFormat, number> {
  return bytesIn((b) => kvCacheBytes({ nLayers: cfg.nLayer, nKvHeads: cfg.nKvHead, dHead: headSize(cfg), seqLen: S, batch: 1, bytesPerElem: b }));
}

/** Positions run through the model to generate n tokens after P prompt tokens with a cache. */
export function cachedPositions(P: number, n: number): number {
  return n <= 0 ? 0 : P + (n - 1);
}

/** The same without a cache: every step re-runs its whole prefix. */
export function recomputedPositions(P: number, n: number): number {
  return n <= 0 ? 0 : n * P + (n * (n - 1)) / 2;
}

/** Median of a list (mean of the two middle values for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface StepTiming {
  /** Tokens in the context when this token was produced (prompt + generated so far). */
  context: number;
  cachedMs: number;
  recomputeMs: number;
}

/** Median ms per generated token with and without the cache, and their ratio (without / with). */
export function timingSummary(steps: readonly StepTiming[]): { cachedMs: number; recomputeMs: number; speedup: number } {
  const cachedMs = median(steps.map((s) => s.cachedMs));
  const recomputeMs = median(steps.map((s) => s.recomputeMs));
  return { cachedMs, recomputeMs, speedup: recomputeMs / cachedMs };
}
