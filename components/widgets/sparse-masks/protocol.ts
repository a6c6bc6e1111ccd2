/** Messages between the sparse-masks widget and its worker (loss.worker.ts). */
import type { Pattern } from '@/lib/longctx/sparse-masks';

export interface LossRequest {
  type: 'run';
  job: number;
  pattern: Pattern;
  windows: number;
  /** where /models/ lives */
  modelBase: string;
}
export interface CancelRequest {
  type: 'cancel';
  job: number;
}

export type LossReply =
  | { type: 'progress'; job: number; phase: 'weights' | 'forward'; done: number; total: number }
  | { type: 'result'; job: number; pattern: Pattern; windows: number; loss: number; full: number; ms: number }
  | { type: 'cancelled'; job: number }
  | { type: 'error'; job: number; message: string };
