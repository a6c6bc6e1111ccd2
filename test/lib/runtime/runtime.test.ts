import { describe, expect, it } from 'vitest';
import { decisionKey, memoryStore, PROVISIONAL, REMEMBERED, Runtime, WARMING, type DecisionStore, type ModelProvider } from '@/lib/runtime';
import { bigramModel, bigramOnnx as bigramModelGraph, idsTensor, lastRow, TABLE, V } from './bigramModel';
import { countingOrt } from './nodeOrt';

function setup(navigator: object = {}, store?: DecisionStore, pretendWebGpu = false) {
  const ort = countingOrt(pretendWebGpu);
  const graphCalls: string[] = [];
  const provider: ModelProvider = (id, onProgress) => {
    if (id !== 'bigram') return Promise.reject(new Error(`unknown model "${id}"`));
    return bigramModel(graphCalls)(onProgress);
  };
  return { rt: new Runtime({ provider, ort: ort.load, navigator, calibrationRepeats: 1, store, idleMs: 0 }), creates: ort.creates, graphCalls };
}

describe('Runtime on onnxruntime-web WASM (Node)', () => {
  it('runs a lib/onnx graph and returns the table rows the ids select', async () => {
    const { rt } = setup();
    await rt.load('bigram');
    const r = await rt.run('bigram', 'logits', { ids: idsTensor([3, 1]) });
    expect(r.backend).toBe('wasm');
    expect(r.outputs.logits.dims).toEqual([1, 2, V]);
    const probs = Array.from(r.outputs.logits.data as Float32Array, Math.exp);
    TABLE[3].concat(TABLE[1]).forEach((p, i) => expect(probs[i]).toBeCloseTo(p, 6));
  });

  it('creates one session per model+variant+backend and reuses it', async () => {
    const { rt, creates, graphCalls } = setup();
    await rt.load('bigram');
    await rt.run('bigram', 'logits', { ids: idsTensor([1]) });
    await rt.run('bigram', 'logits', { ids: idsTensor([2]) });
    expect(creates).toEqual(['wasm']);
    expect(graphCalls).toEqual(['logits']);
    await rt.run('bigram', 'logits', { ids: idsTensor([2]) }, 'prefill', 'webgpu').catch(() => {});
    expect(creates).toEqual(['wasm', 'webgpu']); // a different key: a new session attempt
  });

  it("asks for each backend's ORT module only when that backend's first session is created", async () => {
    const ort = countingOrt();
    const asked: (string | undefined)[] = [];
    const rt = new Runtime({ provider: (_id, p) => bigramModel([])(p), ort: (backend) => (asked.push(backend), ort.load()), navigator: {} });
    await rt.load('bigram');
    expect(asked).toEqual([]); // loading fetches weights, not ORT
    await rt.run('bigram', 'logits', { ids: idsTensor([1]) });
    expect(new Set(asked)).toEqual(new Set(['wasm']));
    await rt.run('bigram', 'logits', { ids: idsTensor([2]) }, 'prefill', 'webgpu').catch(() => {});
    expect(new Set(asked)).toEqual(new Set(['wasm', 'webgpu']));
  });

  it('explains that WebGPU is missing when navigator.gpu is absent', async () => {
    const { rt } = setup({});
    const loaded = await rt.load('bigram');
    expect(loaded.backends).toEqual(['wasm']);
    expect(loaded.webgpuReason).toBe('WebGPU unavailable: navigator.gpu missing');
    expect(await rt.choose('bigram', 'prefill')).toEqual({ backend: 'wasm', workload: 'prefill', reason: 'WebGPU unavailable: navigator.gpu missing' });
  });

  it('calibrates when an adapter exists, and falls back to WASM when the WebGPU EP cannot start', async () => {
    // Node's ORT build has no WebGPU EP, so the WebGPU session fails: the honest outcome is WASM.
    const fakeAdapterNav = { gpu: { requestAdapter: async () => ({ info: { vendor: 'fake' } }) } };
    const { rt } = setup(fakeAdapterNav);
    await rt.load('bigram');
    const c = await rt.choose('bigram', 'decode', { measured: true });
    expect(c.backend).toBe('wasm');
    expect(c.reason).toMatch(/^WASM chosen: WebGPU failed \(.+\)$/);
    expect(c.timings?.wasm).toBeGreaterThan(0);
  });

  it('remembers a calibrated choice in its store, so a new Runtime on the same device does not measure again', async () => {
    const fakeAdapterNav = { gpu: { requestAdapter: async () => ({ info: { vendor: 'fake' } }) } };
    const store = memoryStore();
    const first = setup(fakeAdapterNav, store, true);
    await first.rt.load('bigram');
    const c1 = await first.rt.choose('bigram', 'prefill', { measured: true });
    expect(first.creates).toEqual(['wasm', 'webgpu']); // it measured both
    expect(c1.timings?.webgpu).toBeGreaterThan(0);
    const second = setup(fakeAdapterNav, store, true);
    await second.rt.load('bigram');
    const c2 = await second.rt.choose('bigram', 'prefill');
    expect(second.creates).toEqual([]); // no session was created to measure
    // which backend won depends on this machine's timings; a remembered WebGPU win also says WASM runs until it has warmed up
    expect(c2).toEqual({ ...c1, reason: c1.reason + REMEMBERED + (c1.backend === 'webgpu' ? WARMING : '') });
  });

  it('does not remember a choice made because WebGPU failed', async () => {
    const fakeAdapterNav = { gpu: { requestAdapter: async () => ({ info: { vendor: 'fake' } }) } };
    const store = memoryStore();
    const first = setup(fakeAdapterNav, store);
    await first.rt.load('bigram');
    expect((await first.rt.choose('bigram', 'decode', { measured: true })).reason).toMatch(/WebGPU failed/);
    const second = setup(fakeAdapterNav, store);
    await second.rt.load('bigram');
    await second.rt.choose('bigram', 'decode', { measured: true });
    expect(second.creates).toEqual(['wasm', 'webgpu']); // measured again
  });

  it('answers WASM at once while WebGPU is timed in the background, then uses the measured choice', async () => {
    const fakeAdapterNav = { gpu: { requestAdapter: async () => ({ info: { vendor: 'fake' } }) } };
    const { rt, creates } = setup(fakeAdapterNav, memoryStore(), true);
    await rt.load('bigram');
    const now = await rt.choose('bigram', 'prefill');
    expect(now).toEqual({ backend: 'wasm', workload: 'prefill', reason: PROVISIONAL, provisional: true });
    expect(creates).toEqual([]); // nothing was measured before answering
    const measured = await rt.choose('bigram', 'prefill', { measured: true });
    expect(measured.timings?.webgpu).toBeGreaterThan(0);
    expect(measured.provisional).toBeUndefined();
    expect(await rt.choose('bigram', 'prefill')).toEqual(measured); // settled: answered from memory
    expect((await rt.run('bigram', 'logits', { ids: idsTensor([1]) })).backend).toBe(measured.backend);
  });

  it('times one workload at a time, so no timed run waits behind another calibration run', async () => {
    const fakeAdapterNav = { gpu: { requestAdapter: async () => ({ info: { vendor: 'fake' } }) } };
    const ort = countingOrt(true);
    const tokensPerRun: number[] = [];
    const load = async () => {
      const o = await ort.load();
      const create = async (bytes: Uint8Array, opts: object) => {
        const session = await o.InferenceSession.create(bytes, opts as never);
        const run = session.run.bind(session);
        return Object.assign(session, { run: (feeds: Record<string, { dims: readonly number[] }>) => (tokensPerRun.push(feeds.ids.dims[1]), run(feeds as never)) });
      };
      return { ...o, InferenceSession: { create } } as unknown as typeof o;
    };
    let clock = 0; // every timed run takes 1 ms: no early stop (a WebGPU run 3× slower than WASM's) on a loaded machine
    const rt = new Runtime({ provider: (_id, p) => bigramModel([])(p), ort: load, navigator: fakeAdapterNav, calibrationRepeats: 2, idleMs: 0, now: () => clock++ });
    await rt.load('bigram');
    await Promise.all([rt.choose('bigram', 'prefill'), rt.choose('bigram', 'decode')]); // both start in the background
    await Promise.all([rt.choose('bigram', 'prefill', { measured: true }), rt.choose('bigram', 'decode', { measured: true })]);
    // every 128-token prefill run (both backends) comes before the first 1-token decode run
    const firstDecode = tokensPerRun.indexOf(1);
    expect(tokensPerRun.slice(0, firstDecode)).toEqual(Array(2 * 3).fill(128));
    expect(tokensPerRun.slice(firstDecode)).toEqual(Array(2 * 3).fill(1));
  });

  it('a remembered WebGPU choice runs on WASM until that graph has warmed up on WebGPU in idle time', async () => {
    const fakeAdapterNav = { gpu: { requestAdapter: async () => ({ info: { vendor: 'fake' } }) } };
    const store = memoryStore();
    const measured = { backend: 'webgpu' as const, workload: 'prefill' as const, reason: 'WebGPU chosen: faster for 2-token prefill (measured 1 ms vs 2 ms)', timings: { wasm: 2, webgpu: 1 } };
    await store.set(decisionKey('bigram', 'prefill', 'WebGPU adapter: fake'), measured);
    const { rt, creates } = setup(fakeAdapterNav, store, true);
    await rt.load('bigram');
    expect(await rt.choose('bigram', 'prefill')).toEqual({ ...measured, reason: measured.reason + REMEMBERED + WARMING });
    expect((await rt.run('bigram', 'logits', { ids: idsTensor([1]) })).backend).toBe('wasm');
    await expect.poll(() => creates).toEqual(['wasm', 'webgpu']); // the warm-up run, after the first
    await expect.poll(async () => (await rt.run('bigram', 'logits', { ids: idsTensor([1]) })).backend).toBe('webgpu');
    expect((await rt.choose('bigram', 'prefill')).reason).toBe(measured.reason + REMEMBERED);
  });

  it('uses an override, and refuses a WebGPU override without an adapter', async () => {
    const { rt } = setup({});
    await rt.load('bigram');
    rt.setPreference('webgpu');
    expect((await rt.choose('bigram', 'decode')).reason).toBe('WASM used: you asked for WebGPU, but WebGPU is unavailable: navigator.gpu missing');
    rt.setPreference('wasm');
    expect((await rt.choose('bigram', 'decode')).reason).toBe('WASM chosen by you (override)');
  });

  it("generates the greedy chain through the model's stepper", async () => {
    const { rt } = setup();
    await rt.load('bigram');
    const tokens: number[] = [];
    const r = await rt.generate('bigram', { prompt: [2, 3, 1], maxNewTokens: 4 }, (t) => tokens.push(t.id));
    expect(r.newIds).toEqual([2, 3, 1, 2]);
    expect(tokens).toEqual(r.newIds);
    expect(r.backends).toEqual(['wasm']);
  });

  it('stops on a stop id and samples reproducibly from a seed', async () => {
    const { rt } = setup();
    await rt.load('bigram');
    const a = await rt.generate('bigram', { prompt: [1], maxNewTokens: 30, sampler: { temperature: 1 }, seed: 11, stopIds: [0] });
    const b = await rt.generate('bigram', { prompt: [1], maxNewTokens: 30, sampler: { temperature: 1 }, seed: 11, stopIds: [0] });
    expect(a).toEqual(b);
    expect(a.newIds).not.toContain(0);
  });

  it('rejects a run on a model that was never loaded, and an unknown model id', async () => {
    const { rt } = setup();
    await expect(rt.run('bigram', 'logits', { ids: idsTensor([1]) })).rejects.toThrow('model "bigram" is not loaded');
    await expect(rt.load('nope')).rejects.toThrow('unknown model "nope"');
  });

  it('dispose releases the sessions, and a later run creates a fresh one', async () => {
    const { rt, creates } = setup();
    await rt.load('bigram');
    await rt.run('bigram', 'logits', { ids: idsTensor([1]) });
    expect(await rt.dispose('bigram')).toBe(1);
    await rt.load('bigram');
    const r = await rt.run('bigram', 'logits', { ids: idsTensor([1]) });
    expect(lastRow(r.outputs.logits).length).toBe(V);
    expect(creates).toEqual(['wasm', 'wasm']);
  });
});

describe('Runtime when the WebGPU device is lost mid-run', () => {
  const fakeAdapterNav = { gpu: { requestAdapter: async () => ({ info: { vendor: 'fake' } }) } };
  function lossy() {
    let lost = false;
    const ort = countingOrt(true, { lost: () => lost });
    const provider: ModelProvider = (id, onProgress) => bigramModel([])(onProgress);
    const rt = new Runtime({ provider, ort: ort.load, navigator: fakeAdapterNav, calibrationRepeats: 1 });
    return { rt, creates: ort.creates, lose: () => (lost = true) };
  }

  it('reruns the step on WASM with the same outputs, says so once, and chooses WASM from then on', async () => {
    const { rt, lose } = lossy();
    await rt.load('bigram');
    rt.setPreference('webgpu');
    const before = await rt.run('bigram', 'logits', { ids: idsTensor([3, 1]) });
    expect(before.backend).toBe('webgpu');
    expect(before.fallback).toBeUndefined();
    lose();
    const after = await rt.run('bigram', 'logits', { ids: idsTensor([3, 1]) });
    expect(after.backend).toBe('wasm');
    expect(after.fallback).toMatch(/^WebGPU stopped working \(GPUDevice was lost: pretend device loss\); switched to WASM/);
    expect(Array.from(after.outputs.logits.data as Float32Array)).toEqual(Array.from(before.outputs.logits.data as Float32Array));
    expect(lastRow(after.outputs.logits)).toHaveLength(V);
    const next = await rt.run('bigram', 'logits', { ids: idsTensor([2]) });
    expect(next.backend).toBe('wasm');
    expect(next.fallback).toBeUndefined();
    expect((await rt.choose('bigram', 'prefill')).backend).toBe('wasm');
    expect((await rt.load('bigram')).backends).toEqual(['wasm']);
  });

  it('keeps generating after the loss, and the generation reports the switch', async () => {
    const { rt, lose } = lossy();
    await rt.load('bigram');
    rt.setPreference('webgpu');
    let n = 0;
    const r = await rt.generate('bigram', { prompt: [1], maxNewTokens: 6 }, () => {
      if (++n === 2) lose();
    });
    expect(r.newIds).toHaveLength(6);
    expect(r.backends).toEqual(['wasm', 'webgpu']);
    expect(r.fallback).toMatch(/WebGPU stopped working/);
  });

  it('does not hide errors of a backend the caller asked for by name', async () => {
    const { rt, lose } = lossy();
    await rt.load('bigram');
    lose();
    await expect(rt.run('bigram', 'logits', { ids: idsTensor([1]) }, 'prefill', 'webgpu')).rejects.toThrow(/GPUDevice was lost/);
  });
});

describe('Runtime keepLast: a capped family of derived models (the worker keeps the last 4 pruned lm copies)', () => {
  function capped(keep: number) {
    const ort = countingOrt(false);
    const built: string[] = [];
    const provider: ModelProvider = (id, onProgress) => {
      built.push(id);
      return bigramModel([])(onProgress);
    };
    return { rt: new Runtime({ provider, ort: ort.load, navigator: {}, calibrationRepeats: 1, keepLast: { 'fam:': keep } }), built };
  }

  it('disposes the least recently loaded or run member beyond the cap, and leaves other models alone', async () => {
    const { rt, built } = capped(2);
    await rt.load('base');
    await rt.load('fam:a');
    await rt.load('fam:b');
    await rt.run('fam:a', 'logits', { ids: idsTensor([1]) }); // a is now the most recently used
    await rt.load('fam:c'); // evicts b, not a
    expect(rt.loadedModels()).toEqual(['base', 'fam:a', 'fam:c']);
    await expect(rt.run('fam:b', 'logits', { ids: idsTensor([1]) })).rejects.toThrow(/not loaded/);
    await rt.load('fam:a'); // still loaded: not built again
    expect(built).toEqual(['base', 'fam:a', 'fam:b', 'fam:c']);
    await rt.load('fam:b'); // rebuilt, and now c is the oldest
    expect(built.at(-1)).toBe('fam:b');
    expect(rt.loadedModels()).toEqual(['base', 'fam:a', 'fam:b']);
  });

  it('keeps every model when no cap is set', async () => {
    const ort = countingOrt(false);
    const rt = new Runtime({ provider: (_id, p) => bigramModel([])(p), ort: ort.load, navigator: {} });
    for (const id of ['fam:1', 'fam:2', 'fam:3', 'fam:4', 'fam:5']) await rt.load(id);
    expect(rt.loadedModels()).toHaveLength(5);
  });
});

describe('Runtime start-up', () => {
  it('with prepareOrt, starts the WASM engine once while the first model loads, before its real sessions', async () => {
    const ort = countingOrt();
    const rt = new Runtime({ provider: (_id, p) => bigramModel([])(p), ort: ort.load, navigator: {}, prepareOrt: true });
    await rt.load('bigram');
    await rt.load('bigram');
    const r = await rt.run('bigram', 'logits', { ids: idsTensor([3]) });
    expect(ort.creates).toEqual(['wasm', 'wasm']); // the throw-away one-node session, then 'logits'
    expect(Array.from(r.outputs.logits.data as Float32Array, Math.exp)[0]).toBeCloseTo(TABLE[3][0], 6);
  });

  it('a generation cancelled while it yields between steps runs no further step', async () => {
    let steps = 0;
    const provider: ModelProvider = async () => ({
      info: {},
      graph: () => bigramModelGraph(),
      stepper: (run) => ({
        newCache: () => null,
        nextLogits: async (ids: readonly number[]) => {
          steps++;
          return lastRow((await run('logits', { ids: idsTensor([...ids]) }, 'prefill')).logits);
        },
      }),
    });
    const rt = new Runtime({ provider, ort: countingOrt().load, navigator: {} });
    await rt.load('m');
    const ac = new AbortController();
    // the abort lands during the yield before step 2 (setImmediate runs in order)
    const r = await rt.generate('m', { prompt: [1], maxNewTokens: 5 }, () => setImmediate(() => ac.abort()), ac.signal);
    expect(r.stopReason).toBe('aborted');
    expect(r.newIds).toHaveLength(1);
    expect(steps).toBe(1);
  });
});
