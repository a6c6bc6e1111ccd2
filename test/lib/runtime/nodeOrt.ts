/** Test helper: the runtime's ORT loader pointed at onnxruntime-web's Node build (WASM only). */
import * as ort from 'onnxruntime-web';
import type { OrtModule } from '@/lib/runtime';

export function countingOrt(): { load: () => Promise<OrtModule>; creates: string[] } {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const creates: string[] = [];
  const wrapped = {
    ...ort,
    InferenceSession: {
      create: (bytes: Uint8Array, opts: { executionProviders: string[] }) => {
        creates.push(opts.executionProviders.join(','));
        return ort.InferenceSession.create(bytes, opts);
      },
    },
  } as unknown as OrtModule;
  return { load: async () => wrapped, creates };
}
