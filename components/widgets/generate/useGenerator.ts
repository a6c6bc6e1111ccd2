'use client';
/**
 * The generate widget's run: load the model (progress), pick backends (badge), stream tokens,
 * then one tapped run over prompt + output for the attention map and the last step's
 * distribution. Holds no tensors in React state beyond the attention taps of the last run.
 *
 * Fast start: `prefetch` (called while the student reads: hover, focus, or idle time once the
 * panel is visible) starts the worker, downloads the tokenizer and weights and runs a short
 * warm-up generation, so the click finds compiled sessions and WASM code that the browser has
 * already optimised (V8 first runs WebAssembly on a baseline compiler and optimises the hot
 * functions after many calls: in Chromium here a page's first 128-token generation decoded at
 * 140–200 tokens/s after a 24-token warm-up, its second at 270–450). A click stops the warm-up at once (it is cancelled between two steps). The backend choice never waits for a
 * calibration (the runtime times WebGPU in the background); once the run is done the panel asks
 * for the measured choice and updates its explanation when it arrives.
 * Streaming: tokens arrive one message each; the view is updated at most once per animation
 * frame (one React render for however many tokens came in), so the page never falls behind.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { names } from '@/lib/model/names';
import type { Backend, BackendChoice, Progress } from '@/lib/runtime/protocol';
import type { StopReason } from '@/lib/sample';
import type { GenerateState } from './index';
import { friendlyError, MODEL_ID, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { attentionOf, idsFeed, lastStep, samplerOf, type Attention, type NextToken } from './steps';

export type Phase = 'idle' | 'loading' | 'choosing' | 'generating' | 'tapping' | 'done' | 'error';

export interface RunView {
  phase: Phase;
  progress: Progress | null;
  choices: BackendChoice[];
  promptText: string;
  promptIds: number[];
  newIds: number[];
  text: string;
  stepMs: number[];
  stopReason?: StopReason;
  /** Backends that ran the generation steps, and the one that ran the tapped graph. */
  backends: Backend[];
  tap?: { backend: Backend; ms: number };
  attention: Attention | null;
  next: NextToken | null;
  error: string | null;
  /** A message about the input (empty prompt, prompt cut to fit), not a failure. */
  note: string | null;
  model: { nLayer: number; nHead: number; contextLength: number } | null;
}

const EMPTY: RunView = {
  phase: 'idle', progress: null, choices: [], promptText: '', promptIds: [], newIds: [], text: '', stepMs: [], backends: [],
  attention: null, next: null, error: null, note: null, model: null,
};

export const EMPTY_PROMPT_NOTE = 'Type a prompt first: the model continues your text.';

/** Calls `flush` at most once per animation frame (a timer where there are no frames); `now` flushes a pending call at once. */
export function frameBatcher(flush: () => void, raf: (cb: () => void) => unknown = defaultRaf): { schedule(): void; now(): void } {
  let pending = false;
  const run = () => {
    if (!pending) return;
    pending = false;
    flush();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      raf(run);
    },
    now: run,
  };
}

function defaultRaf(cb: () => void): unknown {
  return typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => cb()) : setTimeout(cb, 16);
}

/** Tokens of the warm-up generation: compiles both sessions and lets V8 optimise the decode path. */
export const WARMUP_TOKENS = 96;

export function useGenerator(deps: Deps, modelId = MODEL_ID) {
  const [view, setView] = useState<RunView>(EMPTY);
  const [tokenizer, setTokenizer] = useState<TokenizerLike | null>(null);
  const abort = useRef<AbortController | null>(null);
  const prefetched = useRef<Promise<void> | null>(null);
  const warming = useRef<AbortController | null>(null);
  const alive = useRef(true);
  const patch = (p: Partial<RunView>) => {
    if (alive.current) setView((v) => ({ ...v, ...p }));
  };

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      abort.current?.abort();
      warming.current?.abort();
    };
  }, []);

  /** Worker, tokenizer, weights and compiled sessions, ahead of the click (once; failures are retried by the click). */
  const prefetch = useCallback(
    (backend: GenerateState['backend'] = 'auto'): Promise<void> => {
      prefetched.current ??= (async () => {
        const [client] = await Promise.all([deps.client(), deps.tokenizer()]);
        await client.load(modelId, { onProgress: (progress) => patch({ progress }) });
        await client.setBackend(backend);
        // the student clicked while the model loaded: no warm-up in the way of that run (its click
        // found no warm-up to cancel yet, so one started now would share the engine with it)
        if (abort.current) return;
        const ac = new AbortController();
        warming.current = ac;
        // WebGPU asked for by name: 2 tokens compile its sessions (the long warm-up is for V8's WASM tiers)
        const tokens = backend === 'webgpu' ? 2 : WARMUP_TOKENS;
        await client.generate(modelId, { prompt: [0], maxNewTokens: tokens, sampler: { temperature: 0 } }, undefined, { signal: ac.signal });
        warming.current = null;
      })().catch(() => {
        prefetched.current = null; // the click reports the error
      });
      return prefetched.current;
    },
    [deps, modelId],
  );

  const start = useCallback(
    async (s: GenerateState) => {
      if (abort.current) return; // one run at a time
      if (s.prompt.trim() === '') {
        patch({ note: EMPTY_PROMPT_NOTE });
        return;
      }
      const ac = new AbortController();
      abort.current = ac;
      warming.current?.abort(); // the student's run goes first
      patch({ phase: 'loading', error: null, note: null });
      try {
        const [client, tok] = await Promise.all([deps.client(), deps.tokenizer()]);
        setTokenizer(tok);
        const loaded = await client.load(modelId, { onProgress: (progress) => patch({ progress }) });
        const cfg = (loaded.info.config ?? {}) as { nLayer?: number; nHead?: number; contextLength?: number };
        const model = { nLayer: cfg.nLayer ?? 1, nHead: cfg.nHead ?? 1, contextLength: cfg.contextLength ?? 256 };
        patch({ phase: 'choosing', model });
        await client.setBackend(s.backend);
        const choices = [await client.choose(modelId, 'prefill'), await client.choose(modelId, 'decode')];
        if (choices.some((c) => c.provisional)) {
          // the runtime times WebGPU in the background (in idle time); show its answer when it has one
          void Promise.all([client.choose(modelId, 'prefill', { measured: true }), client.choose(modelId, 'decode', { measured: true })])
            .then((measured) => patch({ choices: measured }))
            .catch(() => {});
        }
        setBackendStatus({ backend: choices[1].backend, reason: choices[1].reason });
        let promptIds = tok.encode(s.prompt);
        let note: string | null = null;
        const room = model.contextLength - 1;
        if (promptIds.length > room) {
          promptIds = promptIds.slice(-room);
          note = `The prompt is longer than the model's context of ${model.contextLength} tokens; only its last ${room} tokens are used.`;
        }
        const newIds: number[] = [];
        const stepMs: number[] = [];
        patch({
          phase: 'generating', choices, note, promptIds, promptText: tok.decode(promptIds), newIds: [], text: '', stepMs: [],
          stopReason: undefined, backends: [], tap: undefined, attention: null, next: null,
        });
        const sampler = samplerOf(s);
        const frame = frameBatcher(() => patch({ newIds: [...newIds], stepMs: [...stepMs], text: tok.decode(newIds) }));
        const r = await client.generate(
          modelId,
          { prompt: promptIds, maxNewTokens: s.maxTokens, sampler, seed: s.seed },
          (t) => {
            newIds.push(t.id);
            stepMs.push(t.ms);
            frame.schedule();
          },
          { signal: ac.signal },
        );
        frame.now();
        patch({ phase: 'tapping', stopReason: r.stopReason, backends: r.backends, newIds: r.newIds, text: tok.decode(r.newIds) });
        // one forward pass of the taps graph over everything: attention maps + the last step's logits
        const tapped = await client.run(modelId, 'taps', idsFeed(r.ids), { workload: 'prefill' });
        patch({
          phase: 'done',
          tap: { backend: tapped.backend, ms: tapped.ms },
          attention: attentionOf(tapped.outputs),
          next: lastStep(tapped.outputs[names.logits()], r.ids, r.newIds.length, sampler),
        });
      } catch (e) {
        patch({ phase: 'error', error: friendlyError(e) });
      } finally {
        abort.current = null;
      }
    },
    [deps, modelId],
  );

  const stop = useCallback(() => abort.current?.abort(), []);
  return { view, start, stop, tokenizer, prefetch };
}
