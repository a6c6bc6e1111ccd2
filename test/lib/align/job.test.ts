import { describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import { runAlignJob, type AlignEvent, type AlignJob } from '@/lib/align/job';
import { manifest, read, readJson } from '../models/shipped';

const job = (o: Partial<AlignJob> = {}): AlignJob => ({
  config: readJson<TransformerConfig>('models/lm/config.json'), weightsUrl: 'models/lm/model.safetensors', tokenizerUrl: 'models/tokenizer/austen-bpe-4096.json',
  mode: 'dpo', pairs: [{ prompt: '"Will you walk?" said she. "', chosen: 'Yes."', rejected: 'No."' }], lora: { r: 4, alpha: 8, targets: ['wq', 'wv'] },
  beta: 0.1, steps: 1, batch: 1, lrMax: 1e-2, seed: 1, evalEvery: 5, heldOut: 'They did not always think alike.', probeTop: 3, ...o,
});
const io = (cancelAfter = Infinity) => {
  const events: AlignEvent[] = [];
  return {
    events, fetchBytes: async (u: string) => new Uint8Array(read(u)), emit: (e: AlignEvent) => void events.push(e),
    cancelled: () => events.filter((e) => e.type === 'step').length > cancelAfter,
  };
};

describe('runAlignJob (lm, the worker path without the Worker)', () => {
  it('emits loaded (probe = top 3 + the answers’ first tokens), steps 0..n and done', async () => {
    const o = io();
    await runAlignJob(job(), o);
    expect(o.events.map((e) => e.type)).toEqual(['loaded', 'step', 'step', 'done']);
    const loaded = o.events[0] as Extract<AlignEvent, { type: 'loaded' }>;
    expect(loaded.modelParams).toBe(manifest().models.lm.params);
    expect(loaded.adapterParams).toBe(8 * 4 * (256 + 192)); // r = 4: 8 blocks × (W_q 4·(128 + 128) + W_v 4·(64 + 128))
    expect(loaded.probe.map((p) => p.id)).toContain(loaded.chosenId);
    expect(loaded.probe.map((p) => p.id)).toContain(loaded.rejectedId);
    const first = (o.events[1] as Extract<AlignEvent, { type: 'step' }>).report.eval!;
    expect(first.meanLoss).toBeCloseTo(Math.LN2, 5);
    expect(first.kl).toBeCloseTo(0, 6);
    expect(first.probe).toHaveLength(loaded.probe.length);
    expect((o.events.at(-1) as Extract<AlignEvent, { type: 'done' }>).cancelled).toBe(false);
  });
  it('stops at a Cancel, evaluates the step it stopped at, and reports a corrupt download as an error event', async () => {
    const o = io(1); // Cancel seen after step 1, which had no evaluation of its own
    await runAlignJob(job({ steps: 30 }), o);
    const steps = o.events.filter((e) => e.type === 'step').map((e) => (e as Extract<AlignEvent, { type: 'step' }>).report);
    expect(steps.map((r) => [r.step, r.eval !== null])).toEqual([[0, true], [1, false], [1, true]]);
    expect(steps[2].loss).toBe(steps[1].loss);
    expect((o.events.at(-1) as Extract<AlignEvent, { type: 'done' }>).cancelled).toBe(true);
    const bad = io();
    await runAlignJob(job({ sha256: '0'.repeat(64) }), bad);
    expect(bad.events.map((e) => e.type)).toEqual(['error']);
  });
});
