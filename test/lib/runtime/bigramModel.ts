/**
 * A hand-built "language model" for runtime tests: logits[t] = log P(next | ids[t]) from a fixed
 * bigram table, as an ONNX graph made with lib/onnx (Gather of the table by ids).
 *   inputs:  ids int64 [1, T]        outputs: logits float32 [1, T, V]
 */
import { encodeModel } from '@/lib/onnx';
import type { LoadedModel, Progress, WireTensor } from '@/lib/runtime';

// 0 = eos; the greedy chain is 1 → 2 → 3 → 1 …; token 3 ends the text with p 0.3
export const TABLE = [
  [0.25, 0.25, 0.25, 0.25],
  [0.05, 0.05, 0.8, 0.1],
  [0.05, 0.05, 0.1, 0.8],
  [0.3, 0.6, 0.05, 0.05],
];
export const V = TABLE.length;

export function bigramOnnx(): Uint8Array {
  return encodeModel({
    name: 'bigram',
    initializers: [{ name: 'table', dtype: 'float32', dims: [V, V], data: Float32Array.from(TABLE.flat(), Math.log) }],
    inputs: [{ name: 'ids', dtype: 'int64', dims: [1, 'T'] }],
    outputs: [{ name: 'logits', dtype: 'float32', dims: [1, 'T', V] }],
    nodes: [{ opType: 'Gather', inputs: ['table', 'ids'], outputs: ['logits'], attributes: { axis: { int: 0 } } }],
  });
}

export const idsTensor = (ids: number[]): WireTensor => ({ dtype: 'int64', dims: [1, ids.length], data: BigInt64Array.from(ids.map(BigInt)) });

/** The last row of logits [1, T, V]. */
export const lastRow = (t: WireTensor): Float32Array => (t.data as Float32Array).slice((t.dims[1] - 1) * V, t.dims[1] * V);

export function bigramModel(graphCalls: string[] = []): (onProgress: (p: Progress) => void) => Promise<LoadedModel> {
  return async (onProgress) => {
    onProgress({ phase: 'build', loaded: 1, total: 1 });
    return {
      info: { vocabSize: V },
      graph: (variant) => {
        graphCalls.push(variant);
        return bigramOnnx();
      },
      calibration: () => ({
        prefill: { variant: 'logits', feeds: { ids: idsTensor(Array.from({ length: 128 }, (_, i) => i % V)) }, tokens: 128 },
        decode: { variant: 'logits', feeds: { ids: idsTensor([1]) } },
      }),
      // a "KV cache" that only remembers how many ids were processed: feeds just the new ones
      stepper: (run) => ({
        newCache: () => ({ seen: 0 }),
        nextLogits: async (ids, cache) => {
          const c = cache as { seen: number };
          const fresh = ids.slice(c.seen);
          c.seen = ids.length;
          const out = await run('logits', { ids: idsTensor([...fresh]) }, fresh.length > 1 ? 'prefill' : 'decode');
          return lastRow(out.logits);
        },
      }),
    };
  };
}
