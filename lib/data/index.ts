/** Data tools: passages, quality heuristics, MinHash/LSH, SimHash, suffix arrays, contamination, training mix. */
export * from './hash';
export * from './words';
export * from './passages';
export * from './quality';
export * from './minhash';
export * from './simhash';
export * from './suffix-array';
export * from './contamination';
export * from './mix';
export * from './scale';
export * from './jobs';
export * from './protocol';
export * from './worker-client';
export * from './metrics';
