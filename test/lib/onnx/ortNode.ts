/** Test helper: run ONNX bytes on onnxruntime-web's WASM backend in Node (one thread). */
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

export type Feed = Record<string, ort.Tensor>;

export async function runBytes(bytes: Uint8Array, feeds: Feed): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

export { ort };
