import { describe, expect, it } from 'vitest';
import { createQueue } from '@/lib/runtime';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createQueue', () => {
  it('runs tasks one at a time, in enqueue order, even when later tasks are quicker', async () => {
    const q = createQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([q.run(task('a', 30)), q.run(task('b', 1)), q.run(task('c', 10))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(maxRunning).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('rejects only the failing task and carries on with the next', async () => {
    const q = createQueue();
    const a = q.run(async () => {
      throw new Error('boom');
    });
    const b = q.run(() => 42);
    await expect(a).rejects.toThrow('boom');
    await expect(b).resolves.toBe(42);
    expect(q.pending).toBe(0);
  });

  it('counts pending tasks until they settle', async () => {
    const q = createQueue();
    const p = q.run(() => tick(5));
    q.run(() => tick(5));
    expect(q.pending).toBe(2);
    await p;
    expect(q.pending).toBe(1);
  });
});
