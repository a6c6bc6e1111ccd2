import { describe, expect, it } from 'vitest';
import { fromWireError, isRequest, isResponse, toWireError, transferables, type Request, type Response } from '@/lib/runtime';

describe('runtime protocol messages', () => {
  it('survive structuredClone (what postMessage does), int64 tensors included', () => {
    const req: Request = {
      id: 7, type: 'run', modelId: 'm', variant: 'logits', workload: 'decode',
      feeds: { ids: { dtype: 'int64', dims: [1, 2], data: BigInt64Array.from([3n, -1n]) } },
    };
    const back = structuredClone(req);
    expect(back).toEqual(req);
    expect(isRequest(back)).toBe(true);
    const res: Response = { id: 7, type: 'result', request: 'choose', result: { backend: 'wasm', reason: 'WebGPU unavailable: no adapter' } };
    expect(structuredClone(res)).toEqual(res);
    expect(isResponse(res)).toBe(true);
  });

  it('turns any thrown value into an error with a message, and back', () => {
    expect(toWireError(new RangeError('bad dims'))).toEqual({ name: 'RangeError', message: 'bad dims' });
    expect(toWireError('plain string')).toEqual({ name: 'Error', message: 'plain string' });
    expect(toWireError({ code: 3 })).toEqual({ name: 'Error', message: '{"code":3}' });
    const e = fromWireError({ name: 'RangeError', message: 'bad dims' });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.message]).toEqual(['RangeError', 'bad dims']);
  });

  it('rejects things that are not requests at the worker door', () => {
    expect(isRequest(null)).toBe(false);
    expect(isRequest({ id: 1 })).toBe(false);
    expect(isRequest({ id: 1.5, type: 'load' })).toBe(false);
    expect(isRequest({ id: 1, type: 'format-disk' })).toBe(false);
  });

  it('lists each whole tensor buffer once for transfer, skipping views into larger buffers', () => {
    const a = new Float32Array(4);
    const big = new Float32Array(8);
    const list = transferables({
      a: { dtype: 'float32', dims: [4], data: a },
      again: { dtype: 'float32', dims: [4], data: a },
      view: { dtype: 'float32', dims: [2], data: big.subarray(0, 2) },
    });
    expect(list).toEqual([a.buffer]);
  });
});
