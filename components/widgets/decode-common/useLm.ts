'use client';
/**
 * `lm` for the decoding widgets (step by step, beam search): load once on a click (progress,
 * backend badge), then nextLogits(ids) runs the plain 'logits' graph over the whole sequence in
 * the page's model worker and returns the last row [V]. No KV cache: every call recomputes the
 * prefix, which keeps beams independent (a few dozen short runs per picture).
 */
import { useCallback, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { MODEL_ID, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { BackendChoice, Progress } from '@/lib/runtime/protocol';

export type LmPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface LmView {
  phase: LmPhase;
  progress: Progress | null;
  choice: BackendChoice | null;
  error: string | null;
  tokenizer: TokenizerLike | null;
  /** The model's context length (tokens). */
  context: number;
}

export function useLm(deps: Deps) {
  const [view, setView] = useState<LmView>({ phase: 'idle', progress: null, choice: null, error: null, tokenizer: null, context: 256 });
  const patch = (p: Partial<LmView>) => setView((v) => ({ ...v, ...p }));
  const ctx = useRef(256);

  const load = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const [client, tokenizer] = await Promise.all([deps.client(), deps.tokenizer()]);
      const loaded = await client.load(MODEL_ID, { onProgress: (progress) => patch({ progress }) });
      ctx.current = ((loaded.info.config ?? {}) as { contextLength?: number }).contextLength ?? 256;
      const choice = await client.choose(MODEL_ID, 'prefill');
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      patch({ phase: 'ready', choice, tokenizer, context: ctx.current });
    } catch (e) {
      patch({ phase: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }, [deps]);

  /** Logits [V] for the token after `ids` (the last `context` ids are fed). */
  const nextLogits = useCallback(async (ids: readonly number[]): Promise<Float32Array> => {
    const client = await deps.client();
    const feedIds = ids.slice(-ctx.current);
    const feed = { [names.ids()]: { dtype: 'int64' as const, dims: [1, feedIds.length], data: BigInt64Array.from(feedIds, (i) => BigInt(i)) } };
    const r = await client.run(MODEL_ID, 'logits', feed, { workload: 'prefill' });
    const out = r.outputs[names.logits()];
    const [, T, V] = out.dims; // [1, T, V]
    return Float32Array.from((out.data as Float32Array).subarray((T - 1) * V, T * V)); // [V]
  }, [deps]);

  return { view, load, nextLogits };
}
