'use client';
/**
 * Shared by the logit-lens and residual-stream widgets: load `lm` once (progress, backend
 * choice), then run its 'lens' graph (lib/interp/logit-lens.ts) over the token ids whenever they
 * change (debounced). One run returns the model's logits, the residual stream taps (embedding,
 * resid_mid and resid_post of every block) and the lens logits [L+1, T, V].
 */
import { useCallback, useMemo, useState } from 'react';
import type { Deps, TokenizerLike } from '@/components/lesson/live-model';
import { LIVE_DEBOUNCE_MS, useLiveRun, type LiveRunView } from '@/components/lesson/useLiveRun';
import { LENS_OUTPUT, LENS_VARIANT } from '@/lib/interp/lens-readout';
import { names } from '@/lib/model/names';
import type { BackendPreference, WireTensor } from '@/lib/runtime/protocol';

export type { Phase } from '@/components/lesson/useLiveRun';

export interface LensShape {
  nLayer: number;
  dModel: number;
  vocabSize: number;
}

/** What one run of the lens graph returned (flat float32 arrays). */
export interface LensRun {
  ids: number[];
  /** [L+1, T, V] */
  lens: Float32Array;
  lensDims: number[];
  /** [1, T, V] */
  logits: Float32Array;
  /** [1, T, C] each: the embedding, and per block resid_mid and resid_post. */
  embed: Float32Array;
  mid: Float32Array[];
  post: Float32Array[];
}

/** The live run, with the last finished run's LensRun as `run`. */
export type LensView = Omit<LiveRunView<LensShape, LensRun>, 'result'> & { run: LensRun | null };

export const DEBOUNCE_MS = LIVE_DEBOUNCE_MS;
/** Tokens the widgets run (the graph takes any length up to the context; 64 keeps the grid readable). */
export const MAX_TOKENS = 64;

function f32(outputs: Record<string, WireTensor>, name: string): WireTensor & { data: Float32Array } {
  const t = outputs[name];
  if (!t || t.dtype !== 'float32') throw new Error(`the lens run returned no float32 ${name}`);
  return t as WireTensor & { data: Float32Array };
}

/** The wire outputs of the 'lens' variant → a LensRun. */
export function lensRun(ids: readonly number[], outputs: Record<string, WireTensor>, nLayer: number): LensRun {
  const lens = f32(outputs, LENS_OUTPUT);
  return {
    ids: [...ids],
    lens: lens.data,
    lensDims: lens.dims,
    logits: f32(outputs, names.logits()).data,
    embed: f32(outputs, names.embed()).data,
    mid: Array.from({ length: nLayer }, (_, l) => f32(outputs, names.residMid(l)).data),
    post: Array.from({ length: nLayer }, (_, l) => f32(outputs, names.residPost(l)).data),
  };
}

/** ids: what to run (null = nothing yet, e.g. the tokenizer is still loading). */
export function useLens(deps: Deps, ids: readonly number[] | null, backend: BackendPreference) {
  const { view: live, load } = useLiveRun<LensShape, LensRun>(deps, LENS_VARIANT, ids, backend, (run, outputs, shape) => lensRun(run, outputs, shape.nLayer));
  const view = useMemo<LensView>(() => {
    const { result, ...rest } = live;
    return { ...rest, run: result };
  }, [live]);
  return { view, load };
}

/** Tokenizer + lens run for a prompt: the ids (at most MAX_TOKENS), their texts, and start (= Load). */
export function usePromptLens(deps: Deps, text: string, backend: BackendPreference) {
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const all = useMemo(() => (tok ? tok.encode(text) : null), [tok, text]);
  const ids = useMemo(() => (all ? all.slice(0, MAX_TOKENS) : null), [all]);
  const { view, load } = useLens(deps, ids, backend);
  const start = useCallback(async () => {
    try {
      setTok(await deps.tokenizer());
    } catch {
      // load() reports the failure (the model and the tokenizer come from the same server)
    }
    await load();
  }, [deps, load]);
  const runIds = view.run?.ids;
  const tokens = useMemo(() => (runIds ?? []).map((i) => tok?.tokenText(i) ?? `#${i}`), [runIds, tok]);
  const tokenText = useCallback((i: number) => tok?.tokenText(i) ?? `#${i}`, [tok]);
  return { view, start, tokens, tokenText, cut: (all?.length ?? 0) > MAX_TOKENS };
}

export function statusText(v: LensView): string {
  switch (v.phase) {
    case 'idle': return 'The model (about 4 MB) downloads when you press Load.';
    case 'loading': return v.progress?.phase === 'verify' ? 'Checking the model file (sha256)…' : 'Loading the model…';
    case 'running': return 'Running the model…';
    case 'ready': {
      if (!v.run) return 'Model loaded.';
      const ran = `Ran all ${v.shape?.nLayer ?? '?'} blocks and the lens on ${v.run.ids.length} tokens in ${Math.round(v.runMs ?? 0)} ms`;
      return v.runs > 1 ? `${ran}; the picture updated ${Math.round(v.updateMs ?? 0)} ms after your change (including a ${DEBOUNCE_MS} ms pause that waits for you to stop typing).` : `${ran}.`;
    }
    case 'error': return 'Something went wrong (see above).';
  }
}
