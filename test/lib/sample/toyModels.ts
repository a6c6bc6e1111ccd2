/** Step functions over tiny hand-made "models" for the decoding tests. */
import type { NextLogits } from '@/lib/sample';

/** A bigram table: row = previous token, values = probabilities of the next one. */
export function bigram(table: number[][]): NextLogits {
  return (ids) => Float32Array.from(table[ids[ids.length - 1]], Math.log);
}
