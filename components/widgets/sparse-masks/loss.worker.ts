/**
 * Off the main thread: lm's weights (fetched and sha256-checked once), then each held-out window
 * under full causal attention (cached) and under the asked pattern (lib/longctx/mask-loss.ts,
 * eager TS). Yields between forwards so a cancel (or a newer job) stops the old one.
 */
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { fetchModelWeights } from '@/lib/runtime/transformer';
import { maskWindows, windowLoss } from '@/lib/longctx/mask-loss';
import type { CancelRequest, LossReply, LossRequest } from './protocol';

const post = (m: LossReply) => (self as unknown as Worker).postMessage(m);
let model: Promise<{ config: TransformerConfig; weights: WeightMap }> | null = null;
const fullLoss = new Map<number, number>();
let latest = 0;

async function run(req: LossRequest): Promise<void> {
  const t0 = performance.now();
  model ??= fetchModelWeights('lm', req.modelBase, (p) => post({ type: 'progress', job: req.job, phase: 'weights', done: p.loaded, total: p.total ?? 0 }));
  model.catch(() => (model = null));
  const { config, weights } = await model;
  const ws = maskWindows(req.windows);
  const todo = ws.length + ws.filter((_, k) => !fullLoss.has(k)).length;
  let done = 0;
  const step = async () => {
    post({ type: 'progress', job: req.job, phase: 'forward', done: done++, total: todo });
    await new Promise((r) => setTimeout(r, 0)); // let a cancel in
    return req.job === latest;
  };
  const loss: number[] = [];
  for (const [k, w] of ws.entries()) {
    if (!fullLoss.has(k)) {
      if (!(await step())) return post({ type: 'cancelled', job: req.job });
      fullLoss.set(k, windowLoss(config, weights, w, { kind: 'full', size: 1, period: 1 }));
    }
    if (!(await step())) return post({ type: 'cancelled', job: req.job });
    loss.push(windowLoss(config, weights, w, req.pattern));
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  post({ type: 'result', job: req.job, pattern: req.pattern, windows: req.windows, loss: mean(loss), full: mean(ws.map((_, k) => fullLoss.get(k)!)), ms: performance.now() - t0 });
}

self.addEventListener('message', (e: MessageEvent<LossRequest | CancelRequest>) => {
  const m = e.data;
  if (m.type === 'cancel') {
    if (m.job === latest) latest = -1;
    return;
  }
  latest = m.job;
  run(m).catch((err: unknown) => post({ type: 'error', job: m.job, message: err instanceof Error ? err.message : String(err) }));
});
