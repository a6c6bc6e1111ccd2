// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useWorkerJob } from '@/components/lesson/useWorkerJob';

/** A Worker stand-in: records what the page posts and lets the test reply. */
class FakeWorker extends EventTarget {
  posted: Record<string, unknown>[] = [];
  terminated = false;
  postMessage(m: Record<string, unknown>) {
    this.posted.push(m);
  }
  reply(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  terminate() {
    this.terminated = true;
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const hook = renderHook(({ n }: { n: number }) =>
    useWorkerJob<{ n: number }, { sq: number }, { n: number; sq: number }>({
      make: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w as unknown as Worker;
      },
      request: { n },
      key: String(n),
      read: (m, q) => ({ n: q.n, sq: m.sq }),
      crashed: 'crashed',
    }), { initialProps: { n: 2 } });
  return { hook, workers };
}

describe('useWorkerJob', () => {
  it('does nothing until run, then posts the request with a job number and keeps the result', () => {
    const { hook, workers } = setup();
    expect(workers).toHaveLength(0);
    expect(hook.result.current.view.phase).toBe('idle');
    act(() => hook.result.current.run());
    expect(workers[0].posted).toEqual([{ n: 2, type: 'run', job: 1 }]);
    act(() => workers[0].reply({ type: 'progress', job: 1, phase: 'forward', done: 1, total: 4 }));
    expect(hook.result.current.view.progress).toEqual({ phase: 'forward', done: 1, total: 4 });
    act(() => workers[0].reply({ type: 'result', job: 1, sq: 4 }));
    expect(hook.result.current.view.phase).toBe('ready');
    expect(hook.result.current.view.result).toEqual({ n: 2, sq: 4 });
  });

  it('after the first run a new setting runs again, replies of the older job are dropped, and history keeps one entry per key', () => {
    const { hook, workers } = setup();
    act(() => hook.result.current.run());
    act(() => workers[0].reply({ type: 'result', job: 1, sq: 4 }));
    hook.rerender({ n: 3 });
    expect(workers[0].posted.at(-1)).toEqual({ n: 3, type: 'run', job: 2 });
    act(() => workers[0].reply({ type: 'result', job: 1, sq: 999 })); // stale
    expect(hook.result.current.view.phase).toBe('running');
    act(() => workers[0].reply({ type: 'result', job: 2, sq: 9 }));
    hook.rerender({ n: 2 });
    act(() => workers[0].reply({ type: 'result', job: 3, sq: 4 }));
    expect(hook.result.current.view.history).toEqual([{ n: 3, sq: 9 }, { n: 2, sq: 4 }]);
    expect(workers).toHaveLength(1);
  });

  it('cancel posts a cancel for the current job; cancelled and error replies show in the phase', () => {
    const { hook, workers } = setup();
    act(() => hook.result.current.run());
    act(() => hook.result.current.cancel());
    expect(workers[0].posted.at(-1)).toEqual({ type: 'cancel', job: 1 });
    act(() => workers[0].reply({ type: 'cancelled', job: 1 }));
    expect(hook.result.current.view.phase).toBe('cancelled');
    act(() => hook.result.current.run());
    act(() => workers[0].reply({ type: 'error', job: 2, message: 'boom' }));
    expect(hook.result.current.view).toMatchObject({ phase: 'error', error: 'boom' });
    hook.unmount();
    expect(workers[0].terminated).toBe(true);
  });
});
