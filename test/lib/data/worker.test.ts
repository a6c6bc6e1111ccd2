/** The data worker's handler and client: results and progress through postMessage, and Cancel. */
import { describe, expect, it } from 'vitest';
import { CancelledError, DataWorkerClient, type DataRequest, type DataResponse, type DataWorkerLike } from '@/lib/data';
import { handleDataRequest as handler } from '@/lib/data/worker-handler';

/** A Worker-shaped fake that runs the real handler after a macrotask (or never, when `hang`). */
function fake(hang = false): DataWorkerLike & { terminated: boolean } {
  const w = {
    onmessage: null as DataWorkerLike['onmessage'],
    terminated: false,
    postMessage(req: DataRequest) {
      if (!hang) setTimeout(() => handler(req, (m: DataResponse) => w.onmessage?.({ data: m })), 0);
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

describe('data worker', () => {
  it('runs an exact-repeats job and answers with the result', async () => {
    const client = new DataWorkerClient(() => fake());
    const r = await client.run({ type: 'exact', texts: ['abcabcabc xyz', 'abcabc'], k: 3 });
    expect(r.coveredChars).toEqual([9, 6]);
  });

  it('posts progress and exactly one result', () => {
    const msgs: DataResponse[] = [];
    handler({ type: 'quality', reqId: 7, passages: Array.from({ length: 500 }, (_, i) => `passage ${i} of the text`) }, (m) => msgs.push(m));
    expect(msgs.filter((m) => m.type === 'result')).toHaveLength(1);
    expect(msgs[msgs.length - 1].type).toBe('result');
    expect(msgs.every((m) => m.reqId === 7)).toBe(true);
  });

  it('reports a failing job as an error', async () => {
    const client = new DataWorkerClient(() => fake());
    await expect(client.run({ type: 'exact', texts: null as unknown as string[], k: 3 })).rejects.toThrow(/null/);
  });

  it('cancel terminates the worker, rejects the pending run, and the next run starts a fresh worker', async () => {
    const made: Array<ReturnType<typeof fake>> = [];
    const client = new DataWorkerClient(() => {
      const w = fake(made.length === 0); // the first worker never answers
      made.push(w);
      return w;
    });
    const pending = client.run({ type: 'contam', train: ['one two three'], test: 'one two three', n: 3 });
    expect(client.busy).toBe(true);
    client.cancel();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(made[0].terminated).toBe(true);
    const r = await client.run({ type: 'contam', train: ['one two three'], test: 'one two three', n: 3 });
    expect(r.matched).toBe(1);
    expect(made).toHaveLength(2);
  });
});
