/**
 * Web Worker entry for a LoRA fine-tune in the page (job.ts does the work). Create it from UI
 * code with
 *   new Worker(new URL('../../lib/peft/worker.ts', import.meta.url), { type: 'module' })
 * then post { type: 'start', job } (FinetuneJob) and, to stop, { type: 'cancel' }; every JobEvent
 * comes back as a message. One job at a time: a new 'start' cancels the running one first.
 */
import { runFinetuneJob, type FinetuneJob, type JobEvent } from './job';

export type FinetuneRequest = { type: 'start'; job: FinetuneJob } | { type: 'cancel' };

interface WorkerScope {
  onmessage: ((ev: { data: FinetuneRequest }) => void) | null;
  postMessage(msg: JobEvent & { run: number }): void;
}

const scope = self as unknown as WorkerScope;
let run = 0;
let queue: Promise<void> = Promise.resolve();

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} → HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

scope.onmessage = (ev) => {
  const msg = ev.data;
  run++; // a 'cancel' or a new 'start' ends the job in flight at its next step
  if (msg.type !== 'start') return;
  const mine = run;
  queue = queue.then(() =>
    runFinetuneJob(msg.job, {
      fetchBytes,
      emit: (e) => scope.postMessage({ ...e, run: mine }),
      cancelled: () => run !== mine,
      yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    }),
  );
};
