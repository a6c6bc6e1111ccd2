/**
 * Calibration: time one prefill and one decode step on each available backend and keep the
 * faster one per workload (only called when a WebGPU adapter exists). One warm-up run (it also creates the session and, on WebGPU,
 * compiles the shaders), then the median of `repeats` timed runs.
 */

import { decideByTiming } from './backend';
import type { CalibrationPlan } from './model';
import type { Backend, BackendChoice, WireTensor, Workload } from './protocol';

export type TimedRun = (backend: Backend, variant: string, feeds: Record<string, WireTensor>) => Promise<unknown>;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median ms per run of `run` after one warm-up. */
export async function timeRuns(run: () => Promise<unknown>, now: () => number, repeats = 3): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = now();
    await run();
    times.push(now() - t0);
  }
  return median(times);
}

export async function calibrate(
  plan: CalibrationPlan,
  run: TimedRun,
  now: () => number,
  repeats = 3,
): Promise<Record<Workload, BackendChoice>> {
  const measure = async (backend: Backend, variant: string, feeds: Record<string, WireTensor>): Promise<number | Error> => {
    try {
      return await timeRuns(() => run(backend, variant, feeds), now, repeats);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  };
  const out = {} as Record<Workload, BackendChoice>;
  for (const workload of ['prefill', 'decode'] as const) {
    const { variant, feeds } = plan[workload];
    const tokens = workload === 'prefill' ? plan.prefill.tokens : 1;
    const wasm = await measure('wasm', variant, feeds);
    if (wasm instanceof Error) throw new Error(`WASM ${workload} failed during calibration: ${wasm.message}`);
    out[workload] = decideByTiming(workload, wasm, await measure('webgpu', variant, feeds), tokens);
  }
  return out;
}
