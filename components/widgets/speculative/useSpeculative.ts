'use client';
/**
 * The speculative widget's run, on the page's model worker: load lm and the draft, warm both up,
 * time plain decoding of lm (one kv-decode call per token), then speculative decoding of the same
 * length (lib/spec: k draft steps, one lm call on k + 1 tokens, caches rolled back on rejection),
 * showing every round when it ends. Both go through the same client.run plumbing and neither
 * renders while it is timed, so their ratio is fair.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import type { TransformerConfig } from '@/lib/model/config';
import type { ModelClient } from '@/lib/runtime/client';
import type { Backend, BackendChoice, Progress, WireTensor } from '@/lib/runtime/protocol';
import type { Round } from '@/lib/spec';
import type { SpeculativeState } from './index';

export type Phase = 'idle' | 'loading' | 'warming' | 'plain' | 'speculative' | 'done' | 'error';

export interface SpecView {
  phase: Phase;
  progress: Progress | null;
  choice: BackendChoice | null;
  backends: Backend[];
  promptText: string;
  rounds: Round[];
  newIds: number[];
  /** What plain decoding of lm produced (same seed): equal to newIds at temperature 0. */
  plainIds: number[];
  spec: { tokens: number; ms: number } | null;
  plain: { tokens: number; ms: number } | null;
  /** k of the run shown (the slider may have moved since). */
  k: number;
  error: string | null;
  note: string | null;
}

const EMPTY: SpecView = { phase: 'idle', progress: null, choice: null, backends: [], promptText: '', rounds: [], newIds: [], plainIds: [], spec: null, plain: null, k: 0, error: null, note: null };
const TARGET = 'lm';

export function useSpeculative(deps: Deps) {
  const [view, setView] = useState<SpecView>(EMPTY);
  const [tokenizer, setTokenizer] = useState<TokenizerLike | null>(null);
  const abort = useRef<AbortController | null>(null);
  /** A run asked for while one was going: the going one is cancelled and this one starts after it. */
  const queued = useRef<SpeculativeState | null>(null);
  const startRef = useRef<(s: SpeculativeState) => Promise<void>>(async () => {});
  const patch = (p: Partial<SpecView>) => setView((v) => ({ ...v, ...p }));
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(async (s: SpeculativeState) => {
    if (abort.current) {
      queued.current = s;
      abort.current.abort();
      return;
    }
    if (s.prompt.trim() === '') return patch({ note: 'Type a prompt first: both models continue your text.' });
    const ac = new AbortController();
    abort.current = ac;
    patch({ phase: 'loading', error: null, note: null, rounds: [], newIds: [], plainIds: [], spec: null, plain: null, k: s.k });
    try {
      const [client, tok, spec, tensor] = await Promise.all([deps.client(), deps.tokenizer(), import('@/lib/spec'), import('@/lib/tensor')]);
      setTokenizer(tok);
      const onProgress = (progress: Progress) => patch({ progress });
      const [lt, ld] = [await client.load(TARGET, { onProgress }), await client.load(s.draft, { onProgress })];
      await client.setBackend(s.backend);
      const choice = await client.choose(TARGET, 'decode');
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      const backends = new Set<Backend>();
      const lmOf = (id: string, cfg: TransformerConfig) => spec.runtimeLM(cfg, async (variant, feeds) => {
        const r = await runOn(client, id, variant, feeds as Record<string, WireTensor>);
        backends.add(r.backend);
        return r.outputs;
      });
      const cfgT = lt.info.config as TransformerConfig;
      const cfgD = ld.info.config as TransformerConfig;
      let prompt = tok.encode(s.prompt);
      const room = cfgT.contextLength - s.maxTokens;
      let note: string | null = null;
      if (prompt.length > room) {
        prompt = prompt.slice(-room);
        note = `Only the last ${room} tokens of the prompt are used, so prompt + ${s.maxTokens} new tokens fit lm's context of ${cfgT.contextLength}.`;
      }
      patch({ phase: 'warming', choice, note, promptText: tok.decode(prompt) });
      const sampler = { temperature: s.temperature };
      const common = { prompt, sampler, contextLength: cfgT.contextLength, signal: ac.signal };
      // warm-up: builds the graphs and sessions of both models (not timed)
      await spec.speculativeGenerate({ ...common, target: lmOf(TARGET, cfgT), draft: lmOf(s.draft, cfgD), maxNewTokens: Math.min(8, s.maxTokens), k: s.k, rng: tensor.mulberry32(s.seed) });
      await spec.plainGenerate({ ...common, target: lmOf(TARGET, cfgT), maxNewTokens: 2, rng: tensor.mulberry32(s.seed) });
      if (ac.signal.aborted) return patch({ phase: 'done' });
      patch({ phase: 'plain' });
      let t0 = performance.now();
      const plain = await spec.plainGenerate({ ...common, target: lmOf(TARGET, cfgT), maxNewTokens: s.maxTokens, rng: tensor.mulberry32(s.seed) });
      const plainRun = { tokens: plain.newIds.length, ms: performance.now() - t0 };
      if (ac.signal.aborted) return patch({ phase: 'done', plain: plainRun });
      patch({ phase: 'speculative', plain: plainRun, plainIds: plain.newIds });
      // no React updates during the timed run (rendering would be charged to speculative decoding);
      // the rounds appear when it ends
      t0 = performance.now();
      const r = await spec.speculativeGenerate({ ...common, target: lmOf(TARGET, cfgT), draft: lmOf(s.draft, cfgD), maxNewTokens: s.maxTokens, k: s.k, rng: tensor.mulberry32(s.seed) });
      const ms = performance.now() - t0;
      patch({ phase: 'done', rounds: r.rounds, spec: r.stopReason === 'aborted' ? null : { tokens: r.newIds.length, ms }, newIds: r.newIds, backends: [...backends] });
    } catch (e) {
      patch({ phase: 'error', error: friendlyError(e) });
    } finally {
      abort.current = null;
      const next = queued.current;
      queued.current = null;
      if (next) void startRef.current(next);
    }
  }, [deps]);
  startRef.current = start;

  const cancel = useCallback(() => abort.current?.abort(), []);
  return { view, start, cancel, tokenizer };
}

/** kv-prefill reads the prompt (workload 'prefill'); every later call is a short 'decode'. */
function runOn(client: ModelClient, id: string, variant: string, feeds: Record<string, WireTensor>) {
  return client.run(id, variant, feeds, { workload: variant === 'kv-prefill' ? 'prefill' : 'decode', transfer: true });
}
