import { describe, expect, it } from 'vitest';
import type { Response } from '@/lib/runtime/protocol';
import { resourcesOf, withNewResources } from '@/lib/runtime/resources';

const load: Response = { id: 1, type: 'result', request: 'load', result: { modelId: 'lm', info: {}, backends: ['wasm'] } };
const run: Response = { id: 2, type: 'result', request: 'run', result: { outputs: {}, backend: 'wasm', ms: 1 } };
const MJS = 'https://lab.example/ort/ort-wasm-simd-threaded.mjs';
const WASM = 'https://lab.example/ort/ort-wasm-simd-threaded.wasm';

describe('withNewResources', () => {
  const resultOf = (m: Response) => (m.type === 'result' ? m.result : undefined);
  it('lists on each result only the URLs no earlier result listed', () => {
    const seen = new Set<string>();
    const first = withNewResources(load, seen, [MJS, MJS]);
    const second = withNewResources(run, seen, [MJS, WASM]); // ORT's wasm arrived after the load answered
    expect(resourcesOf(resultOf(first))).toEqual([MJS]);
    expect(resourcesOf(resultOf(second))).toEqual([WASM]);
    expect(withNewResources(run, seen, [MJS, WASM])).toBe(run); // nothing new: the message as it was
  });

  it('leaves progress, tokens, errors and non-object results alone', () => {
    const seen = new Set<string>();
    const progress: Response = { id: 1, type: 'progress', progress: { phase: 'download', loaded: 1, total: 2 } } as Response;
    const error: Response = { id: 1, type: 'error', error: { name: 'Error', message: 'x' } } as Response;
    const nothing = { id: 3, type: 'result', request: 'setBackend', result: null } as unknown as Response;
    for (const m of [progress, error, nothing]) expect(withNewResources(m, seen, [WASM])).toBe(m);
    expect(seen.size).toBe(0); // not marked as reported: the next result still carries it
  });
});

describe('resourcesOf', () => {
  it('reads the string URLs of a result and ignores anything else', () => {
    expect(resourcesOf({ resources: [WASM, 3, null] })).toEqual([WASM]);
    expect(resourcesOf({ resources: 'x' })).toEqual([]);
    expect(resourcesOf(null)).toEqual([]);
    expect(resourcesOf(7)).toEqual([]);
  });
});
