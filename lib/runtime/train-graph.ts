/**
 * Runs lib/train's train-step graph (train-graph.ts: forward + backward + AdamW in one ONNX
 * model) on onnxruntime-web, one session.run per update. The trained weights and Adam's moments
 * live as ORT tensors between runs: every run's next.* outputs are the next run's inputs, and on
 * WebGPU they stay GPU buffers (preferredOutputLocation 'gpu-buffer'), so only the ids, the
 * targets and three scalars go up and two scalars (loss, gradient norm) come down per step.
 *
 *   const tr = await GraphTrainer.create(ort, { bytes, params, init: weights, backend: 'wasm', adam });
 *   const { loss, gradNorm } = await tr.step([{ tokens, targets }], lr);   // t = 1, 2, ...
 *   const w = await tr.weights();                                         // Map name → Float32Array
 *   await tr.release();
 *
 * The optimiser step count t and the bias corrections are JS-side (adamScalars).
 */
import { adamScalars, trainNames, type AdamGraphOptions } from '@/lib/train/train-graph';
import type { OrtModule, OrtSession, OrtTensor } from './ort';
import type { Backend } from './protocol';

export interface GraphTrainerInit {
  /** buildTrainModel's bytes and params. */
  bytes: Uint8Array;
  params: { name: string; shape: number[] }[];
  /** Initial values of the trained weights (copied). */
  init: ReadonlyMap<string, { data: Float32Array }>;
  backend: Backend;
  adam?: AdamGraphOptions;
  /** Examples per step and tokens per example the graph was built for. */
  batch: number;
  T: number;
}

export interface GraphExample {
  /** T + 1 tokens. */
  tokens: readonly number[];
  /** Targets per input position (−1 = not counted); default tokens[1..T]. */
  targets?: readonly number[];
}

export class GraphTrainer {
  /** Updates done. */
  t = 0;
  private state = new Map<string, OrtTensor>();

  private constructor(
    private readonly ort: OrtModule,
    private readonly session: OrtSession,
    private readonly o: GraphTrainerInit,
  ) {}

  static async create(ort: OrtModule, o: GraphTrainerInit): Promise<GraphTrainer> {
    const outs = o.params.flatMap((p) => [p.name, trainNames.m(p.name), trainNames.v(p.name)].map(trainNames.next));
    const session = await ort.InferenceSession.create(o.bytes, {
      executionProviders: [o.backend],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
      ...(o.backend === 'webgpu' ? { preferredOutputLocation: Object.fromEntries(outs.map((n) => [n, 'gpu-buffer' as const])) } : {}),
    });
    const tr = new GraphTrainer(ort, session, o);
    for (const p of o.params) {
      const w = o.init.get(p.name);
      if (!w) throw new Error(`GraphTrainer: no initial value for "${p.name}"`);
      const n = w.data.length;
      tr.state.set(p.name, new ort.Tensor('float32', w.data.slice(), p.shape));
      tr.state.set(trainNames.m(p.name), new ort.Tensor('float32', new Float32Array(n), p.shape));
      tr.state.set(trainNames.v(p.name), new ort.Tensor('float32', new Float32Array(n), p.shape));
    }
    return tr;
  }

  /** One update on `batch` examples at learning rate lr; loss and gradient norm before it. */
  async step(examples: readonly GraphExample[], lr: number): Promise<{ loss: number; gradNorm: number }> {
    const { batch, T } = this.o;
    if (examples.length !== batch) throw new Error(`GraphTrainer: the graph takes ${batch} examples per step, got ${examples.length}`);
    const feeds: Record<string, OrtTensor> = Object.fromEntries(this.state);
    examples.forEach((ex, b) => {
      if (ex.tokens.length !== T + 1) throw new Error(`GraphTrainer: the graph takes ${T + 1} tokens per example, got ${ex.tokens.length}`);
      const tg = ex.targets ?? ex.tokens.slice(1);
      feeds[trainNames.ids(b)] = new this.ort.Tensor('int64', BigInt64Array.from(ex.tokens.slice(0, T), BigInt), [1, T]);
      feeds[trainNames.targets(b)] = new this.ort.Tensor('int64', BigInt64Array.from(tg, BigInt), [T]);
    });
    const sc = adamScalars(this.o.adam ?? {}, this.t + 1, lr);
    feeds[trainNames.step] = new this.ort.Tensor('float32', Float32Array.of(sc.step), []);
    feeds[trainNames.rb2] = new this.ort.Tensor('float32', Float32Array.of(sc.rb2), []);
    feeds[trainNames.decay] = new this.ort.Tensor('float32', Float32Array.of(sc.decay), []);
    const out = await this.session.run(feeds);
    this.t++;
    const old = this.state;
    this.state = new Map([...old.keys()].map((k) => [k, out[trainNames.next(k)]]));
    for (const t of old.values()) t.dispose();
    const loss = (out[trainNames.loss].data as Float32Array)[0];
    const gradNorm = (out[trainNames.gradNorm].data as Float32Array)[0];
    return { loss, gradNorm };
  }

  /** The current trained weights (downloaded from the GPU on WebGPU). */
  async weights(): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const p of this.o.params) out.set(p.name, (await this.state.get(p.name)!.getData()) as Float32Array);
    return out;
  }

  async release(): Promise<void> {
    for (const t of this.state.values()) t.dispose();
    this.state.clear();
    await this.session.release();
  }
}
