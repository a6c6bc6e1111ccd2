import { describe, expect, it } from 'vitest';
import { createModelClient, type WorkerLike } from '@/lib/runtime/client';
import type { ModelProvider, Progress } from '@/lib/runtime';
import type { Request } from '@/lib/runtime/protocol';
import { bigramModel, idsTensor, TABLE } from './bigramModel';
import { inProcessWorker } from './channel';

const provider: ModelProvider = (id, onProgress) =>
  id === 'bigram' ? bigramModel()(onProgress) : Promise.reject(new Error(`unknown model "${id}"`));

describe('createModelClient ↔ worker host (structured-clone channel)', () => {
  it('loads a model with progress events, then runs it', async () => {
    const client = createModelClient({ worker: inProcessWorker(provider) });
    const progress: Progress[] = [];
    const loaded = await client.load('bigram', { onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([{ phase: 'build', loaded: 1, total: 1 }]);
    expect(loaded).toEqual({ modelId: 'bigram', info: { vocabSize: 4 }, backends: ['wasm'], webgpuReason: 'WebGPU unavailable: navigator.gpu missing' });
    const r = await client.run('bigram', 'logits', { ids: idsTensor([2]) });
    expect(Array.from(r.outputs.logits.data as Float32Array, Math.exp).map((p) => +p.toFixed(6))).toEqual(TABLE[2]);
    await client.dispose();
  });

  it('streams tokens before the final result of generate', async () => {
    const worker = inProcessWorker(provider);
    const client = createModelClient({ worker });
    await client.load('bigram');
    const tokens: number[] = [];
    const r = await client.generate('bigram', { prompt: [1], maxNewTokens: 3 }, (t) => tokens.push(t.id));
    expect(tokens).toEqual([2, 3, 1]);
    expect(r.newIds).toEqual([2, 3, 1]);
    const genId = worker.log.find((m) => 'type' in m && m.type === 'generate')!.id;
    const kinds = worker.log.filter((m) => m.id === genId && m.type !== 'generate').map((m) => m.type);
    expect(kinds).toEqual(['token', 'token', 'token', 'result']);
  });

  it('hands any result\'s resources (what the worker fetched since its last result) to onResources', async () => {
    const urls = ['https://lab.example/ort/ort-wasm-simd-threaded.mjs', 'https://lab.example/models/lm/model.safetensors'];
    const wasm = 'https://lab.example/ort/ort-wasm-simd-threaded.wasm';
    const listeners: ((e: { data: unknown }) => void)[] = [];
    const answer = (m: Request) => m.type === 'load'
      ? { id: m.id, type: 'result', request: 'load', result: { modelId: 'lm', info: {}, backends: ['wasm'], resources: urls } }
      : { id: m.id, type: 'result', request: 'run', result: { outputs: {}, backend: 'wasm', ms: 1, resources: [wasm] } };
    const worker: WorkerLike = {
      postMessage: (m) => queueMicrotask(() => listeners.forEach((f) => f({ data: answer(m) }))),
      addEventListener: (type: string, fn: (e: never) => void) => void (type === 'message' && listeners.push(fn as (e: { data: unknown }) => void)),
    };
    const reported: string[][] = [];
    const client = createModelClient({ worker, onResources: (u) => reported.push(u) });
    expect((await client.load('lm')).resources).toEqual(urls);
    expect(reported).toEqual([urls]);
    await client.run('lm', 'logits', {});
    expect(reported).toEqual([urls, [wasm]]);
    await expect(createModelClient({ worker: inProcessWorker(provider) }).load('bigram')).resolves.not.toHaveProperty('resources'); // Node's host adds none
  });

  it('rejects this and every later request when the worker never started (its script failed to load)', async () => {
    const listeners: ((e: { message?: string }) => void)[] = [];
    const worker: WorkerLike = {
      postMessage: () => {}, // a worker whose script never loaded answers nothing
      addEventListener: (type: string, fn: (e: never) => void) => void (type === 'error' && listeners.push(fn as (e: { message?: string }) => void)),
    };
    const client = createModelClient({ worker });
    const first = client.load('lm');
    listeners.forEach((f) => f({})); // the load failure's plain Event: no message
    await expect(first).rejects.toThrow(/model worker crashed: it did not start/);
    await expect(client.load('lm')).rejects.toThrow(/did not start/); // not queued to a dead worker
  });

  it('rejects with the worker\'s error message', async () => {
    const client = createModelClient({ worker: inProcessWorker(provider) });
    await expect(client.load('missing')).rejects.toThrow('unknown model "missing"');
    await expect(client.run('bigram', 'logits', { ids: idsTensor([1]) })).rejects.toThrow('model "bigram" is not loaded');
  });

  it('cancels a generate through an AbortSignal', async () => {
    const client = createModelClient({ worker: inProcessWorker(provider) });
    await client.load('bigram');
    const ac = new AbortController();
    const r = await client.generate('bigram', { prompt: [1], maxNewTokens: 500 }, (t) => {
      if (t.index === 1) ac.abort();
    }, { signal: ac.signal });
    expect(r.stopReason).toBe('aborted');
    expect(r.newIds.length).toBeLessThan(500);
  });

  it('reports the backend choice and honours setBackend', async () => {
    const client = createModelClient({ worker: inProcessWorker(provider) });
    await client.load('bigram');
    expect((await client.choose('bigram', 'decode')).reason).toBe('WebGPU unavailable: navigator.gpu missing');
    await client.setBackend('wasm');
    expect((await client.choose('bigram', 'decode')).reason).toBe('WASM chosen by you (override)');
  });

  it('rejects calls after dispose', async () => {
    const client = createModelClient({ worker: inProcessWorker(provider) });
    await client.dispose();
    await expect(client.load('bigram')).rejects.toThrow('model client disposed');
  });
});

describe('createModelClient onFallback', () => {
  /** A worker that answers every request with a result; run results carry a fallback note. */
  function fakeWorker(): WorkerLike {
    const listeners: ((e: { data: unknown }) => void)[] = [];
    return {
      postMessage(msg: { id: number; type: string }) {
        const result = msg.type === 'run' ? { outputs: {}, backend: 'wasm', ms: 1, fallback: 'WebGPU stopped working (lost); switched to WASM for this page' } : {};
        queueMicrotask(() => listeners.forEach((l) => l({ data: { id: msg.id, type: 'result', result } })));
      },
      addEventListener(type: string, fn: (e: { data: unknown }) => void) {
        if (type === 'message') listeners.push(fn);
      },
    } as unknown as WorkerLike;
  }

  it('is called once, with the note, however many results report a fallback', async () => {
    const notes: string[] = [];
    const client = createModelClient({ worker: fakeWorker(), onFallback: (n) => notes.push(n) });
    await client.run('m', 'logits', {});
    await client.run('m', 'logits', {});
    expect(notes).toEqual(['WebGPU stopped working (lost); switched to WASM for this page']);
  });
});
