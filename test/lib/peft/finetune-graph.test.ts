// The LoRA fine-tune job with the graph engine (one ONNX train-step graph on onnxruntime-web WASM
// in Node) against the same job on the TS tape: same windows, same schedule, same losses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import { runFinetuneJob, type FinetuneJob, type JobEvent } from '@/lib/peft';
import { setOrtLoader, type OrtModule } from '@/lib/runtime';
import { manifest, read, readJson } from '../models/shipped';

const job = (over: Partial<FinetuneJob> = {}): FinetuneJob => ({
  config: readJson<TransformerConfig>('models/lm/config.json'),
  weightsUrl: 'models/lm/model.safetensors',
  sha256: manifest().models.lm.sha256,
  tokenizerUrl: 'models/tokenizer/austen-bpe-4096.json',
  text: 'Shall I compare thee to a summer\'s day? Thou art more lovely and more temperate. Rough winds do shake the darling buds of May, and summer\'s lease hath all too short a date.',
  lora: { r: 8, alpha: 16, targets: ['wq', 'wv'] },
  steps: 2, lrMax: 3e-3, window: 12, seed: 1, prompt: 'Shall I', sampleTokens: 1,
  ...over,
});

async function events(j: FinetuneJob): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  await runFinetuneJob(j, { fetchBytes: async (p) => new Uint8Array(read(p)), emit: (e) => out.push(e), cancelled: () => false });
  return out;
}
const losses = (es: JobEvent[]): number[] => es.flatMap((e) => (e.type === 'step' && e.report.step > 0 ? [e.report.loss] : []));

describe('runFinetuneJob with the graph engine', () => {
  let ts: JobEvent[];
  let wasm: JobEvent[];
  beforeAll(async () => {
    setOrtLoader(async () => (await import('onnxruntime-web')) as unknown as OrtModule, { wasmBase: null, numThreads: 1 });
    ts = await events(job());
    wasm = await events(job({ engine: 'wasm' }));
  });
  afterAll(() => setOrtLoader(null));

  it('names the backend that ran in an engine event before the first step', () => {
    const kinds = wasm.map((e) => (e.type === 'sample' ? `sample:${e.which}` : e.type));
    expect(kinds).toEqual(['loaded', 'sample:before', 'engine', 'step', 'step', 'step', 'sample:after', 'done']);
    const e = wasm[2] as Extract<JobEvent, { type: 'engine' }>;
    expect(e.backend).toBe('wasm');
    expect(e.reason).toMatch(/^WASM: one ONNX graph per step/);
    expect(ts.some((x) => x.type === 'engine')).toBe(false);
  });

  it('trains on the same windows with the same losses and held-out loss as the TS tape', () => {
    const a = losses(ts);
    const b = losses(wasm);
    expect(b).toHaveLength(2);
    b.forEach((l, i) => expect(Math.abs(l - a[i]) / a[i], `step ${i + 1}`).toBeLessThan(1e-4));
    const val = (es: JobEvent[]) => es.flatMap((e) => (e.type === 'step' && e.report.valLoss !== null ? [e.report.valLoss] : []));
    expect(val(wasm)).toHaveLength(2); // step 0 and the last step
    val(wasm).forEach((v, i) => expect(Math.abs(v - val(ts)[i]) / val(ts)[i]).toBeLessThan(1e-4));
    expect(val(wasm)[1]).not.toBe(val(wasm)[0]); // the adapters came back from the session
  });
});
