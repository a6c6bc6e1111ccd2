/**
 * Tensors left where a backend made them. On WebGPU a run's state outputs (a KV cache's
 * present.*) can stay GPU buffers (ORT's preferredOutputLocation 'gpu-buffer') and go straight
 * back in as the next run's past.*: no GPU → CPU read-back and no upload per token. Such a
 * DeviceTensor never crosses postMessage: it lives in the worker, inside a step function's cache.
 *
 *   const out = await runFeeds(variant, feeds, 'decode', ['present.0.key', …]);   // Record<string, Feed>
 *   disposeFeeds(oldPast);                                                          // frees the old GPU buffers
 *
 * A DeviceTensor fed to a session of another backend is downloaded first (./sessions.ts).
 */
import type { OrtTensor } from './ort';
import type { Backend, WireDType, WireTensor } from './protocol';

export interface DeviceTensor {
  dtype: WireDType;
  dims: number[];
  /** ORT's tensor (location 'gpu-buffer'); dispose it once it is no longer fed anywhere. */
  device: OrtTensor;
  /** The backend whose sessions made it (and can take it as an input without a copy). */
  backend: Backend;
}

/** An input or output of a run inside the worker: on the CPU (WireTensor) or left on the device. */
export type Feed = WireTensor | DeviceTensor;

export function onDevice(t: Feed): t is DeviceTensor {
  return (t as Partial<DeviceTensor>).device !== undefined;
}

/** Frees the device buffers among `feeds` (CPU tensors are left to the garbage collector). */
export function disposeFeeds(feeds: Record<string, Feed> | null | undefined): void {
  for (const t of Object.values(feeds ?? {})) if (onDevice(t)) t.device.dispose();
}

/** The CPU copy of a feed (downloads a DeviceTensor; a WireTensor as is). */
export async function toWire(t: Feed): Promise<WireTensor> {
  if (!onDevice(t)) return t;
  return { dtype: t.dtype, dims: t.dims, data: (await t.device.getData()) as WireTensor['data'] };
}

/** CPU copies of feeds (downloads the DeviceTensors among them). */
export async function wireFeeds(feeds: Record<string, Feed>): Promise<Record<string, WireTensor>> {
  const out: Record<string, WireTensor> = {};
  for (const [k, t] of Object.entries(feeds)) out[k] = await toWire(t);
  return out;
}
