/**
 * WebGPU step decoders (./gpu-step.ts) per model for generate's decode steps, lent one per
 * generation (each holds one sequence's fixed-capacity cache) and kept for the next. Every create,
 * load and step goes through the runtime's TaskQueue, so none overlaps a session run.
 *
 *   const lease = await pool.lend(modelId, model);     // null: the model has no step graph
 *   await lease.decoder.load(past, T); const row = await lease.decoder.step(token, T);
 *   lease.done();                                      // back to the pool
 */
import type { Feed } from './device-tensor';
import type { LoadedModel, StepDecoder } from './model';
import type { OrtModule } from './ort';
import type { TaskQueue } from './queue';

export interface StepLease {
  decoder: StepDecoder;
  done(): void;
}

/** 'bound': fixed buffers bound in place each step; 'captured': also ORT graph capture; 'off': no step decoder. */
export type StepMode = 'off' | 'bound' | 'captured';

export class StepPool {
  private readonly free = new Map<string, StepDecoder[]>();
  private readonly all = new Map<string, StepDecoder[]>();
  /** Models whose step decoder failed to start (e.g. no WebGPU device behind ORT): they decode through run(). */
  private readonly broken = new Set<string>();

  constructor(
    private readonly ort: () => Promise<OrtModule>,
    private readonly queue: TaskQueue,
    readonly mode: StepMode,
  ) {}

  /** A decoder for `modelId` (created, queued, on first use); null when off, the model has none or it failed to start. */
  async lend(modelId: string, model: LoadedModel): Promise<StepLease | null> {
    if (this.mode === 'off' || !model.stepDecoder || this.broken.has(modelId)) return null;
    let d = this.free.get(modelId)?.pop();
    if (!d) {
      const made = await this.queue.run(async () => model.stepDecoder!(await this.ort(), { capture: this.mode === 'captured' })).catch(() => null);
      if (!made) {
        this.broken.add(modelId);
        return null;
      }
      const q = this.queue;
      d = {
        load: (past: Record<string, Feed>, T: number) => q.run(() => made.load(past, T)),
        step: (token: number, p: number) => q.run(() => made.step(token, p)),
        stepFeeds: (feeds) => q.run(() => made.stepFeeds(feeds)),
        release: () => q.run(() => made.release()),
      };
      this.all.set(modelId, [...(this.all.get(modelId) ?? []), d]);
    }
    const lent = d;
    return { decoder: lent, done: () => this.free.set(modelId, [...(this.free.get(modelId) ?? []), lent]) };
  }

  /** Has a decoder of `modelId` been made (its shaders compiled)? */
  has(modelId: string): boolean {
    return (this.all.get(modelId)?.length ?? 0) > 0;
  }

  /** Releases the decoders of the models that match. */
  async dispose(match: (modelId: string) => boolean): Promise<void> {
    for (const id of [...this.all.keys()].filter(match)) {
      const ds = this.all.get(id)!;
      this.all.delete(id);
      this.free.delete(id);
      await Promise.all(ds.map((d) => d.release().catch(() => {})));
    }
  }
}
