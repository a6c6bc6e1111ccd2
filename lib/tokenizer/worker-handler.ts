/**
 * The tokenizer worker's logic as a plain function (testable in Node without a Worker):
 * handleRequest(state, request, post) runs one request and posts its messages.
 */
import type { PresetName, WorkerRequest, WorkerResponse } from './protocol';
import { MAX_SPANS_TEXT, MAX_TRAIN_BYTES } from './protocol';
import { loadCl100k, loadGpt2 } from './ranks';
import { tokenizerToJSON } from './serialize';
import { trainBpe } from './train';
import type { Tokenizer } from './types';
import { trainUnigram } from './unigram-train';
import { trainWordPiece } from './wordpiece-train';

export interface WorkerState {
  tokenizers: Map<string, Tokenizer>;
  next: number;
}

export function createWorkerState(): WorkerState {
  return { tokenizers: new Map(), next: 1 };
}

type Post = (msg: WorkerResponse, transfer?: ArrayBuffer[]) => void;

const presets: Record<PresetName, () => Promise<Tokenizer>> = { gpt2: loadGpt2, cl100k: loadCl100k };

export async function handleRequest(state: WorkerState, req: WorkerRequest, post: Post): Promise<void> {
  const t0 = performance.now();
  try {
    switch (req.type) {
      case 'train': {
        if (req.text.length > MAX_TRAIN_BYTES) throw new Error(`text too long: ${req.text.length} > ${MAX_TRAIN_BYTES} characters`);
        const o = req.options ?? {};
        const handle = `t${state.next++}`;
        if (req.kind === 'bpe') {
          const r = trainBpe(req.text, req.vocabSize, {
            pattern: o.pattern,
            specialTokens: o.specialTokens,
            minFrequency: o.minFrequency,
            name: o.name,
            onProgress: (p) => post({ type: 'progress', reqId: req.reqId, phase: p.phase, done: p.merges, total: p.totalMerges }),
          });
          state.tokenizers.set(handle, r.tokenizer);
          post({ type: 'trained', reqId: req.reqId, handle, kind: 'bpe', json: tokenizerToJSON(r.tokenizer), trace: r.trace, vocabSize: r.tokenizer.vocabSize, ms: performance.now() - t0 });
        } else if (req.kind === 'wordpiece') {
          const r = trainWordPiece(req.text, req.vocabSize, {
            lowercase: o.lowercase,
            stripAccents: o.stripAccents,
            name: o.name,
            onProgress: (done, total) => {
              if (done % 64 === 0 || done === total) post({ type: 'progress', reqId: req.reqId, phase: 'merge', done, total });
            },
          });
          state.tokenizers.set(handle, r.tokenizer);
          post({ type: 'trained', reqId: req.reqId, handle, kind: 'wordpiece', json: r.tokenizer.toJSON(), trace: r.trace, vocabSize: r.tokenizer.vocabSize, ms: performance.now() - t0 });
        } else {
          const r = trainUnigram(req.text, req.vocabSize, {
            name: o.name,
            onProgress: (round) => post({ type: 'progress', reqId: req.reqId, phase: 'prune', done: round.round, total: round.vocabSize }),
          });
          state.tokenizers.set(handle, r.tokenizer);
          post({ type: 'trained', reqId: req.reqId, handle, kind: 'unigram', json: r.tokenizer.toJSON(), trace: r.rounds, vocabSize: r.tokenizer.vocabSize, ms: performance.now() - t0 });
        }
        return;
      }
      case 'load': {
        const tok = await presets[req.preset]();
        const handle = `t${state.next++}`;
        state.tokenizers.set(handle, tok);
        post({ type: 'loaded', reqId: req.reqId, handle, name: tok.name, vocabSize: tok.vocabSize });
        return;
      }
      case 'encode': {
        const tok = state.tokenizers.get(req.handle);
        if (!tok) throw new Error(`unknown tokenizer handle ${req.handle}`);
        if (req.spans && req.text.length > MAX_SPANS_TEXT) throw new Error(`text too long for spans: ${req.text.length} > ${MAX_SPANS_TEXT}`);
        const spans = req.spans ? tok.encodeWithSpans(req.text) : undefined;
        const ids = Int32Array.from(spans ? spans.map((s) => s.id) : tok.encode(req.text));
        post({ type: 'encoded', reqId: req.reqId, ids, spans, ms: performance.now() - t0 }, [ids.buffer as ArrayBuffer]);
        return;
      }
      case 'dispose': {
        state.tokenizers.delete(req.handle);
        post({ type: 'disposed', reqId: req.reqId });
        return;
      }
    }
  } catch (err) {
    post({ type: 'error', reqId: req.reqId, message: err instanceof Error ? err.message : String(err) });
  }
}
