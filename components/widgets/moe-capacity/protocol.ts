/** Messages between the MoE capacity widget and its eval worker (eval.worker.ts). */
import type { TransformerConfig } from '@/lib/model/config';
import type { Lift } from '@/lib/interp/routing';
import type { MoeSummary } from '@/lib/interp/moe-eval';

export interface EvalRequest {
  type: 'run';
  job: number;
  k: number;
  capacityFactor: number | null;
  /** where /models/ lives */
  modelBase: string;
  tokens: number[];
}
export interface CancelRequest {
  type: 'cancel';
  job: number;
}

export type EvalReply =
  | { type: 'progress'; job: number; phase: 'weights' | 'forward'; done: number; total: number }
  | { type: 'result'; job: number; cfg: TransformerConfig; summary: MoeSummary; lift: Lift[][][]; ms: number }
  | { type: 'cancelled'; job: number }
  | { type: 'error'; job: number; message: string };
