/** Test helper: the runtime's ORT loader pointed at onnxruntime-web's Node build (WASM only). */
import * as ort from 'onnxruntime-web';
import type { OrtModule } from '@/lib/runtime';

/**
 * ORT's Node build, counting session creates. With pretendWebGpu, a 'webgpu' session is created
 * on WASM instead (Node has no WebGPU EP), to exercise code paths that need both to succeed;
 * gpu.lost() returning true makes those sessions' runs fail as after a lost device.
 */
export function countingOrt(pretendWebGpu = false, gpu: { lost?: () => boolean } = {}): { load: () => Promise<OrtModule>; creates: string[] } {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const creates: string[] = [];
  const wrapped = {
    ...ort,
    InferenceSession: {
      create: (bytes: Uint8Array, opts: { executionProviders: string[] }) => {
        creates.push(opts.executionProviders.join(','));
        const eps = pretendWebGpu ? opts.executionProviders.map((e) => (e === 'webgpu' ? 'wasm' : e)) : opts.executionProviders;
        const webgpu = opts.executionProviders.includes('webgpu');
        return ort.InferenceSession.create(bytes, { ...opts, executionProviders: eps }).then((s) => {
          if (!webgpu || !gpu.lost) return s;
          // a pretend-WebGPU session whose device can be lost: run() throws like ORT's WebGPU EP does
          const run = s.run.bind(s);
          return Object.assign(s, {
            run: (...a: Parameters<typeof run>) => (gpu.lost!() ? Promise.reject(new Error('GPUDevice was lost: pretend device loss')) : run(...a)),
          });
        });
      },
    },
  } as unknown as OrtModule;
  return { load: async () => wrapped, creates };
}
