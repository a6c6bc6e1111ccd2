/**
 * Off the main thread: lm-moe's weights (fetched and sha256-checked once), then the held-out
 * tokens window by window with the asked k / capacity factor (lib/interp/moe-eval.ts, eager TS).
 * Yields between windows so a cancel (or a newer job) stops the old one.
 */
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { fetchModelWeights } from '@/lib/runtime/transformer';
import { evalWindow, summarize, windows, type WindowResult } from '@/lib/interp/moe-eval';
import { expertLift } from '@/lib/interp/routing';
import type { EvalReply, EvalRequest, CancelRequest } from './protocol';

const post = (m: EvalReply) => (self as unknown as Worker).postMessage(m);
let model: Promise<{ config: TransformerConfig; weights: WeightMap }> | null = null;
let latest = 0;

async function run(req: EvalRequest): Promise<void> {
  const t0 = performance.now();
  model ??= fetchModelWeights('lm-moe', req.modelBase, (p) => post({ type: 'progress', job: req.job, phase: 'weights', done: p.loaded, total: p.total ?? 0 }));
  model.catch(() => (model = null));
  const { config, weights } = await model;
  const wins = windows(req.tokens, config.contextLength);
  const results: WindowResult[] = [];
  for (const [i, w] of wins.entries()) {
    post({ type: 'progress', job: req.job, phase: 'forward', done: i, total: wins.length });
    await new Promise((r) => setTimeout(r, 0)); // let a cancel in
    if (req.job !== latest) return post({ type: 'cancelled', job: req.job });
    results.push(evalWindow(config, weights, w, { k: req.k, capacityFactor: req.capacityFactor }));
  }
  const E = config.moe!.experts;
  const ids = wins.flat();
  const lift = Array.from({ length: config.nLayer }, (_, l) => {
    const chosen = new Float32Array(ids.length * E);
    let o = 0;
    for (const r of results) {
      chosen.set(r.chosen[l], o);
      o += r.chosen[l].length;
    }
    return expertLift(ids, chosen, E, 6, 3);
  });
  post({ type: 'result', job: req.job, cfg: config, summary: summarize(results, E), lift, ms: performance.now() - t0 });
}

self.addEventListener('message', (e: MessageEvent<EvalRequest | CancelRequest>) => {
  const m = e.data;
  if (m.type === 'cancel') {
    if (m.job === latest) latest = -1;
    return;
  }
  latest = m.job;
  run(m).catch((err: unknown) => post({ type: 'error', job: m.job, message: err instanceof Error ? err.message : String(err) }));
});
