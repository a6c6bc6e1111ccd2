/**
 * One-token decode on WebGPU over a fixed-capacity KV cache that never leaves the GPU
 * (lib/model/step-cache.ts; the graph is build.ts cache 'step'). Every input and output is a GPU
 * buffer made once and bound in place each step: ids, pos and the visible mask are written with
 * queue.writeBuffer, the new K/V rows are copied into slot p with copyBufferToBuffer, and only
 * the logits row is read back. Shapes never change, so the session can use ORT's graph capture
 * (enableGraphCapture: the first run records the kernels, later runs replay them).
 *
 *   const d = await GpuStepDecoder.create(ort, stepGraphBytes, cfg, { capture: true });
 *   await d.load(past, T);                       // past.* [1, nkv, T, hs] (pastFeeds of a kv-prefill run; GPU or CPU)
 *   const row = await d.step(token, T);          // logits [V] of the token at position T
 *   d.release();
 */
import { stepNames } from '@/lib/model/build';
import { headSize, type TransformerConfig } from '@/lib/model/config';
import { names } from '@/lib/model/names';
import { visibleMask } from '@/lib/model/step-cache';
import { onDevice, type Feed } from './device-tensor';
import type { StepDecoder } from './model';
import type { OrtModule, OrtSession, OrtTensor } from './ort';
import type { WireTensor } from './protocol';

/* eslint-disable @typescript-eslint/no-explicit-any -- WebGPU types are not in this project's lib */
type GpuBuffer = any;
type GpuDevice = any;

const usage = () => (globalThis as any).GPUBufferUsage as { STORAGE: number; COPY_SRC: number; COPY_DST: number; MAP_READ: number };

export class GpuStepDecoder implements StepDecoder {
  private constructor(
    private readonly session: OrtSession,
    private readonly device: GpuDevice,
    private readonly cfg: TransformerConfig,
    private readonly feeds: Record<string, OrtTensor>,
    private readonly fetches: Record<string, OrtTensor>,
    private readonly buffers: Record<string, GpuBuffer>,
    private readonly staging: GpuBuffer,
  ) {}

  /**
   * opts.validation: the WebGPU EP's validationMode (ORT's default 'basic' when not given). On the
   * H200, 'wgpuOnly' (WebGPU's own checks only) was no faster beyond the noise (runtime-gpu.ts).
   */
  static async create(ort: OrtModule, bytes: Uint8Array, cfg: TransformerConfig, opts: { capture?: boolean; validation?: 'basic' | 'wgpuOnly' } = {}): Promise<GpuStepDecoder> {
    const ep = opts.validation ? [{ name: 'webgpu', validationMode: opts.validation }] : ['webgpu'];
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ep as never, graphOptimizationLevel: 'all', logSeverityLevel: 3, enableGraphCapture: !!opts.capture, preferredOutputLocation: 'gpu-buffer' });
    const device = await (ort.env.webgpu as any).device;
    if (!device) {
      await session.release();
      throw new Error('GpuStepDecoder: ORT has no WebGPU device');
    }
    const U = usage();
    const buffers: Record<string, GpuBuffer> = {};
    const tensor = (name: string, dtype: 'float32' | 'int64', dims: number[]): OrtTensor => {
      const bytes = dims.reduce((a, b) => a * b, 1) * (dtype === 'int64' ? 8 : 4);
      // graph capture copies through ORT's buffer buckets (256 bytes at least): a 16-byte input failed
      // its size check on the H200, so captured sessions get buffers of at least 256 bytes (capture
      // still fails there for another reason: scripts/bench/runtime-gpu.ts)
      const size = Math.max(opts.capture ? 256 : 16, Math.ceil(bytes / 16) * 16);
      buffers[name] = device.createBuffer({ size, usage: U.STORAGE | U.COPY_SRC | U.COPY_DST });
      return ort.Tensor.fromGpuBuffer(buffers[name], { dataType: dtype, dims });
    };
    const C = cfg.contextLength, hs = headSize(cfg), kv = [1, cfg.nKvHead, C, hs], row = [1, cfg.nKvHead, 1, hs];
    const feeds: Record<string, OrtTensor> = {
      [names.ids()]: tensor(names.ids(), 'int64', [1, 1]),
      [stepNames.pos]: tensor(stepNames.pos, 'float32', [1]),
      [stepNames.visible]: tensor(stepNames.visible, 'float32', [1, C + 1]),
    };
    const fetches: Record<string, OrtTensor> = { [names.logits()]: tensor(names.logits(), 'float32', [1, 1, cfg.vocabSize]) };
    for (let l = 0; l < cfg.nLayer; l++) {
      feeds[names.pastKey(l)] = tensor(names.pastKey(l), 'float32', kv);
      feeds[names.pastValue(l)] = tensor(names.pastValue(l), 'float32', kv);
      fetches[stepNames.newKey(l)] = tensor(stepNames.newKey(l), 'float32', row);
      fetches[stepNames.newValue(l)] = tensor(stepNames.newValue(l), 'float32', row);
    }
    const staging = device.createBuffer({ size: Math.ceil((cfg.vocabSize * 4) / 16) * 16, usage: U.MAP_READ | U.COPY_DST });
    return new GpuStepDecoder(session, device, cfg, feeds, fetches, buffers, staging);
  }

  /** Fills slots 0..T-1 from past.{l}.key/value [1, nkv, T, hs] (GPU buffers or CPU data, e.g. pastFeeds of a kv-prefill run). */
  async load(past: Record<string, Feed>, T: number): Promise<void> {
    const { nKvHead: nkv, contextLength: C } = this.cfg, hs = headSize(this.cfg), span = T * hs * 4;
    const enc = this.device.createCommandEncoder();
    for (let l = 0; l < this.cfg.nLayer; l++) {
      for (const to of [names.pastKey(l), names.pastValue(l)]) {
        const t = past[to];
        if (!t) throw new Error(`GpuStepDecoder.load: "${to}" is missing`);
        for (let h = 0; h < nkv; h++) {
          if (onDevice(t)) enc.copyBufferToBuffer((t.device as any).gpuBuffer, h * span, this.buffers[to], h * C * hs * 4, span);
          else this.device.queue.writeBuffer(this.buffers[to], h * C * hs * 4, t.data as Float32Array, h * T * hs, T * hs);
        }
      }
    }
    this.device.queue.submit([enc.finish()]);
  }

  /** One step: the token at position p (0 < p < contextLength); returns its logits row [V]. */
  async step(token: number, p: number): Promise<Float32Array> {
    const { nKvHead: nkv, contextLength: C, vocabSize: V } = this.cfg, hs = headSize(this.cfg);
    const q = this.device.queue;
    q.writeBuffer(this.buffers[names.ids()], 0, BigInt64Array.of(BigInt(token)));
    q.writeBuffer(this.buffers[stepNames.pos], 0, Float32Array.of(p));
    q.writeBuffer(this.buffers[stepNames.visible], 0, visibleMask(C, p));
    await this.session.run(this.feeds, this.fetches);
    const enc = this.device.createCommandEncoder();
    for (let l = 0; l < this.cfg.nLayer; l++) {
      for (const [from, to] of [[stepNames.newKey(l), names.pastKey(l)], [stepNames.newValue(l), names.pastValue(l)]]) {
        for (let h = 0; h < nkv; h++) enc.copyBufferToBuffer(this.buffers[from], h * hs * 4, this.buffers[to], (h * C + p) * hs * 4, hs * 4);
      }
    }
    enc.copyBufferToBuffer(this.buffers[names.logits()], 0, this.staging, 0, V * 4);
    q.submit([enc.finish()]);
    await this.staging.mapAsync((globalThis as any).GPUMapMode.READ);
    const row = new Float32Array(this.staging.getMappedRange(0, V * 4).slice(0));
    this.staging.unmap();
    return row;
  }

  /** One step on decode feeds ids [1, 1] + past.* [1, nkv, P, hs] (a calibration plan's): load, then step at P. */
  async stepFeeds(feeds: Record<string, WireTensor>): Promise<Float32Array> {
    const P = feeds[names.pastKey(0)].dims[2];
    await this.load(feeds, P);
    return this.step(Number((feeds[names.ids()].data as BigInt64Array)[0]), P);
  }

  async release(): Promise<void> {
    await this.session.release();
    for (const b of Object.values(this.buffers)) b.destroy();
    this.staging.destroy();
  }
}
