/**
 * What the runtime needs from a model, kept abstract so lib/runtime knows nothing about
 * transformers: a provider turns a model id into a LoadedModel (weights fetched, verified, and
 * the graph builder ready); the model builds ONNX bytes per variant on demand.
 */

import type { NextLogits } from '@/lib/sample';
import type { Progress, WireTensor, Workload } from './protocol';

/** Runs one graph variant through the runtime (backend chosen per workload). */
export type RunFn = (variant: string, feeds: Record<string, WireTensor>, workload: Workload) => Promise<Record<string, WireTensor>>;

/** Representative inputs for timing each workload on each backend. */
export interface CalibrationPlan {
  prefill: { variant: string; feeds: Record<string, WireTensor>; tokens: number };
  decode: { variant: string; feeds: Record<string, WireTensor> };
}

export interface Stepper<C = unknown> {
  nextLogits: NextLogits<C>;
  /** A fresh cache for one sequence (e.g. an empty KV cache). */
  newCache(): C;
}

export interface LoadedModel {
  /** Shown to the UI as-is (must be structured-cloneable): config, params, … */
  info: Record<string, unknown>;
  /** ONNX bytes of a graph variant (e.g. 'logits', 'taps', 'kv-prefill', 'kv-decode'). */
  graph(variant: string): Uint8Array | Promise<Uint8Array>;
  /** Inputs for calibrating the backend choice; without it, the choice is a default rule. */
  calibration?(): CalibrationPlan;
  /** A generate step over `run`; without it, generate is refused. */
  stepper?(run: RunFn): Stepper;
  /** Context length, so generate stops in time. */
  contextLength?: number;
}

export type ModelProvider = (modelId: string, onProgress: (p: Progress) => void) => Promise<LoadedModel>;
