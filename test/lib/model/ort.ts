// Runs an ONNX model with onnxruntime-web's WASM backend inside Node (single thread), for parity tests.
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

export type Feed = Record<string, { data: Float32Array | BigInt64Array | Int32Array; shape: number[] }>;

export async function session(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
}

export async function run(s: ort.InferenceSession, feed: Feed): Promise<Record<string, { data: Float32Array; shape: number[] }>> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const [k, v] of Object.entries(feed)) feeds[k] = new ort.Tensor(v.data instanceof BigInt64Array ? 'int64' : v.data instanceof Int32Array ? 'int32' : 'float32', v.data, v.shape);
  const out = await s.run(feeds);
  const r: Record<string, { data: Float32Array; shape: number[] }> = {};
  for (const [k, v] of Object.entries(out)) r[k] = { data: v.data as Float32Array, shape: [...v.dims] };
  return r;
}
