/**
 * loraFinetune (finetune.ts) with the train step run by onnxruntime-web instead of the TS tape:
 * one ONNX graph per run does forward, backward, clipping and AdamW (lib/train/train-graph.ts),
 * with the base as initializers and only A, B and their Adam moments moving (GraphTrainer in
 * lib/runtime). Same data split, windows, seed, schedule and reports as loraFinetune, as an
 * async generator (ORT is asynchronous):
 *
 *   const run = await loraFinetuneGraph(opts, ort, 'webgpu');
 *   for await (const rep of run) post(rep);
 *   run.adapters;   // refreshed from the session at every evaluation and at the end
 *
 * The graph has static shapes: T = the window (or the whole train part when it is shorter).
 * Validation stays eager (meanLoss over the downloaded adapters, every `evalEvery` steps).
 */
import type { Tensor } from '@/lib/tensor';
import type { OrtModule } from '@/lib/runtime/ort';
import type { Backend } from '@/lib/runtime/protocol';
import { GraphTrainer } from '@/lib/runtime/train-graph';
import { buildTrainModel } from '@/lib/train/train-graph';
import { warmupCosine } from '@/lib/train/schedule';
import { finetunePlan, meanLoss, type FinetuneOptions, type FinetuneReport } from './finetune';
import { isLoraName, withAdapters } from './lora';
import { LoraOps } from './lora-ops';

export interface GraphFinetuneRun extends AsyncGenerator<FinetuneReport, void, undefined> {
  readonly adapters: Map<string, Tensor>;
  /** The backend the session was created on. */
  readonly backend: Backend;
}

export async function loraFinetuneGraph(o: FinetuneOptions, ort: OrtModule, backend: Backend): Promise<GraphFinetuneRun> {
  const { window, steps, adapters, train, val, sched, evalEvery, nextWindow } = finetunePlan(o);
  const { cfg, lora } = o;
  const T = Math.min(window, train.length - 1);
  const w = withAdapters(o.base, adapters);
  const adam = { weightDecay: 0 };
  const { bytes, params } = buildTrainModel(cfg, w, { T, clip: 1, adam, trainable: isLoraName, wrap: (x) => new LoraOps(x, cfg, lora) });
  const tr = await GraphTrainer.create(ort, { bytes, params, init: w, backend, adam, batch: 1, T });

  async function sync(): Promise<void> {
    for (const [n, d] of await tr.weights()) adapters.get(n)!.data.set(d);
  }
  const valLoss = (): number | null => (val.length ? meanLoss(cfg, w, val, lora) : null);

  async function* run(): AsyncGenerator<FinetuneReport, void, undefined> {
    try {
      yield { step: 0, loss: NaN, valLoss: valLoss(), lr: 0, gradNorm: 0 };
      for (let s = 0; s < steps; s++) {
        const win = nextWindow();
        const lr = warmupCosine(sched, s);
        const r = await tr.step([{ tokens: win }], lr);
        const done = s + 1;
        const evalNow = done % evalEvery === 0 || done === steps;
        if (evalNow) await sync();
        yield { step: done, loss: r.loss, valLoss: evalNow ? valLoss() : null, lr, gradNorm: r.gradNorm };
      }
    } finally {
      await sync();
      await tr.release();
    }
  }
  return Object.assign(run(), { adapters, backend });
}
