/**
 * Spreading one training step over N devices: data (d), tensor (t) and pipeline (p) parallelism
 * with N = d · t · p, and ZeRO stages over the data-parallel group. Formulas, not a measurement.
 *
 * ZeRO (Rajbhandari et al. 2020, §5, Figure 1), per device, Ψ parameters, K optimizer bytes per
 * parameter, N_d data-parallel devices, mixed precision (2 + 2 bytes of weights and gradients):
 *   stage 0 (plain DP)   (2 + 2 + K) Ψ
 *   stage 1 (P_os)       2Ψ + 2Ψ + KΨ / N_d
 *   stage 2 (P_os+g)     2Ψ + (2 + K) Ψ / N_d
 *   stage 3 (P_os+g+p)   (2 + 2 + K) Ψ / N_d
 * Ψ = 7.5B, K = 12, N_d = 64 → 120 GB, 31.4 GB, 16.6 GB, 1.875 GB (Figure 1 prints 1.9GB).
 * Communication (§7): stages 1 and 2 move the same 2Ψ elements per device as a plain all-reduce;
 * stage 3 moves 3Ψ (1.5×).
 *
 * Ring all-reduce of M bytes over n devices: reduce-scatter then all-gather, each device sends
 * 2 (n − 1) / n · M bytes (Patarasuk & Yuan 2009). n = 1 → 0.
 *
 * Tensor parallelism (Shoeybi et al. 2019, Megatron-LM, §3): each Transformer layer needs two
 * all-reduces in the forward pass and two in the backward pass, each over the b·s·h activations
 * (16-bit) of the micro-batch; sequence parallelism swaps each for an all-gather + reduce-scatter
 * of the same volume (Korthikanti et al. 2023, §4.2.2).
 *
 * Pipeline parallelism: L/p layers per stage; every micro-batch sends its b·s·h activation to the
 * next stage and receives the gradient back, so a middle stage sends 2 · b·s·h · 2 bytes per
 * micro-batch. Bubble (GPipe, Huang et al. 2019, §2.3): with m micro-batches, of the m + p − 1
 * slots of one step each stage idles p − 1, a fraction (p − 1)/(m + p − 1) of the step; Narayanan
 * et al. 2021 (§2.2) write the same idle time as (p − 1)/m of the ideal compute time. With the 1F1B
 * schedule (PipeDream-Flush) a stage keeps at most p micro-batches of activations in flight.
 *
 * Assumption: weights, gradients and optimizer states split evenly over the t · p model-parallel
 * devices (embeddings and the head are, in practice, not split exactly evenly).
 */
import { activationBytesPerLayer, bytesPerParam, type ActivationShape, type Optimizer, type Precision, type Recompute } from './memory';

export type ZeroStage = 0 | 1 | 2 | 3;

export interface ZeroMemory {
  weights: number;
  grads: number;
  optimizer: number;
  total: number;
}

/** Model-state bytes per device for a ZeRO stage (see the table above); b = bytes per parameter. */
export function zeroPerDevice(params: number, nd: number, stage: ZeroStage, b: { weights: number; grads: number; optimizer: number }): ZeroMemory {
  const n = Math.max(1, nd);
  const weights = (params * b.weights) / (stage >= 3 ? n : 1);
  const grads = (params * b.grads) / (stage >= 2 ? n : 1);
  const optimizer = (params * b.optimizer) / (stage >= 1 ? n : 1);
  return { weights, grads, optimizer, total: weights + grads + optimizer };
}

/** Bytes one device sends in a ring all-reduce of `bytes` over n devices: 2 (n − 1)/n · bytes. */
export function ringAllReduceBytes(bytes: number, n: number): number {
  return n <= 1 ? 0 : (2 * (n - 1) * bytes) / n;
}

/** Idle fraction of a GPipe / 1F1B step: (p − 1)/(m + p − 1). */
export function bubbleFraction(p: number, m: number): number {
  return (p - 1) / (m + p - 1);
}

/** Narayanan et al. 2021's form: bubble time over ideal compute time, (p − 1)/m. */
export function bubbleOverIdeal(p: number, m: number): number {
  return (p - 1) / m;
}

export interface ParallelSetup {
  params: number;
  nLayer: number;
  shape: ActivationShape;
  precision: Precision;
  optimizer: Optimizer;
  recompute: Recompute;
  /** d · t · p devices. */
  dp: number;
  tp: number;
  pp: number;
  zero: ZeroStage;
  /** m: micro-batches per step (per data-parallel replica). */
  microBatches: number;
}

export interface ParallelResult {
  devices: number;
  /** Parameters held (as model states) by one model-parallel shard: Ψ / (t · p). */
  shardParams: number;
  states: ZeroMemory;
  /** Activations one device keeps at the peak of a step. */
  activations: number;
  perDevice: number;
  /** Layers per pipeline stage (may be fractional when p does not divide L). */
  layersPerStage: number;
  /** Micro-batches of activations a stage holds at once (1F1B: min(m, p)). */
  inFlight: number;
  /** Bytes one device sends per step, by kind. */
  comm: { dp: number; tp: number; pp: number; total: number };
  bubble: number;
  bubbleOverIdeal: number;
}

export function simulate(x: ParallelSetup): ParallelResult {
  const { dp, tp, pp } = x;
  const devices = dp * tp * pp;
  const b = bytesPerParam(x.precision, x.optimizer);
  const shardParams = x.params / (tp * pp);
  const states = zeroPerDevice(shardParams, dp, x.zero, b);
  const layersPerStage = x.nLayer / pp;
  const inFlight = pp > 1 ? Math.min(x.microBatches, pp) : 1;
  const perLayer = activationBytesPerLayer(x.shape, { recompute: x.recompute, tensorParallel: tp, precision: x.precision });
  const activations = layersPerStage * perLayer * inFlight;
  const actBytes = x.precision === 'fp32' ? 4 : 2;
  const sbh = x.shape.seq * x.shape.microBatch * x.shape.hidden;
  // data parallel: the gradient all-reduce (ZeRO-3: 1.5×, it also gathers the weights twice)
  const gradBytes = shardParams * b.grads;
  const dpComm = ringAllReduceBytes(gradBytes, dp) * (x.zero === 3 ? 1.5 : 1);
  // tensor parallel: 4 all-reduces of b·s·h activations per layer per micro-batch
  const tpComm = x.microBatches * layersPerStage * 4 * ringAllReduceBytes(sbh * actBytes, tp);
  // pipeline: activation forward + gradient backward per micro-batch (a middle stage)
  const ppComm = pp > 1 ? x.microBatches * 2 * sbh * actBytes : 0;
  return {
    devices,
    shardParams,
    states,
    activations,
    perDevice: states.total + activations,
    layersPerStage,
    inFlight,
    comm: { dp: dpComm, tp: tpComm, pp: ppComm, total: dpComm + tpComm + ppComm },
    bubble: bubbleFraction(pp, x.microBatches),
    bubbleOverIdeal: bubbleOverIdeal(pp, x.microBatches),
  };
}

export interface PipeSlot {
  stage: number;
  /** Time slot (one forward or backward of one micro-batch on one stage = 1 unit). */
  t: number;
  micro: number;
  kind: 'F' | 'B';
}

/**
 * The GPipe schedule of one step: all m forwards, then all m backwards (backward = 1 unit, like
 * forward, for the picture). Stage k runs forward of micro-batch j at slot k + j, and backward of
 * micro-batch j at slot (m + p − 1) + (p − 1 − k) + j. Total 2(m + p − 1) slots; each stage is busy
 * 2m of them: idle fraction (p − 1)/(m + p − 1).
 */
export function gpipeSchedule(p: number, m: number): { slots: PipeSlot[]; length: number } {
  const slots: PipeSlot[] = [];
  const half = m + p - 1;
  for (let k = 0; k < p; k++) {
    for (let j = 0; j < m; j++) {
      slots.push({ stage: k, t: k + j, micro: j, kind: 'F' });
      slots.push({ stage: k, t: half + (p - 1 - k) + j, micro: j, kind: 'B' });
    }
  }
  return { slots, length: 2 * half };
}

/** The divisors of n, ascending: divisorsOf(8) = [1, 2, 4, 8]. */
export function divisorsOf(n: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= n; k++) if (n % k === 0) out.push(k);
  return out;
}
