/**
 * What the runtime needs from a model, kept abstract so lib/runtime knows nothing about
 * transformers: a provider turns a model id into a LoadedModel (weights fetched, verified, and
 * the graph builder ready); the model builds ONNX bytes per variant on demand.
 */

import type { NextLogits } from '@/lib/sample';
import type { Feed } from './device-tensor';
import type { OrtModule } from './ort';
import type { Backend, Progress, WireTensor, Workload } from './protocol';

/** Runs one graph variant through the runtime (backend chosen per workload). */
export type RunFn = (variant: string, feeds: Record<string, WireTensor>, workload: Workload) => Promise<Record<string, WireTensor>>;

/**
 * Runs one graph variant and leaves the outputs named in `keep` where the backend made them (GPU
 * buffers on WebGPU, see ./device-tensor.ts); feeds may be such DeviceTensors from earlier runs.
 */
export type StateRunFn = (variant: string, feeds: Record<string, Feed>, workload: Workload, keep: readonly string[], backend?: Backend) => Promise<Record<string, Feed>>;

/** The backend the runtime would run a workload on now (its choice, before any warm-up detour). */
export type BackendFor = (workload: Workload) => Promise<Backend>;

/** One-token decode over a cache it holds (lib/runtime/gpu-step.ts on WebGPU). */
export interface StepDecoder {
  /** Fills cache slots 0..T-1 from past.* [1, nkv, T, hs]. */
  load(past: Record<string, Feed>, T: number): Promise<void>;
  /** Logits row [V] of `token` at position p; its K/V go into slot p. */
  step(token: number, p: number): Promise<Float32Array>;
  /** One step on a calibration plan's decode feeds (ids + past.*): load, then step the first id. */
  stepFeeds(feeds: Record<string, WireTensor>): Promise<Float32Array>;
  release(): Promise<void>;
}

/** Lends a WebGPU step decoder for one generation (null: decode through run as usual). */
export type StepLender = () => Promise<{ decoder: StepDecoder; done(): void } | null>;

/** Representative inputs for timing each workload on each backend. */
export interface CalibrationPlan {
  prefill: { variant: string; feeds: Record<string, WireTensor>; tokens: number };
  decode: { variant: string; feeds: Record<string, WireTensor> };
}

export interface Stepper<C = unknown> {
  nextLogits: NextLogits<C>;
  /** A fresh cache for one sequence (e.g. an empty KV cache). */
  newCache(): C;
  /** Frees what a cache holds outside the JS heap (GPU buffers); called when a generation ends. */
  dispose?(cache: C): void;
}

export interface LoadedModel {
  /** Shown to the UI as-is (must be structured-cloneable): config, params, … */
  info: Record<string, unknown>;
  /** ONNX bytes of a graph variant (e.g. 'logits', 'taps', 'kv-prefill', 'kv-decode'). */
  graph(variant: string): Uint8Array | Promise<Uint8Array>;
  /** Inputs for calibrating the backend choice; without it, the choice is a default rule. */
  calibration?(): CalibrationPlan;
  /**
   * A generate step over `run`; without it, generate is refused. With `keepRun` the step may keep
   * its state (a KV cache) on the device between calls.
   */
  stepper?(run: RunFn, keepRun?: StateRunFn, lendStep?: StepLender, backendFor?: BackendFor): Stepper;
  /** A WebGPU decoder over a fixed-capacity cache (static shapes), for decode steps on WebGPU. */
  stepDecoder?(ort: OrtModule, opts: { capture: boolean }): Promise<StepDecoder>;
  /** The outputs of a variant that the next call takes back as inputs (a KV cache's present.*). */
  stateOutputs?(variant: string): readonly string[];
  /** Context length, so generate stops in time. */
  contextLength?: number;
}

export type ModelProvider = (modelId: string, onProgress: (p: Progress) => void) => Promise<LoadedModel>;
