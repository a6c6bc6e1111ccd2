/**
 * Web Worker entry of the training playground: owns one PlaygroundRun (lib/train/playground.ts)
 * and trains it with the lab's TypeScript kernels on the CPU (engine 'ts'), or with one ONNX
 * train-step graph per step on onnxruntime-web (engine 'wasm' / 'webgpu': play-graph.ts; WebGPU
 * that fails to start falls back to WASM, a spec the graph lacks to TypeScript, and 'ready' says
 * which backend runs and why). Create it from UI code with
 *   new Worker(new URL('../../../lib/train/play-worker.ts', import.meta.url), { type: 'module' })
 *
 * Requests: reset {spec, engine} (a fresh run; answers 'ready' and an eval at step 0), run {steps, evalEvery}
 * (trains up to `steps` more steps, never past spec.steps, with an eval every evalEvery steps and
 * at the end), pause (cancels a run at its next step). Every message carries the request number
 * `run` it belongs to, so the page drops events of runs it has moved past.
 */
import { loadOrt } from '@/lib/runtime/ort';
import type { Backend } from '@/lib/runtime/protocol';
import { runSteps } from './loop';
import { GraphPlayground, graphSupport } from './play-graph';
import { PlaygroundRun, type EvalReport, type PlaygroundSpec, type StepReport } from './playground';

/** Who runs the train step: the TS kernels, or the train-step graph on ORT WASM / WebGPU. */
export type PlayEngine = 'ts' | Backend;

export type PlayRequest =
  | { type: 'reset'; spec: PlaygroundSpec; engine?: PlayEngine }
  | { type: 'run'; steps: number; evalEvery: number }
  | { type: 'pause' };

export type PlayEvent =
  | { type: 'ready'; params: number; heldOut: number; backend: 'ts-cpu' | Backend; reason: string }
  | { type: 'steps'; reports: StepReport[]; evals: EvalReport[] }
  | { type: 'stopped'; step: number; cancelled: boolean; finished: boolean; ms: number; steps: number }
  | { type: 'error'; message: string };

interface WorkerScope {
  onmessage: ((ev: { data: PlayRequest }) => void) | null;
  postMessage(msg: PlayEvent & { run: number }): void;
}

const scope = self as unknown as WorkerScope;
/** What trains: the eager run itself, or the graph engine around it. */
interface Trainer {
  run: PlaygroundRun;
  trainStep(): StepReport | Promise<StepReport>;
  evaluate(): EvalReport | Promise<EvalReport>;
  release?(): Promise<void>;
}
let current: Trainer | null = null;
let seq = 0;
let queue: Promise<void> = Promise.resolve();
const yieldToEvents = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

scope.onmessage = (ev) => {
  const msg = ev.data;
  const mine = ++seq; // any new request ends the loop in flight at its next step
  const post = (e: PlayEvent): void => scope.postMessage({ ...e, run: mine });
  queue = queue.then(async () => {
    try {
      if (msg.type === 'reset') {
        const old = current;
        current = null;
        await old?.release?.();
        const made = await makeTrainer(new PlaygroundRun(msg.spec), msg.engine ?? 'ts');
        current = made.trainer;
        const run = current.run;
        post({ type: 'ready', params: run.params, heldOut: run.heldOut.length, backend: made.backend, reason: made.reason });
        post({ type: 'steps', reports: [], evals: [await current.evaluate()] });
      } else if (msg.type === 'run') {
        if (!current) throw new Error('no run to train (the last reset failed)');
        const tr = current;
        const run = tr.run;
        const n = Math.max(0, Math.min(msg.steps, run.spec.steps - run.step));
        const t0 = performance.now();
        let evals: EvalReport[] = [];
        const r = await runSteps(n, async (i) => {
          const rep = await tr.trainStep();
          if (run.step % msg.evalEvery === 0 || i === n - 1) evals.push(await tr.evaluate());
          return rep;
        }, {
          cancelled: () => seq !== mine,
          yieldToEvents,
          flush: (reports) => {
            post({ type: 'steps', reports, evals });
            evals = [];
          },
        });
        if (r.cancelled && r.done > 0 && run.step % msg.evalEvery !== 0) post({ type: 'steps', reports: [], evals: [await tr.evaluate()] });
        post({ type: 'stopped', step: run.step, cancelled: r.cancelled, finished: run.step >= run.spec.steps, ms: performance.now() - t0, steps: r.done });
      }
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
};

const TS_WHY = "the lab's TypeScript kernels (forward, backward, optimiser) in this Web Worker, single-threaded, not ONNX Runtime";
const GRAPH_WHY = 'one ONNX graph per step (forward, backward, clipping, AdamW) on onnxruntime-web';

/** The trainer for an engine, with the backend that actually runs and why (fallbacks included). */
async function makeTrainer(run: PlaygroundRun, engine: PlayEngine): Promise<{ trainer: Trainer; backend: 'ts-cpu' | Backend; reason: string }> {
  const eager: Trainer = { run, trainStep: () => run.trainStep(), evaluate: () => run.evaluate() };
  if (engine === 'ts') return { trainer: eager, backend: 'ts-cpu', reason: `TypeScript: ${TS_WHY}` };
  const lacks = graphSupport(run.spec);
  if (lacks) return { trainer: eager, backend: 'ts-cpu', reason: `TypeScript: ${lacks}` };
  const t0 = performance.now();
  const ms = (): string => `graph built and session created in ${Math.round(performance.now() - t0)} ms`;
  const ort = await loadOrt();
  if (engine === 'webgpu') {
    try {
      const g = await GraphPlayground.create(run, ort, 'webgpu');
      return { trainer: g, backend: 'webgpu', reason: `WebGPU: ${GRAPH_WHY}; ${ms()}` };
    } catch (e) {
      const g = await GraphPlayground.create(run, ort, 'wasm');
      return { trainer: g, backend: 'wasm', reason: `WASM: WebGPU failed (${e instanceof Error ? e.message : String(e)}); ${GRAPH_WHY}; ${ms()}` };
    }
  }
  const g = await GraphPlayground.create(run, ort, 'wasm');
  return { trainer: g, backend: 'wasm', reason: `WASM: ${GRAPH_WHY}; ${ms()}` };
}
