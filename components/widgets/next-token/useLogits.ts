'use client';
/**
 * Load `lm` once (progress, backend choice), then run the plain 'logits' graph over the prompt
 * whenever it changes (debounced) and keep only the last row: the next-token logits [V].
 * Slider moves never come here: the widget reshapes these logits in the page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { names } from '@/lib/model/names';
import type { BackendChoice, Progress } from '@/lib/runtime/protocol';
import { MODEL_ID, type Deps, type TokenizerLike } from '@/components/lesson/live-model';

export type Phase = 'idle' | 'loading' | 'running' | 'ready' | 'error';

export interface LogitsView {
  phase: Phase;
  progress: Progress | null;
  choice: BackendChoice | null;
  /** The prompt's token ids that were fed (cut to the context) and the last row of logits [V]. */
  ids: number[];
  logits: Float32Array | null;
  /** Load + first forward (from the click), and the latest forward alone. */
  firstMs: number | null;
  runMs: number | null;
  error: string | null;
  note: string | null;
}

const EMPTY: LogitsView = { phase: 'idle', progress: null, choice: null, ids: [], logits: null, firstMs: null, runMs: null, error: null, note: null };
export const EMPTY_PROMPT_NOTE = 'Type a prompt: the model scores the token that comes after it.';
const DEBOUNCE_MS = 250;

export function useLogits(deps: Deps, prompt: string) {
  const [view, setView] = useState<LogitsView>(EMPTY);
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const ctx = useRef(256);
  const seq = useRef(0);
  const last = useRef<string | null>(null);
  const patch = (p: Partial<LogitsView>) => setView((v) => ({ ...v, ...p }));

  const forward = useCallback(async (text: string, t: TokenizerLike, t0?: number) => {
    const my = ++seq.current;
    last.current = text;
    let ids = t.encode(text);
    if (ids.length === 0) return patch({ phase: 'ready', ids: [], logits: null, note: EMPTY_PROMPT_NOTE });
    const note = ids.length > ctx.current ? `Only the last ${ctx.current} tokens fit the model's context.` : null;
    ids = ids.slice(-ctx.current);
    patch({ phase: 'running', note });
    const client = await deps.client();
    const feed = { [names.ids()]: { dtype: 'int64' as const, dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)) } };
    const r = await client.run(MODEL_ID, 'logits', feed, { workload: 'prefill' });
    if (my !== seq.current) return; // a newer prompt is on its way
    const out = r.outputs[names.logits()];
    const [, T, V] = out.dims; // [1, T, V]
    const logits = Float32Array.from((out.data as Float32Array).subarray((T - 1) * V, T * V)); // [V]
    patch({ phase: 'ready', ids, logits, runMs: r.ms, ...(t0 !== undefined ? { firstMs: performance.now() - t0 } : {}) });
  }, [deps]);

  const load = useCallback(async () => {
    const t0 = performance.now();
    patch({ phase: 'loading', error: null });
    try {
      const [client, t] = await Promise.all([deps.client(), deps.tokenizer()]);
      const loaded = await client.load(MODEL_ID, { onProgress: (progress) => patch({ progress }) });
      ctx.current = ((loaded.info.config ?? {}) as { contextLength?: number }).contextLength ?? 256;
      const choice = await client.choose(MODEL_ID, 'prefill');
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      patch({ choice });
      setTok(t);
      await forward(prompt, t, t0);
    } catch (e) {
      patch({ phase: 'error', error: e instanceof Error ? e.message : String(e) });
    }
    // the prompt at click time; later edits go through the effect below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deps, forward]);

  useEffect(() => {
    if (!tok || prompt === last.current) return;
    const h = setTimeout(() => {
      forward(prompt, tok).catch((e: unknown) => patch({ phase: 'error', error: e instanceof Error ? e.message : String(e) }));
    }, DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [prompt, tok, forward]);

  return { view, load, tokenizer: tok };
}
