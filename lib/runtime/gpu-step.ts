/**
 * One-token decode on WebGPU over a fixed-capacity KV cache that never leaves the GPU
 * (lib/model/step-cache.ts). Every input and output is a GPU buffer made once and bound in place
 * each step, and only the logits row is read back. Two graph contracts (lib/model/build.ts):
 *   'inplace' (what the runtime builds where the head size allows): one GroupQueryAttention node
 *       per layer writes slot p itself; present.* are bound to the past's own buffers, so the
 *       cache is updated in place (or, with share: false, ping-pongs between two sets of buffers).
 *   'step': ids, pos and the visible mask are written with queue.writeBuffer and the new K/V rows
 *       are copied into slot p with copyBufferToBuffer.
 * Shapes never change, so the session may use ORT's graph capture (enableGraphCapture).
 *
 *   const d = await GpuStepDecoder.create(ort, stepGraphBytes, cfg, { capture: false });
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
  /** 'inplace' without sharing: which of the two buffer sets holds the cache now. */
  private turn = 0;

  private constructor(
    private readonly ort: OrtModule,
    private readonly session: OrtSession,
    private readonly device: GpuDevice,
    private readonly cfg: TransformerConfig,
    private readonly feeds: Record<string, OrtTensor>,
    private readonly fetches: Record<string, OrtTensor>,
    private readonly buffers: Record<string, GpuBuffer>,
    private readonly staging: GpuBuffer,
    /** 'inplace' graphs: the feeds and fetches of each buffer set (one set when shared). */
    private readonly sets: { feeds: Record<string, OrtTensor>; fetches: Record<string, OrtTensor> }[] | null,
    private readonly capture: boolean,
  ) {}

  /** The graph's contract: 'inplace' (GroupQueryAttention writes slot p) or 'step' (new rows copied by the caller). */
  get contract(): 'inplace' | 'step' {
    return this.sets ? 'inplace' : 'step';
  }

  /**
   * opts.validation: the WebGPU EP's validationMode (ORT's default 'basic' when not given). On the
   * H200, 'wgpuOnly' (WebGPU's own checks only) was no faster beyond the noise (runtime-gpu.ts).
   */
  static async create(ort: OrtModule, bytes: Uint8Array, cfg: TransformerConfig, opts: { capture?: boolean; validation?: 'basic' | 'wgpuOnly'; share?: boolean } = {}): Promise<GpuStepDecoder> {
    const ep = opts.validation ? [{ name: 'webgpu', validationMode: opts.validation }] : ['webgpu'];
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ep as never, graphOptimizationLevel: 'all', logSeverityLevel: 3, enableGraphCapture: !!opts.capture, preferredOutputLocation: 'gpu-buffer' });
    const device = await (ort.env.webgpu as any).device;
    if (!device) {
      await session.release();
      throw new Error('GpuStepDecoder: ORT has no WebGPU device');
    }
    const U = usage();
    const buffers: Record<string, GpuBuffer> = {};
    const tensor = (name: string, dtype: 'float32' | 'int64' | 'int32', dims: number[], buffer?: GpuBuffer): OrtTensor => {
      if (buffer) return ort.Tensor.fromGpuBuffer(buffer, { dataType: dtype, dims });
      const bytes = dims.reduce((a, b) => a * b, 1) * (dtype === 'int64' ? 8 : 4);
      // graph capture copies through ORT's buffer buckets (256 bytes at least): a 16-byte input failed
      // its size check on the H200, so captured sessions get buffers of at least 256 bytes (capture
      // still fails there for another reason: scripts/bench/runtime-gpu.ts)
      const size = Math.max(opts.capture ? 256 : 16, Math.ceil(bytes / 16) * 16);
      buffers[name] = device.createBuffer({ size, usage: U.STORAGE | U.COPY_SRC | U.COPY_DST });
      return ort.Tensor.fromGpuBuffer(buffers[name], { dataType: dtype, dims });
    };
    const C = cfg.contextLength, hs = headSize(cfg), kv = [1, cfg.nKvHead, C, hs], row = [1, cfg.nKvHead, 1, hs];
    const staging = device.createBuffer({ size: Math.ceil((cfg.vocabSize * 4) / 16) * 16, usage: U.MAP_READ | U.COPY_DST });
    const logits = tensor(names.logits(), 'float32', [1, 1, cfg.vocabSize]);
    if (session.inputNames.includes(stepNames.seqlensK)) {
      // 'inplace': set b's present.* are set (b + 1)'s past.* (the same buffers when shared)
      const n = opts.share === false ? 2 : 1, cache = (b: number, name: string) => `${name}#${b % n}`;
      const sets = Array.from({ length: n }, (_, b) => {
        const fs: Record<string, OrtTensor> = { [names.ids()]: tensor(names.ids(), 'int64', [1, 1], b ? buffers[names.ids()] : undefined), [stepNames.seqlensK]: tensor(stepNames.seqlensK, 'int32', [1], b ? buffers[stepNames.seqlensK] : undefined) };
        const out: Record<string, OrtTensor> = { [names.logits()]: logits };
        for (let l = 0; l < cfg.nLayer; l++) {
          for (const [past, present] of [[names.pastKey(l), names.presentKey(l)], [names.pastValue(l), names.presentValue(l)]]) {
            fs[past] = tensor(cache(b, past), 'float32', kv, buffers[cache(b, past)]);
            out[present] = tensor(cache(b + 1, past), 'float32', kv, buffers[cache(b + 1, past)]);
          }
        }
        return { feeds: fs, fetches: out };
      });
      if (opts.capture) tensor(stepNames.total, 'int32', [1]); // a captured graph takes every input on the GPU
      return new GpuStepDecoder(ort, session, device, cfg, sets[0].feeds, sets[0].fetches, buffers, staging, sets, !!opts.capture);
    }
    const feeds: Record<string, OrtTensor> = {
      [names.ids()]: tensor(names.ids(), 'int64', [1, 1]),
      [stepNames.pos]: tensor(stepNames.pos, 'float32', [1]),
      [stepNames.visible]: tensor(stepNames.visible, 'float32', [1, C + 1]),
    };
    const fetches: Record<string, OrtTensor> = { [names.logits()]: logits };
    for (let l = 0; l < cfg.nLayer; l++) {
      feeds[names.pastKey(l)] = tensor(names.pastKey(l), 'float32', kv);
      feeds[names.pastValue(l)] = tensor(names.pastValue(l), 'float32', kv);
      fetches[stepNames.newKey(l)] = tensor(stepNames.newKey(l), 'float32', row);
      fetches[stepNames.newValue(l)] = tensor(stepNames.newValue(l), 'float32', row);
    }
    return new GpuStepDecoder(ort, session, device, cfg, feeds, fetches, buffers, staging, null, !!opts.capture);
  }

  /** Fills slots 0..T-1 from past.{l}.key/value [1, nkv, T, hs] (GPU buffers or CPU data, e.g. pastFeeds of a kv-prefill run). */
  async load(past: Record<string, Feed>, T: number): Promise<void> {
    const { nKvHead: nkv, contextLength: C } = this.cfg, hs = headSize(this.cfg), span = T * hs * 4;
    const enc = this.device.createCommandEncoder();
    this.turn = 0;
    for (let l = 0; l < this.cfg.nLayer; l++) {
      for (const to of [names.pastKey(l), names.pastValue(l)]) {
        const t = past[to], into = this.buffers[this.sets ? `${to}#0` : to];
        if (!t) throw new Error(`GpuStepDecoder.load: "${to}" is missing`);
        for (let h = 0; h < nkv; h++) {
          if (onDevice(t)) enc.copyBufferToBuffer((t.device as any).gpuBuffer, h * span, into, h * C * hs * 4, span);
          else this.device.queue.writeBuffer(into, h * C * hs * 4, t.data as Float32Array, h * T * hs, T * hs);
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
    if (this.sets) {
      if (p < 0 || p >= C) throw new Error(`step position ${p} is outside the cache capacity ${C}`);
      q.writeBuffer(this.buffers[stepNames.seqlensK], 0, Int32Array.of(p));
      const set = this.sets[this.turn % this.sets.length];
      let total: OrtTensor;
      if (this.capture) {
        q.writeBuffer(this.buffers[stepNames.total], 0, Int32Array.of(p + 1));
        total = this.ort.Tensor.fromGpuBuffer(this.buffers[stepNames.total], { dataType: 'int32', dims: [] });
      } else total = new this.ort.Tensor('int32', Int32Array.of(p + 1), []);
      await this.session.run({ ...set.feeds, [stepNames.total]: total }, set.fetches);
      this.turn++;
    } else {
      q.writeBuffer(this.buffers[stepNames.pos], 0, Float32Array.of(p));
      q.writeBuffer(this.buffers[stepNames.visible], 0, visibleMask(C, p));
      await this.session.run(this.feeds, this.fetches);
    }
    const enc = this.device.createCommandEncoder();
    for (let l = 0; !this.sets && l < this.cfg.nLayer; l++) {
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
