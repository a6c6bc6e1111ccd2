/**
 * Promise-based client for the tokenizer worker. Works with anything shaped like a Worker
 * (postMessage + onmessage), so tests drive it with an in-process fake.
 *
 * Example:
 *   const client = new TokenizerWorkerClient(worker);
 *   const t = await client.train('bpe', text, 4096, {}, (p) => setProgress(p.done / p.total));
 *   const { ids, spans } = await client.encode(t.handle, text, true);
 */
import type { EncodedMessage, LoadedMessage, PresetName, ProgressMessage, TrainRequest, TrainableKind, TrainedMessage, WorkerRequest, WorkerResponse } from './protocol';

export interface WorkerLike {
  postMessage(msg: WorkerRequest): void;
  onmessage: ((ev: { data: WorkerResponse }) => void) | null;
}

type Pending = { resolve: (m: WorkerResponse) => void; reject: (e: Error) => void; progress?: (p: ProgressMessage) => void };

export class TokenizerWorkerClient {
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: WorkerLike) {
    worker.onmessage = (ev) => {
      const m = ev.data;
      const p = this.pending.get(m.reqId);
      if (!p) return;
      if (m.type === 'progress') return p.progress?.(m);
      this.pending.delete(m.reqId);
      if (m.type === 'error') p.reject(new Error(m.message));
      else p.resolve(m);
    };
  }

  private request<T extends WorkerResponse>(req: WorkerRequest, progress?: (p: ProgressMessage) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(req.reqId, { resolve: resolve as (m: WorkerResponse) => void, reject, progress });
      this.worker.postMessage(req);
    });
  }

  train(kind: TrainableKind, text: string, vocabSize: number, options: TrainRequest['options'] = {}, onProgress?: (p: ProgressMessage) => void): Promise<TrainedMessage> {
    return this.request<TrainedMessage>({ type: 'train', reqId: this.next++, kind, text, vocabSize, options }, onProgress);
  }

  encode(handle: string, text: string, spans = false): Promise<EncodedMessage> {
    return this.request<EncodedMessage>({ type: 'encode', reqId: this.next++, handle, text, spans });
  }

  load(preset: PresetName): Promise<LoadedMessage> {
    return this.request<LoadedMessage>({ type: 'load', reqId: this.next++, preset });
  }

  dispose(handle: string): Promise<WorkerResponse> {
    return this.request({ type: 'dispose', reqId: this.next++, handle });
  }
}
