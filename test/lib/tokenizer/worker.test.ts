import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getEncoding } from 'js-tiktoken';
import { MAX_TRAIN_BYTES, TokenizerWorkerClient, reviveTokenizer, trainBpe, type WorkerRequest, type WorkerResponse } from '@/lib/tokenizer';
import { createWorkerState, handleRequest } from '@/lib/tokenizer/worker-handler';
import type { WorkerLike } from '@/lib/tokenizer/worker-client';

const prose = readFileSync('test/fixtures/tokenizer/prose.txt', 'utf8');

/** An in-process stand-in for a Worker, with structured cloning like postMessage. */
function fakeWorker(): WorkerLike {
  const state = createWorkerState();
  const w: WorkerLike = {
    onmessage: null,
    postMessage(req: WorkerRequest) {
      void handleRequest(state, structuredClone(req), (msg: WorkerResponse) => queueMicrotask(() => w.onmessage?.({ data: structuredClone(msg) })));
    },
  };
  return w;
}

describe('tokenizer worker protocol', () => {
  it('trains BPE with progress messages and returns the same merges as trainBpe in-process', async () => {
    const client = new TokenizerWorkerClient(fakeWorker());
    const progress: number[] = [];
    const res = await client.train('bpe', prose, 256 + 200, {}, (p) => progress.push(p.done));
    expect(progress).toContain(128);
    expect(res.vocabSize).toBe(456);
    const local = trainBpe(prose, 456);
    expect((res.json as { merges: number[][] }).merges).toEqual(local.merges);
    expect(res.trace.length).toBe(200);
    const enc = await client.encode(res.handle, 'It is a truth', true);
    expect([...enc.ids]).toEqual(local.tokenizer.encode('It is a truth'));
    expect(enc.spans?.map((s) => s.text).join('')).toBe('It is a truth');
  });

  it('the JSON of a trained message revives into an equivalent tokenizer (bpe, wordpiece, unigram)', async () => {
    const client = new TokenizerWorkerClient(fakeWorker());
    for (const kind of ['bpe', 'wordpiece', 'unigram'] as const) {
      const res = await client.train(kind, prose, 320);
      const revived = reviveTokenizer(res.json);
      const enc = await client.encode(res.handle, prose);
      expect(revived.encode(prose)).toEqual([...enc.ids]);
    }
  });

  it('loads GPT-2 by name and encodes like js-tiktoken', async () => {
    const client = new TokenizerWorkerClient(fakeWorker());
    const loaded = await client.load('gpt2');
    expect(loaded.vocabSize).toBe(50257);
    const enc = await client.encode(loaded.handle, prose);
    expect([...enc.ids]).toEqual(getEncoding('gpt2').encode(prose));
  });

  it('rejects text over MAX_TRAIN_BYTES and unknown handles with an error message', async () => {
    const client = new TokenizerWorkerClient(fakeWorker());
    await expect(client.train('bpe', 'x'.repeat(MAX_TRAIN_BYTES + 1), 300)).rejects.toThrow(/too long/);
    await expect(client.encode('nope', 'x')).rejects.toThrow(/unknown tokenizer handle/);
  });
});
