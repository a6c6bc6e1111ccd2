'use client';
/**
 * Generates greedily with lm in the model worker, twice over the same tokens:
 *   1. with the cache: 'kv-prefill' on the prompt (timed as the prefill; it gives token 1), then
 *      'kv-decode' with one token and the past K/V per step (timed per token);
 *   2. without: 'logits' on the whole prefix for each of the same steps (timed per token).
 * Times are wall-clock from this page around each worker call (the trip to the worker and, with
 * the cache, moving the past K/V both ways are included). Every run uses one backend, chosen once.
 * Cancel stops before the next step.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, MODEL_ID, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { TransformerConfig } from '@/lib/model/config';
import { pastFeeds } from '@/lib/model/kvcache';
import type { BackendChoice, Progress, WireTensor } from '@/lib/runtime/protocol';
import { valWindows } from '@/lib/longctx/val-windows';
import type { KvGrowthState } from './index';
import type { Step } from './layout';

export type Phase = 'idle' | 'loading' | 'cached' | 'recompute' | 'ready' | 'cancelled' | 'error';
/** At most this many prompt tokens (lm's context is 256; the rest is left for generation). */
export const MAX_PROMPT_TOKENS = 128;

export interface GrowthView {
  phase: Phase;
  download: Progress | null;
  config: TransformerConfig | null;
  /** Ids fed before generation: `before` tokens of held-out text, then the typed prompt. */
  prompt: number[];
  before: number;
  prefillMs: number | null;
  steps: Step[];
  choice: BackendChoice | null;
  error: string | null;
  tok: TokenizerLike | null;
}

const IDLE: GrowthView = { phase: 'idle', download: null, config: null, prompt: [], before: 0, prefillMs: null, steps: [], choice: null, error: null, tok: null };
const idsT = (ids: readonly number[]): WireTensor => ({ dtype: 'int64', dims: [1, ids.length], data: BigInt64Array.from(ids, (x) => BigInt(x)) });

function argmaxLast(t: WireTensor): number {
  const [, T, V] = t.dims;
  const d = t.data as Float32Array;
  let best = 0;
  for (let v = 1; v < V; v++) if (d[(T - 1) * V + v] > d[(T - 1) * V + best]) best = v;
  return best;
}

export function useKvGrowth(deps: Deps, { prompt, context, tokens, backend }: Pick<KvGrowthState, 'prompt' | 'context' | 'tokens' | 'backend'>) {
  const [view, setView] = useState<GrowthView>(IDLE);
  const abort = useRef<AbortController | null>(null);
  const patch = (p: Partial<GrowthView>) => setView((v) => ({ ...v, ...p }));

  const start = useCallback(async () => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    const mine = () => abort.current === ac;
    const check = () => { if (ac.signal.aborted) throw new DOMException('cancelled', 'AbortError'); };
    setView({ ...IDLE, phase: 'loading' });
    try {
      const [client, tok] = await Promise.all([deps.client(), deps.tokenizer()]);
      const loaded = await client.load(MODEL_ID, { onProgress: (download) => mine() && patch({ download }) });
      const config = (loaded.info as { config?: TransformerConfig }).config ?? null;
      if (!config) throw new Error('lm loaded without a config');
      const typed = tok.encode(prompt).slice(-MAX_PROMPT_TOKENS);
      if (typed.length === 0) throw new Error('The prompt is empty: type a few words.');
      const ids = [...valWindows()[0].slice(0, context), ...typed];
      const n = Math.min(tokens, config.contextLength - ids.length);
      if (n < 1) throw new Error(`lm reads at most ${config.contextLength} tokens: use less held-out text or a shorter prompt.`);
      const choice = backend === 'auto'
        ? await client.choose(MODEL_ID, 'decode')
        : { backend, reason: `${backend === 'webgpu' ? 'WebGPU' : 'WASM'} chosen by you (Engine override)` };
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      const run = async (variant: string, feeds: Record<string, WireTensor>) => {
        const t0 = performance.now();
        const r = await client.run(MODEL_ID, variant, feeds, { backend: choice.backend, workload: variant === 'kv-decode' ? 'decode' : 'prefill' });
        return { out: r.outputs, ms: performance.now() - t0 };
      };
      // warm-up: build and load each graph once, so the first timed step is not a session create
      await run('kv-prefill', { [names.ids()]: idsT(ids) }).then((w) => run('kv-decode', { [names.ids()]: idsT([ids[0]]), ...pastFeeds(w.out, config.nLayer) }));
      await run('logits', { [names.ids()]: idsT(ids) });
      check();
      patch({ phase: 'cached', config, prompt: ids, before: context, choice, download: null, tok });
      // 1. with the cache
      const pre = await run('kv-prefill', { [names.ids()]: idsT(ids) });
      let past = pastFeeds(pre.out, config.nLayer);
      const steps: Step[] = [{ context: ids.length, token: argmaxLast(pre.out[names.logits()]), cached: ids.length, cachedMs: pre.ms, recomputeMs: null }];
      patch({ prefillMs: pre.ms, steps: [...steps] });
      for (let k = 1; k < n; k++) {
        check();
        const prev = steps[k - 1];
        const r = await run('kv-decode', { [names.ids()]: idsT([prev.token]), ...past });
        past = pastFeeds(r.out, config.nLayer);
        steps.push({ context: ids.length + k, token: argmaxLast(r.out[names.logits()]), cached: ids.length + k, cachedMs: r.ms, recomputeMs: null });
        patch({ steps: [...steps] });
      }
      // 2. without: the whole prefix again for each of the same steps
      patch({ phase: 'recompute' });
      const all = [...ids, ...steps.map((s) => s.token)];
      for (let k = 0; k < steps.length; k++) {
        check();
        const r = await run('logits', { [names.ids()]: idsT(all.slice(0, steps[k].context)) });
        steps[k] = { ...steps[k], recomputeMs: r.ms };
        patch({ steps: [...steps] });
      }
      if (mine()) patch({ phase: 'ready' });
    } catch (e) {
      if (!mine()) return;
      if (ac.signal.aborted) return patch({ phase: 'cancelled' });
      patch({ phase: 'error', error: friendlyError(e) });
    }
  }, [deps, prompt, context, tokens, backend]);

  const cancel = useCallback(() => abort.current?.abort(), []);
  useEffect(() => () => abort.current?.abort(), []);
  return { view, start, cancel };
}
