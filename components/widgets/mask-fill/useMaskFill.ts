'use client';
/**
 * Loads lm-mlm and lm in the page's model worker, then for (text, pos) runs
 *   lm-mlm 'logits' on the ids with token pos replaced by [MASK] (4096) → row pos
 *   lm     'logits' on ids[0..pos) (left context only)               → row pos − 1
 * and keeps both logits rows. Stale answers (text changed meanwhile) are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { friendlyError, type Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import { maskTokenId, withMask } from '@/lib/interp/mlm';
import type { BackendPreference, Progress } from '@/lib/runtime/protocol';
import { fitIds, idsFeed, loadLive, runOn, type Live } from '../moe-router/live';

export const MLM = 'lm-mlm';
export const LM = 'lm';
/** lm-mlm's context length. */
export const MAX_TOKENS = 128;

export interface FillView {
  phase: 'idle' | 'loading' | 'running' | 'ready' | 'error';
  progress: Progress | null;
  ids: number[];
  labels: string[];
  pos: number;
  /** lm-mlm logits row at pos [V = 4097] */
  mlm: Float32Array | null;
  /** lm logits row at pos − 1 [V = 4096]; null when pos = 0 (no left context) */
  lm: Float32Array | null;
  /** display text of any id (the tokenizer's) */
  tokenText: ((id: number) => string) | null;
  backend: 'webgpu' | 'wasm' | null;
  reason: string;
  note: string | null;
  fallback: string | null;
  error: string | null;
}

const EMPTY: FillView = { phase: 'idle', progress: null, ids: [], labels: [], pos: 0, mlm: null, lm: null, tokenText: null, backend: null, reason: '', note: null, fallback: null, error: null };

export function useMaskFill(deps: Deps, text: string, pos: number, pref: BackendPreference) {
  const [view, setView] = useState<FillView>(EMPTY);
  const live = useRef<Live | null>(null);
  const seq = useRef(0);
  const patch = (p: Partial<FillView>) => setView((v) => ({ ...v, ...p }));

  const fill = useCallback(async (s: string, want: number) => {
    const L = live.current!;
    const my = ++seq.current;
    const { ids, note } = fitIds(L.tok, s, MAX_TOKENS);
    if (ids.length === 0) return patch({ phase: 'ready', ids: [], labels: [], mlm: null, lm: null, note: 'Type a sentence.' });
    const p = Math.min(want, ids.length - 1);
    patch({ phase: 'running', note });
    const mask = maskTokenId(L.cfg);
    const a = await runOn(L.client, MLM, 'logits', { [names.ids()]: idsFeed(withMask(ids, [p], mask)) }, L.choice.backend);
    if (my !== seq.current) return;
    const V = L.cfg.vocabSize;
    const mlm = (a.outputs[names.logits()].data as Float32Array).slice(p * V, (p + 1) * V);
    let lm: Float32Array | null = null;
    let fallback = a.fallback;
    if (p > 0) {
      const b = await runOn(L.client, LM, 'logits', { [names.ids()]: idsFeed(ids.slice(0, p)) }, L.choice.backend);
      if (my !== seq.current) return;
      const W = (b.outputs[names.logits()].data as Float32Array).length / p;
      lm = (b.outputs[names.logits()].data as Float32Array).slice((p - 1) * W, p * W);
      fallback = fallback ?? b.fallback;
    }
    patch({ phase: 'ready', ids, labels: ids.map((id) => L.tok.tokenText(id)), tokenText: (id) => L.tok.tokenText(id), pos: p, mlm, lm, backend: a.backend, fallback });
  }, []);

  const load = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      live.current = await loadLive(deps, MLM, pref, (p) => patch({ progress: p }));
      await live.current.client.load(LM, { onProgress: (p) => patch({ progress: p }) });
      patch({ backend: live.current.choice.backend, reason: live.current.choice.reason });
      await fill(text, pos);
    } catch (e) {
      patch({ phase: 'error', error: friendlyError(e) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deps, pref, fill]);

  useEffect(() => {
    if (!live.current) return;
    const h = setTimeout(() => {
      fill(text, pos).catch((e) => patch({ phase: 'error', error: friendlyError(e) }));
    }, 200);
    return () => clearTimeout(h);
  }, [text, pos, fill]);

  return { view, load };
}
