/**
 * Web Worker entry for the scale lessons' heavy jobs (jobs.ts does the work): the live scaling
 * experiment and lm's gradients for the mixed-precision widget. Create it from UI code with
 *   new Worker(new URL('../../lib/scale/worker.ts', import.meta.url), { type: 'module' })
 * then post { type: 'start', job } (ScaleJob) and, to stop, { type: 'cancel' } (or terminate the
 * worker: lm's one backward pass cannot be interrupted). Every ScaleEvent comes back as a message
 * with the number of the run it belongs to.
 */
import { runScaleJob, type ScaleEvent, type ScaleJob } from './jobs';

export type ScaleRequest = { type: 'start'; job: ScaleJob } | { type: 'cancel' };

interface WorkerScope {
  onmessage: ((ev: { data: ScaleRequest }) => void) | null;
  postMessage(msg: ScaleEvent & { run: number }): void;
}

const scope = self as unknown as WorkerScope;
let run = 0;
let queue: Promise<void> = Promise.resolve();

async function get(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} → HTTP ${res.status}`);
  return res;
}

scope.onmessage = (ev) => {
  const msg = ev.data;
  run++; // a 'cancel' or a new 'start' ends the job in flight at its next step
  if (msg.type !== 'start') return;
  const mine = run;
  queue = queue.then(() =>
    runScaleJob(msg.job, {
      fetchText: async (u) => (await get(u)).text(),
      fetchBytes: async (u) => new Uint8Array(await (await get(u)).arrayBuffer()),
      emit: (e) => scope.postMessage({ ...e, run: mine }),
      cancelled: () => run !== mine,
      yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    }),
  );
};
