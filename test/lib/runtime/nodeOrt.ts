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

/** Counts of the fake GPU buffers made by fakeGpuOrt. */
export interface FakeGpuStats {
  made: number;
  disposed: number;
  /** getData() calls on fake GPU buffers (read-backs). */
  downloads: number;
  /** Inputs taken as fake GPU buffers by a (pretend) WebGPU session. */
  fedOnDevice: number;
}

/**
 * countingOrt(true) whose pretend-WebGPU sessions honour preferredOutputLocation 'gpu-buffer':
 * such outputs come back as fake GPU tensors (location 'gpu-buffer', no .data, getData() counts
 * a read-back, dispose() frees). A fake GPU tensor fed to a pretend-WebGPU session goes in as its
 * values; fed to a WASM session, or used after dispose, the run throws (as ORT would misbehave).
 */
export function fakeGpuOrt(gpu: { lost?: () => boolean } = {}): { load: () => Promise<OrtModule>; stats: FakeGpuStats } {
  const base = countingOrt(true);
  const stats: FakeGpuStats = { made: 0, disposed: 0, downloads: 0, fedOnDevice: 0 };
  type Fake = { location: 'gpu-buffer'; type: string; dims: readonly number[]; values: ort.Tensor['data']; freed: boolean; getData(): Promise<unknown>; dispose(): void };
  const fake = (t: ort.Tensor): Fake => {
    stats.made++;
    const f: Fake = {
      location: 'gpu-buffer', type: t.type, dims: t.dims, values: t.data, freed: false,
      getData: async () => {
        if (f.freed) throw new Error('fake GPU buffer read after dispose');
        if (gpu.lost?.()) throw new Error('GPUDevice was lost: pretend device loss (read-back)');
        stats.downloads++;
        return f.values;
      },
      dispose: () => {
        if (!f.freed) stats.disposed++;
        f.freed = true;
      },
    };
    Object.defineProperty(f, 'data', { get: () => { throw new Error('fake GPU buffer: .data is not on the CPU'); } });
    return f;
  };
  const load = async (): Promise<OrtModule> => {
    const o = await base.load();
    const create = async (bytes: Uint8Array, opts: { executionProviders: string[]; preferredOutputLocation?: Record<string, string> }) => {
      const webgpu = opts.executionProviders.includes('webgpu');
      const onGpu = new Set(Object.entries(opts.preferredOutputLocation ?? {}).filter(([, l]) => l === 'gpu-buffer').map(([n]) => n));
      const { preferredOutputLocation: _ignored, ...rest } = opts;
      const session = await o.InferenceSession.create(bytes, rest as never);
      const run = session.run.bind(session);
      return Object.assign(session, {
        run: async (feeds: Record<string, ort.Tensor | Fake>) => {
          if (webgpu && gpu.lost?.()) throw new Error('GPUDevice was lost: pretend device loss');
          const real: Record<string, ort.Tensor> = {};
          for (const [k, t] of Object.entries(feeds)) {
            if (t.location !== 'gpu-buffer') real[k] = t as ort.Tensor;
            else if (!webgpu) throw new Error(`fake GPU buffer "${k}" fed to a WASM session`);
            else if ((t as Fake).freed) throw new Error(`fake GPU buffer "${k}" fed after dispose`);
            else {
              stats.fedOnDevice++;
              real[k] = new ort.Tensor(t.type as never, (t as Fake).values as never, t.dims);
            }
          }
          const out = await run(real);
          return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, webgpu && onGpu.has(k) ? fake(t) : t]));
        },
      });
    };
    return { ...o, InferenceSession: { create } } as unknown as OrtModule;
  };
  return { load, stats };
}
