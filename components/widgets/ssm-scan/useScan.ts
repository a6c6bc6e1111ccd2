'use client';
/**
 * lm-ssm over the text in both forms, on one backend:
 *   parallel  — the 'taps' graph, whole text in one call: logits [1, T, V] and Δ per layer [1, T, H]
 *   recurrent — the 'kv-decode' graph once per token from a zero state, carrying present → past:
 *               logits row by row and every layer's SSM state after each token [1, H, P, N]
 * and the largest |difference| between the two forms' logits.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { friendlyError, type Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import { ssmDims } from '@/lib/model/ssm-shapes';
import { maxAbsDiff } from '@/lib/interp/routing';
import type { BackendPreference, Progress, WireTensor } from '@/lib/runtime/protocol';
import { fitIds, idsFeed, loadLive, runOn, type Live } from '../moe-router/live';
import { headNorms } from './layout';

export const MODEL = 'lm-ssm';
export const MAX_TOKENS = 48;

export interface ScanView {
  phase: 'idle' | 'loading' | 'parallel' | 'recurrent' | 'ready' | 'error';
  progress: Progress | null;
  step: number;
  labels: string[];
  H: number;
  /** per layer [T·H] */
  dt: Float32Array[];
  /** per layer, per token, ‖h‖ per head */
  norms: number[][][];
  maxDiff: number | null;
  maxLogit: number | null;
  parallelMs: number | null;
  recurrentMs: number | null;
  backend: 'webgpu' | 'wasm' | null;
  reason: string;
  note: string | null;
  fallback: string | null;
  error: string | null;
}

const EMPTY: ScanView = {
  phase: 'idle', progress: null, step: 0, labels: [], H: 8, dt: [], norms: [], maxDiff: null, maxLogit: null,
  parallelMs: null, recurrentMs: null, backend: null, reason: '', note: null, fallback: null, error: null,
};

const zeros = (dims: number[]): WireTensor => ({ dtype: 'float32', dims, data: new Float32Array(dims.reduce((a, b) => a * b, 1)) });

export function useScan(deps: Deps, text: string, pref: BackendPreference) {
  const [view, setView] = useState<ScanView>(EMPTY);
  const live = useRef<Live | null>(null);
  const seq = useRef(0);
  const last = useRef<string | null>(null);
  const patch = (p: Partial<ScanView>) => setView((v) => ({ ...v, ...p }));

  const scan = useCallback(async (s: string) => {
    const L = live.current!;
    const my = ++seq.current;
    last.current = s;
    const { ids, note } = fitIds(L.tok, s, MAX_TOKENS);
    if (ids.length === 0) return patch({ phase: 'ready', labels: [], dt: [], norms: [], maxDiff: null, note: 'Type some text.' });
    const { cfg } = L;
    const { K, Dc, H, P, N } = ssmDims(cfg);
    let backend = L.choice.backend;
    patch({ phase: 'parallel', note, step: 0 });
    const par = await runOn(L.client, MODEL, 'taps', { [names.ids()]: idsFeed(ids) }, backend);
    if (my !== seq.current) return;
    let fallback = par.fallback;
    if (fallback) backend = 'wasm';
    const parLogits = par.outputs[names.logits()].data as Float32Array; // [1, T, V]
    const dt = Array.from({ length: cfg.nLayer }, (_, l) => par.outputs[names.ssmDt(l)].data as Float32Array);
    patch({ phase: 'recurrent', H, dt, labels: ids.map((id) => L.tok.tokenText(id)), parallelMs: par.ms, fallback });
    let past: Record<string, WireTensor> = {};
    for (let l = 0; l < cfg.nLayer; l++) {
      past[names.pastConv(l)] = zeros([1, K - 1, Dc]);
      past[names.pastSsm(l)] = zeros([1, H, P, N]);
    }
    const V = cfg.vocabSize;
    const recLogits = new Float32Array(ids.length * V);
    const norms: number[][][] = Array.from({ length: cfg.nLayer }, () => []);
    let recMs = 0;
    for (let t = 0; t < ids.length; t++) {
      const r = await runOn(L.client, MODEL, 'kv-decode', { [names.ids()]: idsFeed([ids[t]]), ...past }, backend);
      if (my !== seq.current) return;
      if (r.fallback) {
        fallback = r.fallback;
        backend = 'wasm';
      }
      recMs += r.ms;
      recLogits.set(r.outputs[names.logits()].data as Float32Array, t * V);
      past = {};
      for (let l = 0; l < cfg.nLayer; l++) {
        past[names.pastConv(l)] = r.outputs[names.presentConv(l)];
        past[names.pastSsm(l)] = r.outputs[names.presentSsm(l)];
        norms[l].push(headNorms(r.outputs[names.presentSsm(l)].data as Float32Array, H));
      }
      if (t % 4 === 3) patch({ step: t + 1 });
    }
    let maxLogit = 0;
    for (const v of parLogits) maxLogit = Math.max(maxLogit, Math.abs(v));
    patch({ phase: 'ready', norms, maxDiff: maxAbsDiff(parLogits, recLogits), maxLogit, recurrentMs: recMs, backend, fallback, step: ids.length });
  }, []);

  const load = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const L = await loadLive(deps, MODEL, pref, (progress) => patch({ progress }));
      live.current = L;
      patch({ backend: L.choice.backend, reason: L.choice.reason });
      await scan(text);
    } catch (e) {
      patch({ phase: 'error', error: friendlyError(e) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deps, pref, scan]);

  useEffect(() => {
    if (!live.current || text === last.current) return;
    const h = setTimeout(() => scan(text).catch((e: unknown) => patch({ phase: 'error', error: friendlyError(e) })), 300);
    return () => clearTimeout(h);
  }, [text, scan, view.phase]);

  return { view, load };
}
