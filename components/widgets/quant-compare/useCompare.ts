'use client';
/**
 * One comparison run: load `lm` and its quantized copy in the model worker (progress), run both
 * on the prompt (next-token distributions, KL), score both on the held-out Austen slice window by
 * window (progress; Cancel stops between windows), then generate with each from the same seed.
 * Re-runs (debounced) whenever the state changes after the first run; a newer run cancels the old.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { names } from '@/lib/model/names';
import { compareOnSlice, type SliceResult } from '@/lib/quant/evaluate';
import { klFromLogits } from '@/lib/quant/compare';
import type { QuantSummary } from '@/lib/quant/summary';
import type { BackendChoice, Progress } from '@/lib/runtime/protocol';
import { softmax } from '@/lib/sample/softmax';
import { friendlyError, MODEL_ID, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { quantId } from '../quant-weights/useQuantModel';
import { GROUPED } from '../quant-weights/FormatControls';
import type { QuantCompareState } from './index';
import { samplerOf } from './layout';
import { SITE_BASE } from '@/components/site-base';

export type Phase = 'idle' | 'loading' | 'next' | 'slice' | 'generate' | 'done' | 'cancelled' | 'error';
export const SLICE_URL = 'data/austen-val-slice.json';

export interface CompareView {
  phase: Phase;
  progress: Progress | null;
  choices: { orig: BackendChoice; quant: BackendChoice } | null;
  summary: QuantSummary | null;
  next: { orig: Float64Array; quant: Float64Array; kl: number } | null;
  slice: SliceResult | null;
  sliceDone: number;
  sliceTotal: number;
  gens: { orig: number[]; quant: number[] };
  error: string | null;
  note: string | null;
}

const EMPTY: CompareView = { phase: 'idle', progress: null, choices: null, summary: null, next: null, slice: null, sliceDone: 0, sliceTotal: 0, gens: { orig: [], quant: [] }, error: null, note: null };

const idsFeed = (ids: readonly number[]) => ({ [names.ids()]: { dtype: 'int64' as const, dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)) } });

export function useCompare(deps: Deps, s: QuantCompareState, base = SITE_BASE) {
  const [view, setView] = useState<CompareView>(EMPTY);
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const [started, setStarted] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const patch = (p: Partial<CompareView>) => setView((v) => ({ ...v, ...p }));
  const qid = quantId({ format: s.format, group: GROUPED.has(s.format) ? Number(s.group) : 32, clip: s.format.startsWith('fp') || s.format === 'bf16' ? 1 : s.clip });

  const run = useCallback(async (st: QuantCompareState, id: string) => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    const live = () => !ac.signal.aborted;
    patch({ phase: 'loading', error: null, note: null });
    try {
      const [client, t] = await Promise.all([deps.client(), deps.tokenizer()]);
      setTok(t);
      await client.load(MODEL_ID, { onProgress: (progress) => live() && patch({ progress }) });
      const loaded = await client.load(id, { onProgress: (progress) => live() && patch({ progress }) });
      await client.setBackend(st.backend);
      const choices = { orig: await client.choose(MODEL_ID, 'prefill'), quant: await client.choose(id, 'prefill') };
      if (!live()) return;
      setBackendStatus({ backend: choices.quant.backend, reason: choices.quant.reason });
      const ids = t.encode(st.prompt).slice(-200);
      if (ids.length === 0) return patch({ phase: 'done', note: 'Type a prompt: both models score the token that comes after it.' });
      patch({ phase: 'next', choices, summary: loaded.info.quant as QuantSummary, next: null, slice: null, sliceDone: 0, gens: { orig: [], quant: [] } });
      const last = async (model: string) => {
        const out = (await client.run(model, 'logits', idsFeed(ids), { workload: 'prefill' })).outputs[names.logits()];
        const [, T, V] = out.dims;
        return Float32Array.from((out.data as Float32Array).subarray((T - 1) * V, T * V)); // [V]
      };
      const [lo, lq] = [await last(MODEL_ID), await last(id)];
      if (!live()) return;
      patch({ phase: 'slice', next: { orig: softmax(lo), quant: softmax(lq), kl: klFromLogits(lo, lq) } });
      const res = await fetch(`${base}${SLICE_URL}`);
      if (!res.ok) throw new Error(`validation slice: ${base}${SLICE_URL} → HTTP ${res.status}`);
      const slice = (await res.json()) as { windows: number[][] };
      const forward = (model: string) => async (w: number[]) =>
        (await client.run(model, 'logits', idsFeed(w), { workload: 'prefill' })).outputs[names.logits()].data as Float32Array;
      const V = lo.length;
      const r = await compareOnSlice(forward(MODEL_ID), forward(id), slice.windows, V, {
        signal: ac.signal, onWindow: (done, total) => live() && patch({ sliceDone: done, sliceTotal: total }),
      });
      patch({ phase: 'generate', slice: r });
      const gens = { orig: [] as number[], quant: [] as number[] };
      for (const [key, model] of [['orig', MODEL_ID], ['quant', id]] as const) {
        await client.generate(model, { prompt: ids, maxNewTokens: st.maxTokens, sampler: samplerOf(st.temperature), seed: st.seed }, (e) => {
          gens[key].push(e.id);
          if (live()) patch({ gens: { orig: [...gens.orig], quant: [...gens.quant] } });
        }, { signal: ac.signal });
        if (!live()) return;
      }
      patch({ phase: 'done' });
    } catch (e) {
      if (!live() || (e instanceof Error && /cancel|abort/i.test(e.name + e.message))) return patch({ phase: 'cancelled' });
      patch({ phase: 'error', error: friendlyError(e) });
    } finally {
      if (abort.current === ac) abort.current = null;
    }
  }, [deps, base]);

  const key = JSON.stringify({ ...s, qid });
  useEffect(() => {
    if (!started) return;
    const h = setTimeout(() => void run(s, qid), 300);
    return () => clearTimeout(h);
    // `key` stands for every field of the state
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [started, key, run]);
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(() => setStarted(true), []);
  const cancel = useCallback(() => {
    abort.current?.abort();
    setStarted(false);
    patch({ phase: 'cancelled' });
  }, []);
  return { view, start, cancel, started, tokenizer: tok, qid };
}
