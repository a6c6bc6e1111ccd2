/**
 * The training playground's graph engine: the same PlaygroundRun (playground.ts: the seed's init,
 * batches, held-out split, schedule) with the update done by ONE ONNX train-step graph per step
 * (train-graph.ts: forward, cross-entropy, backward, clipping, AdamW) on onnxruntime-web, WASM
 * or WebGPU (GraphTrainer). Evaluation, attention maps and samples stay eager, on the weights
 * read back from the session (only when an evaluation asks, so the steps between stay on the GPU).
 *
 *   const g = await GraphPlayground.create(new PlaygroundRun(spec), ort, 'wasm');
 *   await g.trainStep();   // → { step: 1, loss, lr, gradNorm }: the eager engine's numbers within float error
 *   await g.evaluate();    // PlaygroundRun.evaluate() on the graph's weights
 *
 * Only AdamW is in the graph: graphSupport(spec) says why another spec stays on the eager engine.
 */
import type { OrtModule } from '@/lib/runtime/ort';
import type { Backend } from '@/lib/runtime/protocol';
import { GraphTrainer } from '@/lib/runtime/train-graph';
import type { EvalReport, PlaygroundRun, PlaygroundSpec, StepReport } from './playground';
import { buildTrainModel } from './train-graph';

/** null when the graph engine trains this spec exactly as the eager one; else why not. */
export function graphSupport(spec: PlaygroundSpec): string | null {
  if (spec.optimizer !== 'adamw') return 'the train-step graph has AdamW only, so SGD + momentum runs on the TypeScript engine';
  return null;
}

export class GraphPlayground {
  private stale = false;

  private constructor(readonly run: PlaygroundRun, private readonly tr: GraphTrainer, readonly backend: Backend) {}

  static async create(run: PlaygroundRun, ort: OrtModule, backend: Backend): Promise<GraphPlayground> {
    const why = graphSupport(run.spec);
    if (why) throw new Error(why);
    const { spec, cfg, weights } = run;
    const T = cfg.contextLength - 1;
    const adam = { weightDecay: spec.weightDecay };
    const clip = Number.isFinite(spec.clip) ? spec.clip : undefined;
    const { bytes, params } = buildTrainModel(cfg, weights, { T, batch: spec.batch, clip, adam });
    const tr = await GraphTrainer.create(ort, { bytes, params, init: weights, backend, adam, batch: spec.batch, T });
    return new GraphPlayground(run, tr, backend);
  }

  get step(): number {
    return this.run.step;
  }

  /** One update: the eager engine's batch and learning rate, the graph's arithmetic. */
  async trainStep(): Promise<StepReport> {
    const run = this.run;
    const lr = run.lrAt(run.step);
    const batch = run.nextBatch();
    const { loss, gradNorm } = await this.tr.step(batch, lr);
    run.step++;
    this.stale = true;
    return { step: run.step, loss, lr, gradNorm };
  }

  /** The current weights, downloaded into run.weights. */
  async sync(): Promise<void> {
    if (!this.stale) return;
    for (const [n, d] of await this.tr.weights()) this.run.weights.get(n)!.data.set(d);
    this.stale = false;
  }

  async evaluate(): Promise<EvalReport> {
    await this.sync();
    return this.run.evaluate();
  }

  release(): Promise<void> {
    return this.tr.release();
  }
}
