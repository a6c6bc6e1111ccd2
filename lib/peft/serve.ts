/**
 * The message loop of a training worker, shared by every job kind (LoRA fine-tune, preference
 * training): post { type: 'start', job } to run a job and { type: 'cancel' } to stop it; every
 * event comes back as a message tagged with its run number. One job at a time: a new 'start'
 * cancels the running one at its next step (the job checks `cancelled()` between steps).
 *
 *   serveJobs<FinetuneJob, JobEvent>(self, runFinetuneJob);
 */
import type { JobIO } from './job';

export type JobRequest<J> = { type: 'start'; job: J } | { type: 'cancel' };

export interface WorkerScope<J, E> {
  onmessage: ((ev: { data: JobRequest<J> }) => void) | null;
  postMessage(msg: E & { run: number }): void;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} → HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export function serveJobs<J, E>(scope: WorkerScope<J, E>, runJob: (job: J, io: Omit<JobIO, 'emit'> & { emit(e: E): void }) => Promise<void>): void {
  let run = 0;
  let queue: Promise<void> = Promise.resolve();
  scope.onmessage = (ev) => {
    const msg = ev.data;
    run++; // a 'cancel' or a new 'start' ends the job in flight at its next step
    if (msg.type !== 'start') return;
    const mine = run;
    queue = queue.then(() =>
      runJob(msg.job, {
        fetchBytes,
        emit: (e) => scope.postMessage({ ...e, run: mine }),
        cancelled: () => run !== mine,
        yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
      }),
    );
  };
}
