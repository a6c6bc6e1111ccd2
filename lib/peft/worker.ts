/**
 * Web Worker entry for a LoRA fine-tune in the page (job.ts does the work, serve.ts the message
 * loop). Create it from UI code with
 *   new Worker(new URL('../../lib/peft/worker.ts', import.meta.url), { type: 'module' })
 * then post { type: 'start', job } (FinetuneJob) and, to stop, { type: 'cancel' }; every JobEvent
 * comes back as a message. One job at a time: a new 'start' cancels the running one first.
 */
import { runFinetuneJob, type FinetuneJob, type JobEvent } from './job';
import { serveJobs, type JobRequest, type WorkerScope } from './serve';

export type FinetuneRequest = JobRequest<FinetuneJob>;

serveJobs(self as unknown as WorkerScope<FinetuneJob, JobEvent>, runFinetuneJob);
