/**
 * Calibration: time one workload (prefill or decode) on WASM and on WebGPU and keep the faster
 * (only called when a WebGPU adapter exists). Per backend: one warm-up run (it also creates the
 * session and, on WebGPU, compiles the shaders), then the median of `repeats` timed runs.
 *
 * Early stop: when WebGPU's first timed run is already SLOWER_STOP× slower than WASM's median,
 * the remaining runs are skipped — the answer cannot change, and on a software adapter
 * (SwiftShader) each WebGPU prefill run can take seconds.
 *
 * Gate: calibration runs in the background (./runtime.ts), so before each run it awaits
 * `gate()` — "the runtime has been idle for a moment" — outside the timed section, so a student's
 * generation never queues behind more than one calibration run and its wait is not timed.
 */

import { decideByTiming } from './backend';
import type { CalibrationPlan } from './model';
import type { Backend, BackendChoice, WireTensor, Workload } from './protocol';

export type TimedRun = (backend: Backend, variant: string, feeds: Record<string, WireTensor>) => Promise<unknown>;

export const SLOWER_STOP = 3;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Median ms per run of `run` after one warm-up. If `stopAfterFirst(ms)` is true for the first
 * timed run, that run's time is returned without the rest.
 */
export async function timeRuns(run: () => Promise<unknown>, now: () => number, repeats = 3, stopAfterFirst?: (ms: number) => boolean, gate?: () => Promise<void>): Promise<number> {
  await gate?.();
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    await gate?.();
    const t0 = now();
    await run();
    times.push(now() - t0);
    if (i === 0 && stopAfterFirst?.(times[0])) return times[0];
  }
  return median(times);
}

/** Measures one workload on both backends and decides. Throws only if WASM itself fails. */
export async function calibrateWorkload(
  workload: Workload,
  plan: CalibrationPlan,
  run: TimedRun,
  now: () => number,
  repeats = 3,
  gate?: () => Promise<void>,
): Promise<BackendChoice> {
  const { variant, feeds } = plan[workload];
  const tokens = workload === 'prefill' ? plan.prefill.tokens : 1;
  let wasm: number;
  try {
    wasm = await timeRuns(() => run('wasm', variant, feeds), now, repeats, undefined, gate);
  } catch (e) {
    throw new Error(`WASM ${workload} failed during calibration: ${e instanceof Error ? e.message : String(e)}`);
  }
  let webgpu: number | Error;
  try {
    webgpu = await timeRuns(() => run('webgpu', variant, feeds), now, repeats, (ms) => ms > SLOWER_STOP * wasm, gate);
  } catch (e) {
    webgpu = e instanceof Error ? e : new Error(String(e));
  }
  return decideByTiming(workload, wasm, webgpu, tokens);
}

/** Both workloads, prefill first. */
export async function calibrate(plan: CalibrationPlan, run: TimedRun, now: () => number, repeats = 3): Promise<Record<Workload, BackendChoice>> {
  const prefill = await calibrateWorkload('prefill', plan, run, now, repeats);
  const decode = await calibrateWorkload('decode', plan, run, now, repeats);
  return { prefill, decode };
}
