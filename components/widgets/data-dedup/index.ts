import { lazy } from 'react';
import { bool, defineSchema, enumOf, float, int, seed } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const dataDedupSchema = defineSchema({
  method: enumOf(['minhash', 'simhash', 'exact'] as const, 'minhash'),
  /** Shingle size in words (MinHash, SimHash). */
  n: int({ default: 5, min: 1, max: 10 }),
  /** LSH: bands b and rows per band r (signature length b·r). */
  bands: int({ default: 20, min: 1, max: 50 }),
  rows: int({ default: 5, min: 1, max: 20 }),
  /** Exact Jaccard similarity a candidate needs to count as a near-duplicate. */
  threshold: float({ default: 0.8, min: 0.1, max: 1 }),
  /** SimHash: largest Hamming distance of the 64-bit fingerprints. */
  bits: int({ default: 3, min: 0, max: 20 }),
  /** Exact substrings: minimum length in characters. */
  minChars: int({ default: 50, min: 10, max: 500 }),
  source: enumOf(['all', 'austen', 'moby', 'kjv'] as const, 'all'),
  /** List only duplicate groups with more than one distinct text (near duplicates). */
  hideIdentical: bool(false),
  seed: seed(1),
});
export type DataDedupState = typeof dataDedupSchema.defaults;

export default defineWidget<DataDedupState>({
  id: 'data-dedup',
  title: 'Finding duplicates: MinHash, SimHash, suffix arrays',
  description: 'Near-duplicate passages of the training text by MinHash + LSH banding or SimHash, and exact repeated spans by suffix array, computed in a worker with the duplicates found.',
  schema: dataDedupSchema,
  controls: ['method', 'n', 'bands', 'rows', 'threshold', 'bits', 'minChars', 'source', 'hideIdentical', 'seed'],
  minHeight: 620,
  Component: lazy(() => import('./DataDedup')),
});
