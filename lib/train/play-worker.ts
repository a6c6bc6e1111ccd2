/**
 * Web Worker entry of the training playground: owns one PlaygroundRun (lib/train/playground.ts)
 * and trains it with the lab's TypeScript kernels on the CPU. Create it from UI code with
 *   new Worker(new URL('../../../lib/train/play-worker.ts', import.meta.url), { type: 'module' })
 *
 * Requests: reset {spec} (a fresh run; answers 'ready' and an eval at step 0), run {steps, evalEvery}
 * (trains up to `steps` more steps, never past spec.steps, with an eval every evalEvery steps and
 * at the end), pause (cancels a run at its next step). Every message carries the request number
 * `run` it belongs to, so the page drops events of runs it has moved past.
 */
import { runSteps } from './loop';
import { PlaygroundRun, type EvalReport, type PlaygroundSpec, type StepReport } from './playground';

export type PlayRequest =
  | { type: 'reset'; spec: PlaygroundSpec }
  | { type: 'run'; steps: number; evalEvery: number }
  | { type: 'pause' };

export type PlayEvent =
  | { type: 'ready'; params: number; heldOut: number }
  | { type: 'steps'; reports: StepReport[]; evals: EvalReport[] }
  | { type: 'stopped'; step: number; cancelled: boolean; finished: boolean; ms: number; steps: number }
  | { type: 'error'; message: string };

interface WorkerScope {
  onmessage: ((ev: { data: PlayRequest }) => void) | null;
  postMessage(msg: PlayEvent & { run: number }): void;
}

const scope = self as unknown as WorkerScope;
let current: PlaygroundRun | null = null;
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
        current = new PlaygroundRun(msg.spec);
        post({ type: 'ready', params: current.params, heldOut: current.heldOut.length });
        post({ type: 'steps', reports: [], evals: [current.evaluate()] });
      } else if (msg.type === 'run') {
        if (!current) throw new Error('no run to train (the last reset failed)');
        const run = current;
        const n = Math.max(0, Math.min(msg.steps, run.spec.steps - run.step));
        const t0 = performance.now();
        let evals: EvalReport[] = [];
        const r = await runSteps(n, (i) => {
          const rep = run.trainStep();
          if (run.step % msg.evalEvery === 0 || i === n - 1) evals.push(run.evaluate());
          return rep;
        }, {
          cancelled: () => seq !== mine,
          yieldToEvents,
          flush: (reports) => {
            post({ type: 'steps', reports, evals });
            evals = [];
          },
        });
        if (r.cancelled && r.done > 0 && run.step % msg.evalEvery !== 0) post({ type: 'steps', reports: [], evals: [run.evaluate()] });
        post({ type: 'stopped', step: run.step, cancelled: r.cancelled, finished: run.step >= run.spec.steps, ms: performance.now() - t0, steps: r.done });
      }
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
};
