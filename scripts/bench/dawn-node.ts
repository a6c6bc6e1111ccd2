/**
 * Dawn's Node binding (npm `webgpu`, installed only where GPU benches run: see runtime-gpu.ts)
 * as navigator.gpu, so onnxruntime-web's WebGPU EP runs in Node. Returns false (WASM only) when
 * the package is missing or GPU=0. dawn.node rejects typed-array views on a SharedArrayBuffer
 * (ORT's wasm heap), so GPUQueue.writeBuffer copies them first (shared/gpu-webgpu/patch.mjs).
 */
export async function installDawn(): Promise<boolean> {
  if (process.env.GPU === '0') return false;
  let mod: any;
  try {
    const dawn = 'webgpu'; // not a project dependency: a non-literal import
    mod = await import(dawn);
  } catch (e) {
    console.log('no webgpu package: WASM only', (e as Error).message);
    return false;
  }
  const { create, globals } = mod;
  Object.assign(globalThis, globals);
  const gpu = create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: 'node' }, configurable: true });
  const Q = globals.GPUQueue.prototype, writeBuffer = Q.writeBuffer;
  Q.writeBuffer = function (buf: any, off: number, data: any, dOff = 0, size?: number) {
    if (data && data.buffer instanceof SharedArrayBuffer) {
      const el = data.BYTES_PER_ELEMENT || 1, start = data.byteOffset + dOff * el;
      const len = size !== undefined ? size * el : data.byteLength - dOff * el;
      const copy = new Uint8Array(len); copy.set(new Uint8Array(data.buffer, start, len));
      return writeBuffer.call(this, buf, off, copy, 0, len);
    }
    return writeBuffer.call(this, buf, off, data, dOff, size);
  };
  // dawn.node 0.6.2 takes only {buffer} as a bind group entry's resource; ORT's graph capture passes
  // the GPUBuffer itself (the spec's shorthand, which browsers accept): wrap it
  const D = globals.GPUDevice.prototype, createBindGroup = D.createBindGroup;
  let told = false;
  D.createBindGroup = function (desc: any) {
    const entries = desc.entries.map((e: any) => (e.resource instanceof globals.GPUBuffer ? { ...e, resource: { buffer: e.resource } } : e));
    try {
      return createBindGroup.call(this, { ...desc, entries });
    } catch {
      if (!told) {
        told = true; // what ORT passed, once: the shape of each entry's resource
        const show = (r: any) => (r && typeof r === 'object' ? `${r.constructor?.name}{${Object.keys(r).map((k) => `${k}:${typeof r[k]}${r[k]?.constructor ? '/' + r[k].constructor.name : ''}=${typeof r[k] === 'object' ? '' : String(r[k])}`).join(', ')}}` : `${typeof r}:${String(r)}`);
        console.log('createBindGroup failed; entries:', desc.entries.map((e: any) => `binding ${e.binding}: ${show(e.resource)}`).join(' | '));
      }
      // a {buffer, offset, size} whose numbers came as BigInt or whose buffer is wrapped: normalise and retry
      const fixed = desc.entries.map((e: any) => {
        const r = e.resource;
        if (r && typeof r === 'object' && 'buffer' in r) return { binding: e.binding, resource: { buffer: r.buffer, offset: Number(r.offset ?? 0), ...(r.size !== undefined ? { size: Number(r.size) } : {}) } };
        return e.resource instanceof globals.GPUBuffer ? { binding: e.binding, resource: { buffer: e.resource } } : e;
      });
      return createBindGroup.call(this, { ...desc, entries: fixed });
    }
  };
  const a = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  console.log('adapter', a?.info?.vendor, a?.info?.architecture, a?.info?.description);
  return !!a;
}
