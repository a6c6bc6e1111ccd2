/**
 * lib/train/play-worker.ts in-process (a fake `self`): reset answers ready + a step-0 evaluation,
 * run trains and ends with an evaluation and 'stopped', pause cancels a run at its next slice,
 * and runs never go past the schedule's last step.
 */
import { describe, expect, it, vi } from 'vitest';
import type { PlayEvent, PlayRequest } from '@/lib/train/play-worker';
import { defaultSpec } from '@/lib/train/playground';

type Msg = PlayEvent & { run: number };
const got: Msg[] = [];
const scope = { onmessage: null as ((ev: { data: PlayRequest }) => void) | null, postMessage: (m: Msg) => got.push(m) };
vi.stubGlobal('self', scope);
await import('@/lib/train/play-worker');
const send = (m: PlayRequest) => scope.onmessage!({ data: m });
const until = (pred: () => boolean) => vi.waitFor(() => expect(pred()).toBe(true), { timeout: 20_000, interval: 5 });

describe('play-worker', () => {
  it('resets, steps, plays to the end, and pauses', async () => {
    send({ type: 'reset', spec: defaultSpec({ steps: 12, nLayer: 1, dModel: 16 }) });
    await until(() => got.some((m) => m.type === 'steps'));
    expect(got[0]).toMatchObject({ type: 'ready', heldOut: 32, run: 1 });
    expect(got[1]).toMatchObject({ type: 'steps', reports: [], run: 1 });
    send({ type: 'run', steps: 1, evalEvery: 5 });
    await until(() => got.some((m) => m.type === 'stopped'));
    const one = got.filter((m) => m.run === 2);
    expect(one.flatMap((m) => (m.type === 'steps' ? m.reports.map((r) => r.step) : []))).toEqual([1]);
    expect(one.flatMap((m) => (m.type === 'steps' ? m.evals.map((e) => e.step) : []))).toEqual([1]);
    expect(one[one.length - 1]).toMatchObject({ type: 'stopped', step: 1, cancelled: false, finished: false });
    send({ type: 'run', steps: 1e9, evalEvery: 5 });
    await until(() => got.some((m) => m.run === 3 && m.type === 'stopped'));
    const rest = got.filter((m) => m.run === 3);
    expect(rest.flatMap((m) => (m.type === 'steps' ? m.reports.map((r) => r.step) : []))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(rest.flatMap((m) => (m.type === 'steps' ? m.evals.map((e) => e.step) : []))).toEqual([5, 10, 12]);
    expect(rest[rest.length - 1]).toMatchObject({ type: 'stopped', step: 12, finished: true });

    send({ type: 'reset', spec: defaultSpec({ steps: 4000, nLayer: 1, dModel: 16 }) });
    send({ type: 'run', steps: 1e9, evalEvery: 1000 });
    await until(() => got.some((m) => m.run === 5 && m.type === 'steps' && m.reports.length > 0));
    send({ type: 'pause' });
    await until(() => got.some((m) => m.run === 5 && m.type === 'stopped'));
    const stop = got.filter((m) => m.run === 5 && m.type === 'stopped')[0];
    expect(stop).toMatchObject({ cancelled: true, finished: false });
    if (stop.type !== 'stopped') throw new Error('expected stopped');
    expect(stop.step).toBeLessThan(4000);
  });
});
