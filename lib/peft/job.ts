/**
 * A whole "fine-tune this model on my text" job, written against injected I/O so the same code
 * runs in a Web Worker (lib/peft/worker.ts: fetch, postMessage, a Cancel message) and in Node
 * tests (files, an array of events):
 *
 *   load weights (sha256-checked) + tokenizer → encode the text → greedy sample before →
 *   loraFinetune steps (an event per step; the I/O may yield between steps so Cancel is heard) →
 *   greedy sample after (adapters merged) → done {adapter bytes vs model bytes, cancelled?}
 *
 * Events (in order): loaded, sample('before'), step × (steps + 1), sample('after'), done;
 * or error at any point. A cancelled job still samples 'after' with the adapters it has.
 * `engine` picks who runs the train step: 'ts' (default) the TS tape (finetune.ts), 'wasm' or
 * 'webgpu' the one-graph train step on onnxruntime-web (finetune-graph.ts); a graph engine adds an
 * 'engine' event before the first step naming the backend that runs (WebGPU falls back to WASM, with why).
 */
import { ids as idsTensor, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { eagerStep } from '@/lib/model/kvcache';
import { loadWeights } from '@/lib/model/weights';
import { argmax } from '@/lib/tensor';
import { reviveTokenizer, type Tokenizer } from '@/lib/tokenizer';
import { loadOrt } from '@/lib/runtime/ort';
import type { Backend } from '@/lib/runtime/protocol';
import { adapterBytes, loraFinetune, type FinetuneOptions, type FinetuneReport } from './finetune';
import { loraFinetuneGraph, type GraphFinetuneRun } from './finetune-graph';
import { loraParamCounts, mergeLora, type LoraConfig } from './lora';

export interface FinetuneJob extends JobModel {
  text: string;
  lora: LoraConfig;
  steps: number;
  lrMax: number;
  window: number;
  seed: number;
  /** Prompt for the before/after samples, and how many tokens to add greedily. */
  prompt: string;
  sampleTokens: number;
  /** Who runs the train step (default 'ts'). */
  engine?: 'ts' | Backend;
}

export type JobEvent =
  | { type: 'loaded'; textTokens: number; modelBytes: number; adapterParams: number; modelParams: number }
  | { type: 'engine'; backend: Backend; reason: string }
  | { type: 'sample'; which: 'before' | 'after'; text: string }
  | { type: 'step'; report: FinetuneReport; ms: number }
  | { type: 'done'; adapterBytes: number; modelBytes: number; cancelled: boolean; ms: number }
  | { type: 'error'; message: string };

export interface JobIO {
  fetchBytes(url: string): Promise<Uint8Array>;
  emit(e: JobEvent): void;
  cancelled(): boolean;
  /** Lets the host process messages (a worker's Cancel) between steps. */
  yieldToEvents?(): Promise<void>;
}

/** Greedy continuation of `prompt` ids by n tokens (eager, with a KV cache). */
export function greedyContinue(cfg: TransformerConfig, w: WeightMap, prompt: readonly number[], n: number): number[] {
  const out: number[] = [];
  const room = cfg.contextLength - prompt.length;
  let r = eagerStep(cfg, w, idsTensor([...prompt]));
  for (let i = 0; i < Math.min(n, room); i++) {
    const V = cfg.vocabSize;
    const last: Tensor = { data: r.logits.data.subarray(r.logits.data.length - V), shape: [V] };
    const next = argmax(last)[0];
    out.push(next);
    if (i + 1 < Math.min(n, room)) r = eagerStep(cfg, w, idsTensor([next]), r.cache);
  }
  return out;
}

/** Where a job's model lives: config, weights (sha256-checked when given) and tokenizer URLs. */
export interface JobModel {
  config: TransformerConfig;
  weightsUrl: string;
  sha256?: string;
  tokenizerUrl: string;
}

/** Fetches and checks the weights and tokenizer of a job (shared by every training job). */
export async function loadJobModel(m: JobModel, io: Pick<JobIO, 'fetchBytes'>): Promise<{ base: WeightMap; tok: Tokenizer; modelBytes: number }> {
  const [wBytes, tBytes] = await Promise.all([io.fetchBytes(m.weightsUrl), io.fetchBytes(m.tokenizerUrl)]);
  const base = await loadWeights(wBytes, { fileName: m.weightsUrl, sha256: m.sha256, config: m.config });
  return { base, tok: reviveTokenizer(new TextDecoder().decode(tBytes)), modelBytes: wBytes.length };
}

export async function runFinetuneJob(job: FinetuneJob, io: JobIO): Promise<void> {
  const t0 = performance.now();
  try {
    const { base, tok, modelBytes } = await loadJobModel(job, io);
    const tokens = tok.encode(job.text);
    const modelParams = [...base.values()].reduce((s, t) => s + t.data.length, 0);
    io.emit({ type: 'loaded', textTokens: tokens.length, modelBytes, adapterParams: loraParamCounts(job.config, job.lora).lora, modelParams });
    const prompt = tok.encode(job.prompt);
    const sample = (w: WeightMap): string => tok.decode(greedyContinue(job.config, w, prompt, job.sampleTokens));
    io.emit({ type: 'sample', which: 'before', text: sample(base) });
    const opts: FinetuneOptions = { cfg: job.config, base, tokens, lora: job.lora, steps: job.steps, lrMax: job.lrMax, window: job.window, seed: job.seed };
    const run = job.engine && job.engine !== 'ts' ? await graphRun(opts, job.engine, io) : loraFinetune(opts);
    let cancelled = false;
    for await (const report of run) {
      io.emit({ type: 'step', report, ms: performance.now() - t0 });
      if (io.yieldToEvents) await io.yieldToEvents();
      if (io.cancelled()) {
        cancelled = true;
        break;
      }
    }
    io.emit({ type: 'sample', which: 'after', text: sample(mergeLora(base, run.adapters, job.config, job.lora)) });
    io.emit({ type: 'done', adapterBytes: adapterBytes(run.adapters), modelBytes, cancelled, ms: performance.now() - t0 });
  } catch (e) {
    io.emit({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}

/** The graph engine's run; WebGPU that fails to start falls back to WASM (the 'engine' event says why). */
async function graphRun(opts: FinetuneOptions, engine: Backend, io: JobIO): Promise<GraphFinetuneRun> {
  const ort = await loadOrt();
  const t0 = performance.now();
  const made = (r: GraphFinetuneRun, reason: string): GraphFinetuneRun => {
    io.emit({ type: 'engine', backend: r.backend, reason: `${reason}; graph built and session created in ${Math.round(performance.now() - t0)} ms` });
    return r;
  };
  const what = 'one ONNX graph per step (forward, backward, AdamW) on onnxruntime-web';
  if (engine === 'webgpu') {
    try {
      return made(await loraFinetuneGraph(opts, ort, 'webgpu'), `WebGPU: ${what}`);
    } catch (e) {
      return made(await loraFinetuneGraph(opts, ort, 'wasm'), `WASM: WebGPU failed (${e instanceof Error ? e.message : String(e)}); ${what}`);
    }
  }
  return made(await loraFinetuneGraph(opts, ort, 'wasm'), `WASM: ${what}`);
}
