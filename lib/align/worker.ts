/**
 * Web Worker entry for preference training (job.ts does the work, lib/peft/serve.ts the message
 * loop). From UI code:
 *   new Worker(new URL('../../lib/align/worker.ts', import.meta.url), { type: 'module' })
 * post { type: 'start', job } (AlignJob) or { type: 'cancel' }; AlignEvents come back tagged with
 * their run number.
 */
import { serveJobs, type JobRequest, type WorkerScope } from '@/lib/peft/serve';
import { runAlignJob, type AlignEvent, type AlignJob } from './job';

export type AlignRequest = JobRequest<AlignJob>;

serveJobs(self as unknown as WorkerScope<AlignJob, AlignEvent>, runAlignJob);
