'use client';
/**
 * Load lm-moe in the model worker, then run its 'taps' graph over the text whenever it changes
 * (debounced) and keep each layer's router probabilities and chosen experts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { friendlyError, type Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { BackendPreference, Progress } from '@/lib/runtime/protocol';
import { fitIds, idsFeed, loadLive, runOn, type Live } from './live';
import type { LayerTaps } from './layout';

export const MODEL = 'lm-moe';
export const MAX_TOKENS = 128;

export interface RoutingView {
  phase: 'idle' | 'loading' | 'running' | 'ready' | 'error';
  progress: Progress | null;
  ids: number[];
  /** display text of each token */
  labels: string[];
  layers: LayerTaps[];
  E: number;
  k: number;
  backend: 'webgpu' | 'wasm' | null;
  reason: string;
  ms: number | null;
  note: string | null;
  fallback: string | null;
  error: string | null;
}

const EMPTY: RoutingView = { phase: 'idle', progress: null, ids: [], labels: [], layers: [], E: 4, k: 2, backend: null, reason: '', ms: null, note: null, fallback: null, error: null };

export function useRouting(deps: Deps, text: string, pref: BackendPreference) {
  const [view, setView] = useState<RoutingView>(EMPTY);
  const live = useRef<Live | null>(null);
  const seq = useRef(0);
  const last = useRef<string | null>(null);
  const patch = (p: Partial<RoutingView>) => setView((v) => ({ ...v, ...p }));

  const route = useCallback(async (s: string) => {
    const L = live.current!;
    const my = ++seq.current;
    last.current = s;
    const { ids, note } = fitIds(L.tok, s, MAX_TOKENS);
    if (ids.length === 0) return patch({ phase: 'ready', ids: [], labels: [], layers: [], note: 'Type some text: each token is routed.' });
    patch({ phase: 'running', note });
    const r = await runOn(L.client, MODEL, 'taps', { [names.ids()]: idsFeed(ids) }, L.choice.backend);
    if (my !== seq.current) return;
    const layers = Array.from({ length: L.cfg.nLayer }, (_, l) => ({
      probs: r.outputs[names.moeRouterProbs(l)].data as Float32Array,
      chosen: r.outputs[names.moeChosen(l)].data as Float32Array,
    }));
    patch({ phase: 'ready', ids, labels: ids.map((id) => L.tok.tokenText(id)), layers, backend: r.backend, ms: r.ms, fallback: r.fallback });
  }, []);

  const load = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const L = await loadLive(deps, MODEL, pref, (progress) => patch({ progress }));
      live.current = L;
      patch({ E: L.cfg.moe?.experts ?? 4, k: L.cfg.moe?.topK ?? 2, backend: L.choice.backend, reason: L.choice.reason });
      await route(text);
    } catch (e) {
      patch({ phase: 'error', error: friendlyError(e) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deps, pref, route]);

  useEffect(() => {
    if (!live.current || text === last.current) return;
    const h = setTimeout(() => route(text).catch((e: unknown) => patch({ phase: 'error', error: friendlyError(e) })), 250);
    return () => clearTimeout(h);
  }, [text, route, view.phase]);

  return { view, load };
}
