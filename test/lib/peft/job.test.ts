import { describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import { eagerStep } from '@/lib/model/kvcache';
import { randomWeights } from '@/lib/model/init';
import { ids } from '@/lib/tensor';
import { greedyContinue, runFinetuneJob, type FinetuneJob, type JobEvent } from '@/lib/peft';
import { manifest, read, readJson } from '../models/shipped';

const job = (over: Partial<FinetuneJob> = {}): FinetuneJob => ({
  config: readJson<TransformerConfig>('models/lm/config.json'),
  weightsUrl: 'models/lm/model.safetensors',
  sha256: manifest().models.lm.sha256,
  tokenizerUrl: 'models/tokenizer/austen-bpe-4096.json',
  text: 'Shall I compare thee to a summer\'s day? Thou art more lovely and more temperate. Rough winds do shake the darling buds of May, and summer\'s lease hath all too short a date.',
  lora: { r: 8, alpha: 16, targets: ['wq', 'wv'] },
  steps: 2, lrMax: 3e-3, window: 32, seed: 1, prompt: 'Shall I', sampleTokens: 4,
  ...over,
});
const io = (cancelAfter = Infinity) => {
  const events: JobEvent[] = [];
  let steps = 0;
  return {
    events,
    fetchBytes: async (p: string) => new Uint8Array(read(p)),
    emit: (e: JobEvent) => {
      events.push(e);
      if (e.type === 'step') steps++;
    },
    cancelled: () => steps > cancelAfter,
  };
};

describe('greedyContinue', () => {
  it('picks the argmax token each step, the same as a full eager pass over the growing text', () => {
    const cfg: TransformerConfig = { ...readJson<TransformerConfig>('models/tiny-random/config.json') };
    const w = randomWeights(cfg, 4, { std: 0.3 });
    const got = greedyContinue(cfg, w, [5, 9, 200], 4);
    const seq = [5, 9, 200];
    for (let i = 0; i < 4; i++) {
      const z = eagerStep(cfg, w, ids(seq)).logits.data;
      const last = Array.from(z.subarray(z.length - cfg.vocabSize));
      seq.push(last.indexOf(Math.max(...last)));
    }
    expect(got).toEqual(seq.slice(3));
  });
});

describe('runFinetuneJob (lm, the worker path without the Worker)', () => {
  it('emits loaded, before sample, steps 0..n, after sample and done with adapter vs model bytes', async () => {
    const o = io();
    await runFinetuneJob(job(), o);
    const kinds = o.events.map((e) => (e.type === 'sample' ? `sample:${e.which}` : e.type));
    expect(kinds).toEqual(['loaded', 'sample:before', 'step', 'step', 'step', 'sample:after', 'done']);
    const loaded = o.events[0] as Extract<JobEvent, { type: 'loaded' }>;
    expect(loaded.adapterParams).toBe(8 * (2048 + 1536));
    expect(loaded.modelParams).toBe(manifest().models.lm.params);
    const done = o.events.at(-1) as Extract<JobEvent, { type: 'done' }>;
    expect(done.cancelled).toBe(false);
    expect(done.modelBytes).toBe(manifest().models.lm.bytes);
    expect(done.adapterBytes).toBeLessThan(done.modelBytes / 20);
  });
  it('stops after the step at which Cancel is seen and still reports the after sample', async () => {
    const o = io(1);
    await runFinetuneJob(job({ steps: 50 }), o);
    expect(o.events.filter((e) => e.type === 'step').length).toBe(2);
    expect((o.events.at(-1) as Extract<JobEvent, { type: 'done' }>).cancelled).toBe(true);
  });
  it('reports a corrupt download as an error event (sha256 mismatch), not a throw', async () => {
    const o = io();
    await runFinetuneJob(job({ sha256: '0'.repeat(64) }), o);
    expect(o.events).toHaveLength(1);
    expect(o.events[0].type).toBe('error');
    expect((o.events[0] as { message: string }).message).toMatch(/sha256 mismatch/);
  });
});
