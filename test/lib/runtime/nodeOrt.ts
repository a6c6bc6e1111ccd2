/** Test helper: the runtime's ORT loader pointed at onnxruntime-web's Node build (WASM only). */
import * as ort from 'onnxruntime-web';
import type { OrtModule } from '@/lib/runtime';

/**
 * ORT's Node build, counting session creates. With pretendWebGpu, a 'webgpu' session is created
 * on WASM instead (Node has no WebGPU EP), to exercise code paths that need both to succeed.
 */
export function countingOrt(pretendWebGpu = false): { load: () => Promise<OrtModule>; creates: string[] } {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const creates: string[] = [];
  const wrapped = {
    ...ort,
    InferenceSession: {
      create: (bytes: Uint8Array, opts: { executionProviders: string[] }) => {
        creates.push(opts.executionProviders.join(','));
        const eps = pretendWebGpu ? opts.executionProviders.map((e) => (e === 'webgpu' ? 'wasm' : e)) : opts.executionProviders;
        return ort.InferenceSession.create(bytes, { ...opts, executionProviders: eps });
      },
    },
  } as unknown as OrtModule;
  return { load: async () => wrapped, creates };
}
